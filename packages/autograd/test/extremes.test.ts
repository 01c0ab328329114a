import { grad, exp, logSumExp, sigmoid, sum, tanh, type Var } from '@chainrule/autograd';
import { type DType, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

const dtypes: DType[] = ['float32', 'float64'];
const extremes = [-1e4, -100, 0, 100, 1e4];

function allFinite(values: readonly number[]): boolean {
  return values.every(Number.isFinite);
}

describe.each(dtypes)('at x = ±1e4 (%s)', (dtype) => {
  const x = tensor(extremes, { dtype });
  const flat = (t: { toArray(): unknown }): number[] => t.toArray() as number[];

  it('sigmoid: values 0…1, finite first and second derivatives', () => {
    expect(flat(sigmoid(x))).toEqual([0, expect.closeTo(0, 30), 0.5, expect.closeTo(1, 6), 1]);
    const first = grad((v: Var) => sum(sigmoid(v)))(x);
    expect(allFinite(flat(first))).toBe(true);
    expect(flat(first)[2]).toBe(0.25);
    expect(flat(first)[0]).toBe(0);
    expect(flat(first)[4]).toBe(0);
    expect(allFinite(flat(grad((v: Var) => sum(grad((w: Var) => sum(sigmoid(w)))(v)))(x)))).toBe(true);
  });

  it('tanh: values ±1, finite first and second derivatives', () => {
    expect(flat(tanh(x))).toEqual([-1, -1, 0, 1, 1]);
    const first = grad((v: Var) => sum(tanh(v)))(x);
    expect(flat(first)).toEqual([0, 0, 1, 0, 0]);
    expect(allFinite(flat(grad((v: Var) => sum(grad((w: Var) => sum(tanh(w)))(v)))(x)))).toBe(true);
  });

  it('logSumExp: finite value and softmax gradient far out', () => {
    const pair = tensor([1e4, 1e4, -1e4], { dtype });
    expect(logSumExp(pair).item()).toBeCloseTo(1e4 + Math.log(2), dtype === 'float64' ? 9 : 0);
    expect(flat(grad((v: Var) => logSumExp(v))(pair))).toEqual([0.5, 0.5, 0]);
  });

  it('exp: e^−1e4 underflows to 0 with gradient 0; e^1e4 overflows to Infinity, the documented legitimate overflow', () => {
    expect(flat(exp(x))[0]).toBe(0);
    expect(flat(grad((v: Var) => sum(exp(v)))(x))[0]).toBe(0);
    expect(flat(exp(x))[4]).toBe(Infinity);
  });
});
