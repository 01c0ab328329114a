// Gradients at numerical extremes: inputs of ±1e4, ±1e30 and each dtype's largest finite value. sigmoid, tanh and
// logSumExp (with the log-softmax built on it) keep finite values and finite first and second derivatives there;
// exp's gradient overflows exactly where exp itself does (legitimately: e^1e4 is not representable).
import { describe, expect, it } from 'vitest';
import { type Var, exp, grad, logSumExp, mean, sigmoid, sub, sum, tanh, variable } from '@chainrule/autograd';
import { type DType, tensor } from '@chainrule/tensor';

const largestOf: Record<DType, number> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };
const flat = (t: { toArray(): unknown }): number[] => [t.toArray()].flat(3) as number[];
const allFinite = (values: readonly number[]): boolean => values.every(Number.isFinite);

describe.each(['float32', 'float64'] as const)('gradients at extremes in %s', (dtype) => {
  const largest = largestOf[dtype];
  const inputs = [-largest, -1e30, -1e4, -30, 0, 30, 1e4, 1e30, largest];
  const x = tensor(inputs, { dtype });
  const firstOf = (f: (v: Var) => Var) => grad((v: Var) => sum(f(v)));
  const secondOf = (f: (v: Var) => Var) => grad((v: Var) => sum(firstOf(f)(v)));

  it('sigmoid: σ′ = σ(1 − σ) is 0 far out and 1/4 at 0; σ″ finite everywhere', () => {
    const first = flat(firstOf(sigmoid)(x));
    expect(first[0]).toBe(0);
    expect(first[8]).toBe(0);
    expect(first[4]).toBe(0.25);
    expect(allFinite(first)).toBe(true);
    const second = flat(secondOf(sigmoid)(x));
    expect(allFinite(second)).toBe(true);
    expect(second[4]).toBe(0);
  });

  it('tanh: tanh′ = 1 − tanh² is 0 far out and 1 at 0; tanh″ finite everywhere', () => {
    const first = flat(firstOf(tanh)(x));
    expect(first.slice(0, 3)).toEqual([0, 0, 0]);
    expect(first[4]).toBe(1);
    expect(allFinite(flat(secondOf(tanh)(x)))).toBe(true);
  });

  it('logSumExp: the gradient is softmax, finite and summing to 1, even over the largest values', () => {
    const rows = tensor(
      [
        [largest, largest, -largest],
        [1e4, -1e4, 0],
        [-1e30, -1e30, -1e30],
      ],
      { dtype },
    );
    const value = flat(logSumExp(variable(rows), 1));
    expect(allFinite(value)).toBe(true);
    const weights = grad((v: Var) => sum(logSumExp(v, 1)))(rows).toArray() as number[][];
    expect(weights).toEqual([
      [0.5, 0.5, 0],
      [1, 0, 0],
      [1 / 3, 1 / 3, 1 / 3].map((w) => (dtype === 'float32' ? Math.fround(w) : w)),
    ]);
    expect(allFinite(flat(grad((v: Var) => sum(grad((u: Var) => sum(logSumExp(u, 1)))(v)))(rows)))).toBe(true);
  });

  it('log-softmax x − logSumExp(x): finite value and gradient at ±1e4; −Infinity only where the true value overflows', () => {
    const logits = tensor([[1e4, -1e4, 0]], { dtype });
    const logSoftmax = (v: Var): Var => sub(v, logSumExp(v, 1, true));
    expect(flat(logSoftmax(variable(logits)))).toEqual([0, -2e4, -1e4]);
    const gradient = flat(grad((v: Var) => sum(logSoftmax(v)))(logits));
    expect(allFinite(gradient)).toBe(true);
    expect(gradient).toEqual([-2, 1, 1]);
    // −largest − largest is not representable: −Infinity is the right answer, and the gradient stays finite.
    const edge = tensor([[largest, -largest]], { dtype });
    expect(flat(logSoftmax(variable(edge)))).toEqual([0, -Infinity]);
    expect(allFinite(flat(grad((v: Var) => sum(logSoftmax(v)))(edge)))).toBe(true);
  });

  it('exp: gradient 0 where exp underflows, Infinity exactly where exp overflows (legitimate)', () => {
    const gradient = flat(firstOf(exp)(x));
    expect(gradient.slice(0, 3)).toEqual([0, 0, 0]);
    expect(gradient.slice(6)).toEqual([Infinity, Infinity, Infinity]);
    expect(gradient).toEqual(flat(exp(variable(x))));
  });

  it('mean of the largest values: gradient 1/n, not scaled by the (overflowing) sum', () => {
    const gradient = flat(grad((v: Var) => mean(v))(tensor([largest, largest, largest, largest], { dtype })));
    expect(gradient).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});
