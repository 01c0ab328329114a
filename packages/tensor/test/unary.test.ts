import { describe, expect, it } from 'vitest';
import {
  type Tensor,
  ValueError,
  abs,
  exp,
  log,
  log1p,
  neg,
  reciprocal,
  relu,
  sigmoid,
  sign,
  slice,
  sqrt,
  square,
  tanh,
  tensor,
  transpose,
} from '@chainrule/tensor';
import { dtypes, round, valuesOf } from './reference';

const input = [-2, -0.5, 0, 0.5, 3];

// Hand-computed expectations, in float64 before rounding to the dtype.
const cases: [string, (x: Tensor) => Tensor, number[]][] = [
  ['neg', neg, [2, 0.5, -0, -0.5, -3]],
  ['abs', abs, [2, 0.5, 0, 0.5, 3]],
  ['square', square, [4, 0.25, 0, 0.25, 9]],
  ['relu', relu, [0, 0, 0, 0.5, 3]],
  ['sign', sign, [-1, -1, 0, 1, 1]],
  ['exp', exp, [Math.exp(-2), Math.exp(-0.5), 1, Math.exp(0.5), Math.exp(3)]],
  ['tanh', tanh, [Math.tanh(-2), Math.tanh(-0.5), 0, Math.tanh(0.5), Math.tanh(3)]],
  [
    'sigmoid',
    sigmoid,
    [1 / (1 + Math.exp(2)), 1 / (1 + Math.exp(0.5)), 0.5, 1 / (1 + Math.exp(-0.5)), 1 / (1 + Math.exp(-3))],
  ],
];

describe.each(dtypes)('unary ops in %s', (dtype) => {
  it.each(cases)('%s matches hand-computed values', (_name, op, expected) => {
    const out = op(tensor(input, { dtype }));
    expect(out.dtype).toBe(dtype);
    expect(out.shape).toEqual([5]);
    const values = valuesOf(out);
    expected.forEach((value, i) => expect(values[i]).toBeCloseTo(round(value, dtype), dtype === 'float32' ? 6 : 14));
  });

  it('log, sqrt and reciprocal on positive input', () => {
    const x = tensor([0.25, 1, 4, Math.E], { dtype });
    const e = round(Math.E, dtype);
    expect(valuesOf(log(x))).toEqual([Math.log(0.25), 0, Math.log(4), Math.log(e)].map((v) => round(v, dtype)));
    expect(valuesOf(sqrt(x))).toEqual([0.5, 1, 2, Math.sqrt(e)].map((v) => round(v, dtype)));
    expect(valuesOf(reciprocal(x))).toEqual([4, 1, 0.25, 1 / e].map((v) => round(v, dtype)));
  });

  it('log1p keeps tiny arguments that log(1 + x) rounds away', () => {
    const tiny = round(1e-10, dtype);
    expect(valuesOf(log1p(tensor([0, tiny, 1, -1], { dtype })))).toEqual(
      [0, Math.log1p(tiny), Math.LN2, Number.NEGATIVE_INFINITY].map((v) => round(v, dtype)),
    );
    expect(log1p(tensor([tiny], { dtype })).item()).toBeGreaterThan(0);
  });

  it('sigmoid is finite and exact at ±1e4 and symmetric', () => {
    const out = sigmoid(tensor([-1e4, -800, -40, 40, 800, 1e4], { dtype }));
    const values = valuesOf(out);
    for (const value of values) expect(Number.isNaN(value)).toBe(false);
    expect(values[0]).toBe(0);
    expect(values[5]).toBe(1);
    expect(values[2]).toBeGreaterThan(0);
    expect(values[2]).toBeCloseTo(round(Math.exp(-40), dtype), 30);
    const pair = valuesOf(sigmoid(tensor([-1.5, 1.5], { dtype: 'float64' })));
    expect(pair[0]! + pair[1]!).toBeCloseTo(1, 15);
  });

  it('edge values follow IEEE: log(0) is -Infinity, relu keeps NaN', () => {
    expect(log(tensor([0], { dtype })).item()).toBe(Number.NEGATIVE_INFINITY);
    expect(relu(tensor([Number.NaN], { dtype })).item()).toBeNaN();
    expect(exp(tensor([1000], { dtype })).item()).toBe(Number.POSITIVE_INFINITY);
  });

  it('works on strided views the same as on their contiguous copies', () => {
    const base = tensor(
      [
        [1, -2, 3],
        [-4, 5, -6],
        [7, -8, 9],
      ],
      { dtype },
    );
    const view = slice(transpose(base), [1, 0], [3, 3]);
    for (const [, op] of cases) expect(valuesOf(op(view))).toEqual(valuesOf(op(view.contiguous())));
    expect(neg(view).toArray()).toEqual([
      [2, -5, 8],
      [-3, 6, -9],
    ]);
  });
});

it('unary ops return new tensors and leave their input untouched', () => {
  const x = tensor([1, -1]);
  const out = neg(x);
  expect(out.data).not.toBe(x.data);
  expect(x.toArray()).toEqual([1, -1]);
});

it('unary ops reject non-tensors with a ValueError naming the op', () => {
  expect(() => exp(3 as never)).toThrow(ValueError);
  expect(() => exp(3 as never)).toThrow(/exp: expected a Tensor/);
});
