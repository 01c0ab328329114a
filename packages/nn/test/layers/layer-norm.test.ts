import { checkGrad, constant, mul, sum, variable } from '@chainrule/autograd';
import { LayerNorm } from '@chainrule/nn';
import { DTypeError, Rng, ShapeError, ValueError, reshape, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('LayerNorm', () => {
  it('normalises each row to mean 0 and variance 1 (biased), as torch.nn.LayerNorm(4)', () => {
    const layer = new LayerNorm(4, { dtype: 'float64' });
    const out = layer.forward(
      tensor(
        [
          [1, 2, 3, 4],
          [2, 2, 2, 2],
        ],
        f64,
      ),
    );
    // Row 1: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25; torch gives [-1.3416, -0.4472, 0.4472, 1.3416].
    // Row 2: constant, so every centred value is 0 and the output 0 (ε keeps the division finite).
    const root = Math.sqrt(1.25 + 1e-5);
    expectClose(flat(out.value), [-1.5 / root, -0.5 / root, 0.5 / root, 1.5 / root, 0, 0, 0, 0], 1e-15);
    expectClose(flat(out.value).slice(0, 4), [-1.3416, -0.4472, 0.4472, 1.3416], 1e-4);
  });

  it('holds γ (ones) and β (zeros) of the normalized shape, and applies them', () => {
    const layer = new LayerNorm(2, { dtype: 'float64', eps: 0.25 });
    expect(layer.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([
      ['weight', [2]],
      ['bias', [2]],
    ]);
    expect(flat(layer.weight!.value)).toEqual([1, 1]);
    expect(flat(layer.bias!.value)).toEqual([0, 0]);
    layer.weight!.value = tensor([2, 3], f64);
    layer.bias!.value = tensor([10, 20], f64);
    // x = [0, 2]: mean 1, variance 1, √(1 + 0.25) = 1.118...: normalized [−1, 1]/√1.25
    const n = 1 / Math.sqrt(1.25);
    expectClose(flat(layer.forward(tensor([0, 2], f64)).value), [10 - 2 * n, 20 + 3 * n], 1e-14);
  });

  it('without elementwiseAffine or bias has fewer parameters', () => {
    expect(new LayerNorm(3, { elementwiseAffine: false }).parameters()).toEqual([]);
    expect(new LayerNorm(3, { bias: false }).namedParameters().map(([name]) => name)).toEqual(['weight']);
    expect(new LayerNorm(3).eps).toBe(1e-5);
  });

  it('normalises over several trailing axes as one', () => {
    const x = new Rng(1).normal([3, 2, 2], 0, 2, f64);
    const overTwo = new LayerNorm([2, 2], { dtype: 'float64' }).forward(x);
    const overFlat = new LayerNorm(4, { dtype: 'float64' }).forward(reshape(x, [3, 4]));
    expect(overTwo.shape).toEqual([3, 2, 2]);
    expectClose(flat(overTwo.value), flat(overFlat.value), 1e-15);
  });

  it('its input gradient sums to 0 over each normalized row (the output ignores a shift of the row)', () => {
    const layer = new LayerNorm(4, { dtype: 'float64', elementwiseAffine: false });
    const x = variable(new Rng(2).normal([3, 4], 0, 1, f64));
    sum(mul(layer.forward(x), constant(new Rng(3).normal([3, 4], 0, 1, f64)))).backward();
    const grad = flat(x.grad!.value);
    for (let row = 0; row < 3; row++) {
      expect(Math.abs(grad.slice(4 * row, 4 * row + 4).reduce((a, b) => a + b))).toBeLessThan(1e-14);
    }
  });

  it('passes the gradient check with respect to its input, to second order', () => {
    const layer = new LayerNorm(3, { dtype: 'float64' });
    const rng = new Rng(4);
    layer.weight!.value = rng.normal([3], 1, 0.5, f64);
    layer.bias!.value = rng.normal([3], 0, 0.5, f64);
    checkGrad((x) => layer.forward(x), [rng.normal([2, 3], 0, 1, f64)], { order: 2 });
  });

  it('gives γ and β their gradients: ∂L/∂β = Σ_rows g, ∂L/∂γ = Σ_rows g·x̂', () => {
    const layer = new LayerNorm(2, { dtype: 'float64', eps: 0.25 });
    layer.weight!.value = tensor([2, 3], f64);
    const x = tensor(
      [
        [0, 2],
        [5, 3],
      ],
      f64,
    );
    const g = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      f64,
    );
    sum(mul(layer.forward(x), constant(g))).backward();
    // x̂ = [[−1, 1], [1, −1]]/√1.25 (each row: mean ±1 away, variance 1).
    const n = 1 / Math.sqrt(1.25);
    expectClose(flat(layer.bias!.grad!.value), [1 + 3, 2 + 4], 1e-15);
    expectClose(flat(layer.weight!.grad!.value), [-1 * n + 3 * n, 2 * n - 4 * n], 1e-15);
  });

  it('rejects bad shapes, dtypes and options', () => {
    const layer = new LayerNorm([2, 3]);
    expect(() => layer.forward(tensor([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => layer.forward(tensor([[1, 2, 3]]))).toThrow(
      'LayerNorm: input must have shape [..., 2, 3] (the normalized shape last); got [1,3]',
    );
    expect(() => layer.forward(tensor([1, 2, 3]))).toThrow(ShapeError);
    expect(() => layer.forward(tensor([[1, 2, 3]], f64))).toThrow(ShapeError);
    expect(() => new LayerNorm(3).forward(tensor([1, 2, 3], f64))).toThrow(DTypeError);
    expect(() => new LayerNorm(0)).toThrow(ValueError);
    expect(() => new LayerNorm([])).toThrow(
      'LayerNorm: normalizedShape must be a positive integer or a non-empty array of them; got []',
    );
    expect(() => new LayerNorm(3, { eps: 0 })).toThrow('LayerNorm: eps must be a finite number > 0; got number 0');
    expect(() => new LayerNorm(3, { epsilon: 1 } as never)).toThrow("LayerNorm: unknown option 'epsilon'");
    expect(() => new LayerNorm(3, { bias: 1 } as never)).toThrow('LayerNorm: bias must be a boolean; got number 1');
    expect(() => new LayerNorm(3).forward(2)).toThrow(ValueError);
  });
});
