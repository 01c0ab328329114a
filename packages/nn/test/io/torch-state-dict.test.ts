import { constant } from '@chainrule/autograd';
import {
  Dense,
  Module,
  Parameter,
  Sequential,
  Sigmoid,
  StateDictError,
  loadSafetensors,
  loadTorchStateDict,
  saveSafetensors,
  toTorchStateDict,
} from '@chainrule/nn';
import { type DType, type NestedArray, Rng, type Tensor, ValueError, tensor, transpose } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { readFixture, readJsonFixture } from '../fixtures/torch/fixture-files';
import { chainruleFixture, fixtureModels, fixtureNames } from '../fixtures/torch/models';
import { flat } from '../helpers';

const dtypes = ['float32', 'float64'] as const;
// Scaled errors within 1e-6 in float32 (about 8 ulps) and 1e-12 in float64: the two libraries sum matrix products
// in different orders, so the last bits may differ; the scale is max(|expected|, 1) (inputs and weights are of order 1).
const tolerance = { float32: 1e-6, float64: 1e-12 } as const;

interface Record {
  torch: string;
  inputs: NestedArray;
  outputs: NestedArray;
}

function expectAgrees(actual: Tensor, expected: NestedArray, dtype: DType): void {
  const wanted = flat(tensor(expected, { dtype }));
  const got = flat(actual);
  expect(got.length).toBe(wanted.length);
  got.forEach((value, i) => {
    const error = Math.abs(value - wanted[i]!) / Math.max(Math.abs(wanted[i]!), 1);
    if (!(error <= tolerance[dtype])) expect.fail(`element ${i}: ${value} vs PyTorch ${wanted[i]} (${error})`);
  });
}

