import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  Rng,
  Tensor,
  add,
  allClose,
  arange,
  argmax,
  astype,
  broadcastTo,
  concat,
  div,
  equal,
  exp,
  eye,
  full,
  greater,
  linspace,
  logSumExp,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mul,
  ones,
  pad,
  pow,
  reshape,
  scalar,
  sigmoid,
  sigmoidGrad,
  slice,
  stack,
  sub,
  sum,
  tensor,
  transpose,
  where,
  zeros,
} from '@chainrule/tensor';

const i32 = { dtype: 'int32' } as const;
const f32 = { dtype: 'float32' } as const;
const f64 = { dtype: 'float64' } as const;
const TWO_24 = 2 ** 24;

describe('int32 storage and creation', () => {
  it('is backed by an Int32Array and prints as integers', () => {
    const t = tensor(
      [
        [1, -2],
        [3, 2147483647],
      ],
      i32,
    );
    expect(t.dtype).toBe('int32');
    expect(t.data).toBeInstanceOf(Int32Array);
    expect(t.toArray()).toEqual([
      [1, -2],
      [3, 2147483647],
    ]);
    expect(t.get(1, 1)).toBe(2147483647);
    expect(String(tensor([1, 20], i32))).toBe('tensor([ 1, 20], shape=[2], dtype=int32)');
    expect(new Tensor(new Int32Array([4, 5]), [2]).dtype).toBe('int32');
  });

  it('an Int32Array keeps its dtype; other arrays convert when asked, with a check', () => {
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Float64Array([1, 2]), i32).toArray()).toEqual([1, 2]);
    expect(() => tensor(new Float64Array([1, 2.5]), i32)).toThrow(/^tensor: int32 cannot hold 2.5 at index 1/);
  });

  it('never truncates or wraps a value silently at creation', () => {
    expect(() => tensor([[1, 1.5]], i32)).toThrow(DTypeError);
    expect(() => tensor([[1, 1.5]], i32)).toThrow(/^tensor: int32 cannot hold 1.5 at \[0,1\]/);
    expect(() => tensor([2 ** 31], i32)).toThrow(DTypeError);
    expect(() => tensor([Number.NaN], i32)).toThrow(DTypeError);
    expect(() => scalar(0.5, i32)).toThrow(/^scalar: int32 cannot hold 0.5/);
    expect(() => full([2], -(2 ** 31) - 1, i32)).toThrow(DTypeError);
    expect(() => arange(0, 2, 0.5, i32)).toThrow(/^arange: int32 cannot hold 0.5 \(the step\)/);
    expect(() => linspace(0, 1, 3, i32)).toThrow(/^linspace: int32 cannot hold 0.5 \(value 1\)/);
  });

  it('creation functions make int32 tensors', () => {
    expect(zeros([2], i32).toArray()).toEqual([0, 0]);
    expect(ones([2], i32).dtype).toBe('int32');
    expect(full([2], -7, i32).toArray()).toEqual([-7, -7]);
    expect(arange(5, i32).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(10, 0, -3, i32).toArray()).toEqual([10, 7, 4, 1]);
    expect(linspace(0, 8, 5, i32).toArray()).toEqual([0, 2, 4, 6, 8]);
    expect(eye(2, i32).toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(scalar(-3, i32).item()).toBe(-3);
  });

  it('astype truncates floats toward zero (NumPy astype, PyTorch .int()) and refuses what int32 cannot hold', () => {
    expect(astype(tensor([2.9, -2.9, 0.5, -0.5, 7]), 'int32').toArray()).toEqual([2, -2, 0, 0, 7]);
    expect(
      astype(
        transpose(
          tensor(
            [
              [1.5, 2.5],
              [3.5, 4.5],
            ],
            f64,
          ),
        ),
        'int32',
      ).toArray(),
    ).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(() => astype(tensor([1, Number.NaN]), 'int32')).toThrow(/^astype: int32 cannot hold NaN at element 1/);
    expect(() => astype(tensor([Number.POSITIVE_INFINITY]), 'int32')).toThrow(DTypeError);
    expect(() => astype(tensor([3e9], f64), 'int32')).toThrow(DTypeError);
    // Back to float: float64 is exact for every int32; float32 is an explicit conversion that rounds above 2^24.
    expect(astype(tensor([2147483647, -2147483648], i32), 'float64').toArray()).toEqual([2147483647, -2147483648]);
    expect(astype(tensor([TWO_24 + 1], i32), 'float32').item()).toBe(TWO_24);
  });

  it('views share int32 storage', () => {
    const t = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      i32,
    );
    expect(transpose(t).dtype).toBe('int32');
    expect(transpose(t).data).toBe(t.data);
    expect(reshape(t, [3, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(slice(t, [0, 1]).toArray()).toEqual([
      [2, 3],
      [5, 6],
    ]);
    expect(transpose(t).contiguous().toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(concat([t, t], 0).dtype).toBe('int32');
    expect(stack([t, t]).shape).toEqual([2, 2, 3]);
    expect(pad(tensor([1], i32), [[1, 1]], -1).toArray()).toEqual([-1, 1, -1]);
    expect(() => pad(tensor([1], i32), [[1, 1]], 0.5)).toThrow(DTypeError);
    expect(() => concat([t, tensor([[1, 2, 3]])], 0)).toThrow(/^concat: cannot mix dtypes/);
  });
});

describe('int32 promotion (the rules in the README)', () => {
  const a = tensor([7, -3, 4], i32);
  const b = tensor([2, 2, -4], i32);

  it('int32 with int32 stays int32 for exact ops', () => {
    for (const [op, expected] of [
      [add, [9, -1, 0]],
      [sub, [5, -5, 8]],
      [mul, [14, -6, -16]],
      [maximum, [7, 2, 4]],
      [minimum, [2, -3, -4]],
    ] as const) {
      const out = op(a, b);
      expect(out.dtype, op.name).toBe('int32');
      expect(out.toArray(), op.name).toEqual(expected);
    }
  });

  it('int32 arithmetic that leaves the int32 range is a DTypeError, not a wrap-around', () => {
    const big = tensor([2147483647], i32);
    expect(() => add(big, 1)).toThrow(DTypeError);
    expect(() => add(big, 1)).toThrow(/^add: int32 overflow: the result 2147483648 at element 0/);
    expect(() => mul(tensor([65536], i32), tensor([65536], i32))).toThrow(/^mul: int32 overflow/);
    expect(() => sub(tensor([-2147483648], i32), 1)).toThrow(DTypeError);
    // what fits does not throw: the extremes themselves
    expect(sub(tensor([-2147483647], i32), 1).item()).toBe(-2147483648);
  });

  it('a number operand: an integer keeps int32, a fraction gives float32 (PyTorch: int tensor + 0.5 is float32)', () => {
    expect(add(a, 1).dtype).toBe('int32');
    expect(add(a, 1).toArray()).toEqual([8, -2, 5]);
    expect(sub(10, a).toArray()).toEqual([3, 13, 6]);
    const half = mul(a, 0.5);
    expect(half.dtype).toBe('float32');
    expect(half.toArray()).toEqual([3.5, -1.5, 2]);
    expect(add(a, 3e9).dtype).toBe('float32'); // an integer outside int32 is a float operand
  });

  it('div and pow compute in float32 (true division, like PyTorch /)', () => {
    expect(div(a, b).dtype).toBe('float32');
    expect(div(a, b).toArray()).toEqual([3.5, -1.5, -1]);
    expect(pow(tensor([2, 3], i32), tensor([10, 2], i32)).toArray()).toEqual([1024, 9]);
    expect(pow(tensor([2, 3], i32), 2).dtype).toBe('float32');
  });

  it('int32 with float64 is float64, exact for every int32', () => {
    const out = add(tensor([2147483647, TWO_24 + 1], i32), tensor([0.5, 0.25], f64));
    expect(out.dtype).toBe('float64');
    expect(out.toArray()).toEqual([2147483647.5, 16777217.25]);
  });

  it('int32 with float32 is float32 while every int32 is at most 2^24 in magnitude, else a DTypeError', () => {
    const out = add(tensor([TWO_24, -TWO_24], i32), tensor([1, 2], f32));
    expect(out.dtype).toBe('float32');
    expect(out.toArray()).toEqual([TWO_24, -TWO_24 + 2]); // 2^24 + 1 rounds (to even) as float32 addition does
    const tooBig = tensor([3, TWO_24 + 1], i32);
    expect(() => add(tooBig, tensor([1, 1], f32))).toThrow(DTypeError);
    expect(() => mul(tensor([1, 1], f32), tooBig)).toThrow(
      /^mul: the int32 value 16777217 \(element 1 of shape \[2\]\) has no exact float32 value/,
    );
    expect(() => add(tooBig, 0.5)).toThrow(DTypeError); // a fraction makes the result float32 as well
    expect(add(tooBig, tensor([1, 1], f64)).toArray()).toEqual([4, TWO_24 + 2]); // the way out: float64
  });

  it('broadcasts and reads views of int32 operands', () => {
    const column = tensor([[1], [2]], i32);
    expect(add(column, tensor([10, 20, 30], i32)).toArray()).toEqual([
      [11, 21, 31],
      [12, 22, 32],
    ]);
    expect(
      mul(
        broadcastTo(tensor([2], i32), [2, 2]),
        transpose(
          tensor(
            [
              [1, 2],
              [3, 4],
            ],
            f32,
          ),
        ),
      ).toArray(),
    ).toEqual([
      [2, 6],
      [4, 8],
    ]);
  });

  it('comparisons give masks in the promoted dtype', () => {
    const mask = equal(a, tensor([7, 3, 4], i32));
    expect(mask.dtype).toBe('int32');
    expect(mask.toArray()).toEqual([1, 0, 1]);
    expect(greater(a, tensor([6.5, 0, 4], f32)).dtype).toBe('float32');
    expect(greater(a, tensor([6.5, 0, 4], f32)).toArray()).toEqual([1, 0, 0]);
    expect(
      equal(
        argmax(
          tensor([
            [0.1, 0.9],
            [0.8, 0.2],
          ]),
          1,
        ),
        tensor([1, 1], i32),
      ).toArray(),
    ).toEqual([1, 0]);
  });

  it('where: an int32 condition selects; int32 operands promote as in add', () => {
    const condition = tensor([1, 0, 1], i32);
    expect(where(condition, a, b).dtype).toBe('int32');
    expect(where(condition, a, b).toArray()).toEqual([7, 2, 4]);
    expect(where(condition, a, 0).dtype).toBe('int32');
    expect(where(condition, 1, 0).dtype).toBe('int32');
    expect(where(condition, 0.5, 0).dtype).toBe('float32');
    expect(where(condition, a, tensor([0.5, 0.5, 0.5], f64)).toArray()).toEqual([7, 0.5, 4]);
    expect(where(condition, a, 0.5).dtype).toBe('float32');
    expect(where(tensor([1, 0]), 1, 0).dtype).toBe('float32');
  });
});

describe('int32 reductions', () => {
  const t = tensor(
    [
      [3, -1, 8],
      [2, 9, -4],
    ],
    i32,
  );

  it('sum is int32 and exact, max, min and argmax work, mean is float32', () => {
    expect(sum(t).dtype).toBe('int32');
    expect(sum(t).item()).toBe(17);
    expect(sum(t, 0).toArray()).toEqual([5, 8, 4]);
    expect(sum(t, 1, true).toArray()).toEqual([[10], [7]]);
    expect(max(t, 1).toArray()).toEqual([8, 9]);
    expect(min(t).item()).toBe(-4);
    expect(max(t).dtype).toBe('int32');
    expect(argmax(t, 1).toArray()).toEqual([2, 1]);
    expect(mean(t).dtype).toBe('float32');
    expect(mean(t, 0).toArray()).toEqual([2.5, 4, 2]);
    // float64 accumulation: the sum of 2^24 + 1 and 2 is exact, and the mean is rounded once to float32.
    expect(sum(tensor([TWO_24 + 1, 2], i32)).item()).toBe(TWO_24 + 3);
    expect(mean(tensor([TWO_24 + 1, TWO_24 + 2], i32)).item()).toBe(Math.fround(TWO_24 + 1.5));
  });

  it('a sum beyond the int32 range is a DTypeError', () => {
    expect(() => sum(tensor([2147483647, 1], i32))).toThrow(/^sum: int32 overflow/);
  });

  it('argmax of any dtype is int32 (indices)', () => {
    expect(argmax(tensor([1, 5, 2], f64)).dtype).toBe('int32');
    expect(argmax(tensor([1, 5, 2], f32), 0).item()).toBe(1);
  });
});

describe('ops that compute with real numbers reject int32 with a DTypeError', () => {
  const t = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    i32,
  );
  const message = /int32 tensor of shape \[2,2\]; expected float32 or float64 \(convert it with astype/;

  it.each([
    ['exp', () => exp(t)],
    ['sigmoid', () => sigmoid(t)],
    ['logSumExp', () => logSumExp(t)],
    ['matmul', () => matmul(t, t)],
    ['sigmoidGrad', () => sigmoidGrad(t, t)],
    ['sigmoidGrad', () => sigmoidGrad(ones([2, 2]), t)],
  ])('%s', (op, call) => {
    expect(call).toThrow(DTypeError);
    expect(call).toThrow(new RegExp(`^${op}: got an ${message.source}`));
  });

  it('random draws are real numbers', () => {
    expect(() => new Rng(0).uniform([2], 0, 1, i32)).toThrow(/^uniform: cannot make int32 values/);
    expect(() => new Rng(0).normal([2], 0, 1, i32)).toThrow(DTypeError);
  });

  it('allClose compares int32 with any dtype', () => {
    expect(
      allClose(
        t,
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          f64,
        ),
      ),
    ).toBe(true);
  });
});
