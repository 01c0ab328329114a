import { type Var, type VarLike, add, constant } from '@chainrule/autograd';
import { Dense, Module, Parameter, Sequential, Sigmoid, StateDictError } from '@chainrule/nn';
import { ChainruleError, Rng, type Tensor, ValueError, tensor, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

function makeModel(seed: number): Sequential {
  const rng = new Rng(seed);
  return new Sequential(
    new Dense(3, 4, { rng, dtype: 'float64' }),
    new Sigmoid(),
    new Dense(4, 2, { rng, dtype: 'float64' }),
  );
}

function catchError(fn: () => void): StateDictError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StateDictError);
    expect(error).toBeInstanceOf(ChainruleError);
    return error as StateDictError;
  }
  throw new Error('expected a StateDictError');
}

describe('Module.stateDict', () => {
  it('maps every parameter name to a copy of its value', () => {
    const model = makeModel(1);
    const dict = model.stateDict();
    expect(Object.keys(dict)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
    expect(dict['layers.0.weight']!.shape).toEqual([3, 4]);
    expect(flat(dict['layers.0.weight']!)).toEqual(flat(model.parameters()[0]!.value));
    expect(dict['layers.0.weight']!.data).not.toBe(model.parameters()[0]!.value.data);
  });

  it('does not change when the model trains, and writing it does not change the model', () => {
    const model = makeModel(1);
    const dict = model.stateDict();
    const before = flat(dict['layers.0.bias']!);
    const parameter = model.parameters()[1]!;
    parameter.value = tensor([9, 9, 9, 9], { dtype: 'float64' });
    expect(flat(dict['layers.0.bias']!)).toEqual(before);
    (dict['layers.0.bias']!.data as Float64Array).fill(-1);
    expect(flat(parameter.value)).toEqual([9, 9, 9, 9]);
  });
});

describe('Module.loadStateDict', () => {
  it('makes a second model compute exactly what the first computes', () => {
    const source = makeModel(1);
    const target = makeModel(2);
    const x = constant(
      tensor(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(flat(target.forward(x).value)).not.toEqual(flat(source.forward(x).value));
    target.loadStateDict(source.stateDict());
    expect(flat(target.forward(x).value)).toEqual(flat(source.forward(x).value));
  });

  it('copies the tensors it loads', () => {
    const model = makeModel(1);
    const dict = model.stateDict();
    const weight = tensor([1, 2, 3, 4], { dtype: 'float64' });
    model.loadStateDict({ ...dict, 'layers.0.bias': weight });
    (weight.data as Float64Array).fill(0);
    expect(flat(model.parameters()[1]!.value)).toEqual([1, 2, 3, 4]);
  });

  it('names a missing key with its expected shape and changes nothing', () => {
    const model = makeModel(1);
    const before = model.stateDict();
    const dict: Record<string, Tensor> = { ...makeModel(2).stateDict() };
    delete dict['layers.2.bias'];
    const error = catchError(() => model.loadStateDict(dict));
    expect(error.message).toBe("loadStateDict: missing key 'layers.2.bias' (expected [2] float64)");
    expect(error.missingKeys).toEqual(['layers.2.bias']);
    expect(model.stateDict()).toEqual(before);
  });

  it('names an unexpected key', () => {
    const model = makeModel(1);
    const error = catchError(() => model.loadStateDict({ ...model.stateDict(), 'layers.5.weight': zeros([1]) }));
    expect(error.message).toBe("loadStateDict: unexpected key 'layers.5.weight'");
    expect(error.unexpectedKeys).toEqual(['layers.5.weight']);
  });

  it('names a wrong shape or dtype with both shapes, and applies none of the valid entries', () => {
    const model = makeModel(1);
    const before = model.stateDict();
    const other = makeModel(2).stateDict();
    const shapeError = catchError(() =>
      model.loadStateDict({ ...other, 'layers.0.weight': zeros([4, 3], { dtype: 'float64' }) }),
    );
    expect(shapeError.message).toBe("loadStateDict: 'layers.0.weight' is [4,3] float64, expected [3,4] float64");
    expect(shapeError.mismatchedKeys).toEqual(['layers.0.weight']);
    expect(model.stateDict()).toEqual(before);
    const dtypeError = catchError(() => model.loadStateDict({ ...other, 'layers.2.bias': zeros([2]) }));
    expect(dtypeError.message).toMatch(/'layers.2.bias' is \[2\] float32, expected \[2\] float64/);
    const valueError = catchError(() =>
      model.loadStateDict({ ...other, 'layers.2.bias': [0, 0] as unknown as Tensor }),
    );
    expect(valueError.message).toMatch(/'layers.2.bias' must be a Tensor; got an array/);
    expect(model.stateDict()).toEqual(before);
  });

  it('reports every problem at once', () => {
    const model = makeModel(1);
    const error = catchError(() => model.loadStateDict({ 'layers.0.weight': zeros([1]), extra: zeros([1]) }));
    expect(error.missingKeys).toEqual(['layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
    expect(error.unexpectedKeys).toEqual(['extra']);
    expect(error.mismatchedKeys).toEqual(['layers.0.weight']);
  });

  it('with strict: false ignores missing and extra keys but still checks shapes', () => {
    const model = makeModel(1);
    const bias = tensor([1, 2], { dtype: 'float64' });
    model.loadStateDict({ 'layers.2.bias': bias, unrelated: zeros([7]) }, { strict: false });
    expect(flat(model.parameters()[3]!.value)).toEqual([1, 2]);
    expect(() => model.loadStateDict({ 'layers.2.bias': zeros([3], { dtype: 'float64' }) }, { strict: false })).toThrow(
      StateDictError,
    );
  });

  it('rejects a strict option that is not a boolean, and changes nothing', () => {
    const model = makeModel(1);
    const before = flat(model.parameters()[3]!.value);
    const dict = { 'layers.2.bias': tensor([1, 2], { dtype: 'float64' }), unrelated: zeros([7]) };
    for (const strict of [0, 'no', null]) {
      expect(() => model.loadStateDict(dict, { strict } as unknown as { strict: boolean })).toThrow(ValueError);
      expect(() => model.loadStateDict(dict, { strict } as unknown as { strict: boolean })).toThrow(
        /loadStateDict: options.strict must be a boolean/,
      );
    }
    expect(flat(model.parameters()[3]!.value)).toEqual(before);
  });

  it('rejects something that is not a dict', () => {
    expect(() => makeModel(1).loadStateDict(null as unknown as Record<string, Tensor>)).toThrow(StateDictError);
  });

  it('saves and loads a custom layer by its field names', () => {
    class Affine extends Module {
      readonly scale = new Parameter(tensor([1, 1]));
      readonly shift = new Parameter(tensor([0, 0]));
      forward(x: VarLike): Var {
        return add(x, this.shift);
      }
    }
    const layer = new Affine();
    expect(Object.keys(layer.stateDict())).toEqual(['scale', 'shift']);
    layer.loadStateDict({ scale: tensor([2, 3]), shift: tensor([4, 5]) });
    expect(flat(layer.shift.value)).toEqual([4, 5]);
  });
});