describe('PyTorch state dicts', () => {
  for (const name of fixtureNames) {
    for (const dtype of dtypes) {
      it(`load from a file PyTorch wrote (${name}, ${dtype}) and give PyTorch's outputs`, () => {
        const { tensors } = loadSafetensors(readFixture(`torch-${name}-${dtype}.safetensors`));
        const record = readJsonFixture<Record>(`torch-${name}-${dtype}.json`);
        const model = fixtureModels[name].build(dtype, new Rng(0));
        loadTorchStateDict(model, tensors);
        expectAgrees(model.forward(constant(tensor(record.inputs, { dtype }))).value, record.outputs, dtype);
        // And back: the same names, layouts and values as PyTorch's own state dict, bit for bit.
        const back = toTorchStateDict(model);
        expect(Object.keys(back).sort()).toEqual(Object.keys(tensors).sort());
        for (const key of Object.keys(tensors)) {
          expect(back[key]!.shape).toEqual(tensors[key]!.shape);
          expect(back[key]!.dtype).toBe(dtype);
          expect(flat(back[key]!)).toEqual(flat(tensors[key]!));
        }
      });

      it(`write a file PyTorch loads (${name}, ${dtype}) and gives chainrule's outputs`, () => {
        const { model, inputs } = chainruleFixture(name, dtype);
        const bytes = saveSafetensors(toTorchStateDict(model));
        // The file PyTorch loaded with load_state_dict(strict=True) is what chainrule writes today, byte for byte...
        expect(bytes).toEqual(readFixture(`chainrule-${name}-${dtype}.safetensors`));
        const record = readJsonFixture<Record>(`chainrule-${name}-${dtype}.json`);
        expect(flat(tensor(record.inputs, { dtype }))).toEqual(flat(inputs));
        // ...and PyTorch's outputs with those weights are chainrule's.
        expectAgrees(model.forward(constant(inputs)).value, record.outputs, dtype);
      });
    }
  }

  it('name Sequential children as torch.nn.Sequential does and transpose Dense weights only', () => {
    const rng = new Rng(3);
    class Block extends Module {
      readonly inner = new Sequential(new Dense(2, 3, { rng }), new Sigmoid());
      readonly scale = new Parameter(tensor([[1, 2, 3]]));
      readonly heads = [new Dense(3, 1, { rng, bias: false })];
      forward() {
        return constant(tensor(0));
      }
    }
    const model = new Sequential(new Block(), new Dense(3, 2, { rng }));
    const dict = toTorchStateDict(model);
    expect(Object.keys(dict)).toEqual([
      '0.inner.0.weight',
      '0.inner.0.bias',
      '0.scale',
      '0.heads.0.weight',
      '1.weight',
      '1.bias',
    ]);
    const named = new Map(model.namedParameters());
    expect(dict['0.inner.0.weight']!.shape).toEqual([3, 2]);
    expect(flat(dict['0.inner.0.weight']!)).toEqual(
      flat(transpose(named.get('layers.0.inner.layers.0.weight')!.value)),
    );
    expect(dict['0.scale']!.shape).toEqual([1, 3]); // not a Dense weight: as it is
    expect(dict['0.heads.0.weight']!.shape).toEqual([1, 3]);
    expect(dict['1.bias']!.shape).toEqual([2]);
  });

  it('copy: later training does not change a dict, and loading does not keep the caller’s tensors', () => {
    const model = new Sequential(new Dense(2, 2, { rng: new Rng(1) }));
    const dict = toTorchStateDict(model);
    const before = flat(dict['0.weight']!);
    model.layers[0]!.parameters()[0]!.value.data[0] = 42;
    expect(flat(dict['0.weight']!)).toEqual(before);
    loadTorchStateDict(model, dict);
    dict['0.weight']!.data[0] = -7;
    expect(model.parameters()[0]!.value.data[0]).not.toBe(-7);
  });

  it('report every problem under PyTorch names and layouts, and leave the model unchanged', () => {
    const model = new Sequential(
      new Dense(3, 4, { rng: new Rng(1) }),
      new Sigmoid(),
      new Dense(4, 1, { rng: new Rng(2) }),
    );
    const before = model.stateDict();
    const dict = toTorchStateDict(model);
    const wrong = {
      '0.weight': transpose(dict['0.weight']!), // chainrule's layout instead of PyTorch's
      '0.bias': tensor([1, 2, 3, 4], { dtype: 'float64' }),
      '2.bias': 'zero' as unknown as Tensor,
      'layers.2.weight': dict['2.weight']!,
    };
    let error: StateDictError | null = null;
    try {
      loadTorchStateDict(model, wrong);
    } catch (caught) {
      error = caught as StateDictError;
    }
    expect(error).toBeInstanceOf(StateDictError);
    expect(error!.message).toBe(
      "loadTorchStateDict: '0.weight' is [3,4] float32, expected [4,3] float32 (Linear's [out, in] layout); '0.bias' is [4] float64, expected [4] float32; missing key '2.weight' (expected [1,4] float32 (Linear's [out, in] layout)); '2.bias' must be a Tensor; got string 'zero'; unexpected key 'layers.2.weight'",
    );
    expect(error!.missingKeys).toEqual(['2.weight']);
    expect(error!.unexpectedKeys).toEqual(['layers.2.weight']);
    expect(error!.mismatchedKeys).toEqual(['0.weight', '0.bias', '2.bias']);
    const after = model.stateDict();
    for (const key of Object.keys(before)) expect(flat(after[key]!)).toEqual(flat(before[key]!));
  });

  it('keep a parameter named __proto__ as an own key, both ways', () => {
    class Odd extends Module {
      readonly ['__proto__'] = new Parameter(tensor([1, 2]));
      forward() {
        return constant(tensor(0));
      }
    }
    const model = new Odd();
    const dict = toTorchStateDict(model);
    expect(Object.keys(dict)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(dict)).toBe(Object.prototype);
    const changed = toTorchStateDict(model);
    Object.values(changed)[0]!.data[0] = 5;
    loadTorchStateDict(model, changed);
    expect(model.parameters()[0]!.toArray()).toEqual([5, 2]);
  });

  it('load a partial dict with { strict: false }', () => {
    const model = new Sequential(new Dense(3, 4, { rng: new Rng(1) }), new Dense(4, 1, { rng: new Rng(2) }));
    const bias = model.parameters()[3]!.value;
    loadTorchStateDict(
      model,
      {
        '0.weight': tensor([
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
          [10, 11, 12],
        ]),
        extra: tensor(1),
      },
      {
        strict: false,
      },
    );
    expect(model.parameters()[0]!.toArray()).toEqual([
      [1, 4, 7, 10],
      [2, 5, 8, 11],
      [3, 6, 9, 12],
    ]);
    expect(model.parameters()[3]!.value).toBe(bias);
  });

  it('reject what is not a model or a dict, bad options, and names PyTorch could not tell apart', () => {
    const model = new Sequential(new Dense(1, 1, { rng: new Rng(1) }));
    expect(() => toTorchStateDict({} as never)).toThrow(/^toTorchStateDict: expected a Module; got an object/);
    expect(() => loadTorchStateDict(model, null as never)).toThrow(
      /^loadTorchStateDict: expected a plain object of name -> Tensor \(such as loadSafetensors\(bytes\)\.tensors\); got null/,
    );
    expect(() => loadTorchStateDict(model, new Map() as never)).toThrow(
      /got a Map \(convert it with Object\.fromEntries\(map\)\)/,
    );
    expect(() => loadTorchStateDict(model, {}, { strict: 'no' as never })).toThrow(ValueError);
    class Clash extends Sequential {
      readonly 0 = new Dense(1, 1, { rng: new Rng(2) });
    }
    expect(() => toTorchStateDict(new Clash(new Dense(1, 1, { rng: new Rng(3) })))).toThrow(
      /^toTorchStateDict: parameters '0.weight' and 'layers.0.weight' would both be named '0.weight' in PyTorch$/,
    );
  });
});
