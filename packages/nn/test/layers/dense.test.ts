import { checkGrad, constant, sum, variable } from '@chainrule/autograd';
import { Dense, ReLU, Sequential, Sigmoid, Tanh, uniform, xavierUniform } from '@chainrule/nn';
import { DTypeError, Rng, ShapeError, ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('Dense', () => {
  it('holds weight [inFeatures, outFeatures] and a zero bias [outFeatures]', () => {
    const layer = new Dense(3, 5, { rng: new Rng(1) });
    expect(layer.weight.shape).toEqual([3, 5]);
    expect(layer.weight.dtype).toBe('float32');
    expect(layer.bias!.shape).toEqual([5]);
    expect(flat(layer.bias!.value)).toEqual([0, 0, 0, 0, 0]);
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight', 'bias']);
    expect(layer.inFeatures).toBe(3);
    expect(layer.outFeatures).toBe(5);
  });

  it('computes x·W + b', () => {
    const layer = new Dense(2, 3, { rng: new Rng(1), dtype: 'float64' });
    layer.loadStateDict({
      weight: tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: 'float64' },
      ),
      bias: tensor([0.5, 0, -1], { dtype: 'float64' }),
    });
    const out = layer.forward(
      tensor(
        [
          [1, 2],
          [0, -1],
        ],
        { dtype: 'float64' },
      ),
    );
    expect(out.toArray()).toEqual([
      [1 + 8 + 0.5, 2 + 10, 3 + 12 - 1],
      [-4 + 0.5, -5, -6 - 1],
    ]);
  });

  it('has no bias with bias: false', () => {
    const layer = new Dense(2, 1, { bias: false, rng: new Rng(1) });
    expect(layer.bias).toBeNull();
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight']);
  });

  it('draws the weight from init and rng: xavierUniform by default, reproducible from the seed', () => {
    const byDefault = new Dense(30, 20, { rng: new Rng(4), dtype: 'float64' });
    expect(flat(byDefault.weight.value)).toEqual(flat(xavierUniform()([30, 20], new Rng(4), 'float64')));
    const bound = Math.sqrt(6 / 50);
    expect(flat(byDefault.weight.value).every((w) => Math.abs(w) <= bound)).toBe(true);
    const tutorial = new Dense(3, 4, { init: uniform(0, 1), rng: new Rng(4), dtype: 'float64' });
    expect(flat(tutorial.weight.value)).toEqual(flat(new Rng(4).uniform([3, 4], 0, 1, { dtype: 'float64' })));
    expect(flat(new Dense(3, 4, { rng: new Rng(4) }).weight.value)).toEqual(
      flat(new Dense(3, 4, { rng: new Rng(4) }).weight.value),
    );
  });

  it('gets gradients xᵀ·g for the weight and Σ_rows g for the bias', () => {
    const layer = new Dense(2, 2, { rng: new Rng(2), dtype: 'float64' });
    sum(
      layer.forward(
        constant(
          tensor(
            [
              [1, 2],
              [3, 4],
              [5, 6],
            ],
            { dtype: 'float64' },
          ),
        ),
      ),
    ).backward();
    expect(layer.weight.grad!.toArray()).toEqual([
      [9, 9],
      [12, 12],
    ]);
    expect(layer.bias!.grad!.toArray()).toEqual([3, 3]);
  });

  it('passes the gradient check with respect to its input', () => {
    const layer = new Dense(3, 2, { rng: new Rng(3), dtype: 'float64' });
    checkGrad((x) => layer.forward(x), [new Rng(5).normal([4, 3], 0, 1, { dtype: 'float64' })], { order: 2 });
  });

  it('accepts a batch with leading axes', () => {
    const layer = new Dense(3, 2, { rng: new Rng(3) });
    expect(layer.forward(variable(new Rng(1).normal([5, 4, 3]))).shape).toEqual([5, 4, 2]);
  });

  it('rejects an input whose last axis is not inFeatures', () => {
    const layer = new Dense(3, 2, { rng: new Rng(3) });
    expect(() => layer.forward(tensor([[1, 2]]))).toThrow(ShapeError);
    expect(() => layer.forward(tensor([[1, 2]]))).toThrow(
      'Dense: input must have shape [..., 3] (last axis inFeatures); got [1,2]',
    );
    expect(() => layer.forward(tensor([1, 2]))).toThrow(/got \[2\]/);
    expect(() => layer.forward(2)).toThrow(/got \[\]/);
  });

  it("takes a 1-D input [inFeatures] to [outFeatures], as PyTorch's nn.Linear does", () => {
    const layer = new Dense(3, 2, { rng: new Rng(3), dtype: 'float64', activation: 'tanh' });
    layer.weight.value = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      f64,
    );
    layer.bias!.value = tensor([0.5, -1], f64);
    const out = layer.forward(tensor([1, -1, 0.5], f64));
    expect(out.shape).toEqual([2]);
    // x·W + b = [1 − 3 + 2.5 + 0.5, 2 − 4 + 3 − 1] = [1, 0]
    expectClose(flat(out.value), [Math.tanh(1), 0], 1e-15);
    // Each row of a batch gives what the same row alone gives.
    const batch = layer.forward(tensor([[1, -1, 0.5]], f64));
    expect(flat(batch.value)).toEqual(flat(out.value));
    checkGrad((x) => layer.forward(x), [tensor([0.3, -0.2, 0.9], f64)], { order: 2 });
  });

  it('requires an Rng and positive integer sizes', () => {
    expect(() => new Dense(3, 2, {} as { rng: Rng })).toThrow(ValueError);
    expect(() => new Dense(3, 2, {} as { rng: Rng })).toThrow(/Dense: options.rng must be an Rng/);
    expect(() => new Dense(0, 2, { rng: new Rng(1) })).toThrow(/inFeatures must be a positive integer; got number 0/);
    expect(() => new Dense(2, 1.5, { rng: new Rng(1) })).toThrow(/outFeatures must be a positive integer/);
    expect(() => new Dense(Number.NaN, 1, { rng: new Rng(1) })).toThrow(ValueError);
  });

  it('rejects an initialiser that returns the wrong shape', () => {
    const wrong = () => tensor([1, 2]);
    expect(() => new Dense(2, 2, { rng: new Rng(1), init: wrong })).toThrow(
      /Dense: options.init returned \[2\] float32; expected a \[2,2\] float32 Tensor/,
    );
  });

  it('rejects an initialiser that returns the wrong dtype with a DTypeError naming both dtypes', () => {
    const wrong = () => tensor([[1], [2]], { dtype: 'float64' });
    expect(() => new Dense(2, 1, { rng: new Rng(1), init: wrong })).toThrow(DTypeError);
    expect(() => new Dense(2, 1, { rng: new Rng(1), init: wrong })).toThrow(
      /Dense: options.init returned a float64 weight; expected dtype float32/,
    );
  });
});

