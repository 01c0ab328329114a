// Gradients at numerical extremes: inputs of ±1e4, ±1e30 and each dtype's largest finite value. sigmoid, tanh and
// logSumExp (with the log-softmax built on it) keep finite values and finite first and second derivatives there;
// exp's gradient overflows exactly where exp itself does (legitimately: e^1e4 is not representable).
import { describe, expect, it } from 'vitest';
import {
  type Var,
  checkGrad,
  constant,
  exp,
  grad,
  logSumExp,
  mean,
  pow,
  sigmoid,
  sub,
  sum,
  tanh,
  variable,
} from '@chainrule/autograd';
import { type DType, type Tensor, tensor } from '@chainrule/tensor';

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

describe('pow(a, b) at a base of 0, with b differentiated (PyTorch’s convention, see pow.ts)', () => {
  const f64 = (values: number[]) => tensor(values, { dtype: 'float64' });
  const zeros = f64([0, 0, 0, 0, 0, 0]);
  const exponents = f64([2, 1, 0.5, 0, -1, -0.5]);
  const first = grad((a: Var, b: Var) => sum(pow(a, b)), [0, 1]);
  /** One entry of the Hessian of aᵇ, element by element: ∂/∂(second) of ∂aᵇ/∂(first). */
  const hessian = (a: Tensor, b: Tensor, firstArg: 0 | 1, secondArg: 0 | 1): number[] =>
    flat(grad((p: Var, q: Var) => sum(grad((u: Var, v: Var) => sum(pow(u, v)), firstArg)(p, q)), secondArg)(a, b));

  it('∂aᵇ/∂b is 0 for b ≥ 0 (aᵇ is 0 for every b > 0) and −Infinity for b < 0 (the limit from a > 0), never NaN', () => {
    const [, db] = first(zeros, exponents) as [Tensor, Tensor];
    expect(flat(db)).toEqual([0, 0, 0, 0, -Infinity, -Infinity]);
  });

  it('∂aᵇ/∂a is b·aᵇ⁻¹: 0, 1, Infinity, 0 (b = 0: aᵇ is 1 whatever a), −Infinity, −Infinity', () => {
    const [da] = first(zeros, exponents) as [Tensor, Tensor];
    expect(flat(da)).toEqual([0, 1, Infinity, 0, -Infinity, -Infinity]);
  });

  it('a negative base: ∂/∂b is NaN (ln a is undefined), ∂/∂a is the usual b·aᵇ⁻¹', () => {
    const [da, db] = first(f64([-2]), f64([2])) as [Tensor, Tensor];
    expect(flat(da)).toEqual([-4]);
    expect(flat(db)).toEqual([Number.NaN]);
  });

  it('the Hessian is exact at (0, 2) — [[2, 0], [0, 0]] — and at (0, 1) is the convention’s [[0, 1], [0, 0]]', () => {
    const a = f64([0, 0]);
    const b = f64([2, 1]);
    expect(hessian(a, b, 0, 0)).toEqual([2, 0]); // ∂²/∂a²: b(b−1)·aᵇ⁻²
    expect(hessian(a, b, 0, 1)).toEqual([0, 1]); // ∂/∂b of ∂/∂a (the true value at (0, 1) has no limit)
    expect(hessian(a, b, 1, 0)).toEqual([0, 0]); // ∂/∂a of ∂/∂b (from a > 0 it tends to −Infinity at (0, 1))
    expect(hessian(a, b, 1, 1)).toEqual([0, 0]); // ∂²/∂b²: aᵇ·ln²a → 0
  });

  it('matches central differences in b at a = 0 for b > 0, first and second order', () => {
    const zero = constant(tensor([0, 0, 0], { dtype: 'float64' }));
    checkGrad((b: Var) => pow(zero, b), [f64([0.5, 1, 2.5])], { order: 2 });
  });

  it('matches central differences, first and second order, for positive bases and exponents of either sign', () => {
    checkGrad(pow, [f64([0.25, 1.5, 3]), f64([-1, -0.5, 2])], { order: 2 });
  });
});