describe('Dense with an activation', () => {
  const activations = ['relu', 'sigmoid', 'tanh'] as const;
  const modules = { relu: new ReLU(), sigmoid: new Sigmoid(), tanh: new Tanh() };

  for (const dtype of ['float32', 'float64'] as const) {
    it(`equals Dense followed by the activation module, values and gradients bit for bit (${dtype})`, () => {
      const x = new Rng(5).uniform([6, 3], -2, 2, { dtype });
      for (const activation of activations) {
        const withActivation = new Dense(3, 4, { rng: new Rng(6), dtype, activation });
        const plain = new Dense(3, 4, { rng: new Rng(6), dtype });
        withActivation.bias!.value = new Rng(7).uniform([4], -1, 1, { dtype });
        plain.bias!.value = withActivation.bias!.value;
        const withActivationOut = withActivation.forward(x);
        const plainOut = new Sequential(plain, modules[activation]).forward(x);
        expect(withActivationOut.op).toBe(activation); // x·W + b, then the activation's own op
        expect(flat(withActivationOut.value)).toEqual(flat(plainOut.value));
        sum(withActivationOut).backward();
        sum(plainOut).backward();
        expect(flat(withActivation.weight.grad!.value)).toEqual(flat(plain.weight.grad!.value));
        expect(flat(withActivation.bias!.grad!.value)).toEqual(flat(plain.bias!.grad!.value));
      }
    });
  }

  it('keeps the activation out of the parameters and the state dict', () => {
    const layer = new Dense(2, 3, { rng: new Rng(8), activation: 'tanh' });
    expect(layer.activation).toBe('tanh');
    expect(new Dense(2, 3, { rng: new Rng(8) }).activation).toBe('linear');
    expect(Object.keys(layer.stateDict())).toEqual(['weight', 'bias']);
    expect(layer.parameters()).toHaveLength(2);
  });

  it('matches central differences through the layer', () => {
    const layer = new Dense(3, 2, { rng: new Rng(9), dtype: 'float64', activation: 'sigmoid' });
    checkGrad((x) => layer.forward(x), [new Rng(10).uniform([4, 3], -2, 2, { dtype: 'float64' })], { order: 2 });
  });

  it('rejects an unknown activation when it is built', () => {
    expect(() => new Dense(2, 3, { rng: new Rng(1), activation: 'softmax' as never })).toThrow(ValueError);
    expect(() => new Dense(2, 3, { rng: new Rng(1), activation: 'softmax' as never })).toThrow(
      /^Dense: unknown activation 'softmax'; expected 'linear', 'relu', 'sigmoid' or 'tanh'/,
    );
  });
});
