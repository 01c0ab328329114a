import { describe, expect, it } from 'vitest';
import {
  ChainruleError,
  DTypeError,
  ShapeError,
  ValueError,
  add,
  concat,
  matmul,
  ones,
  reshape,
  slice,
  sum,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';

describe('error classes', () => {
  it.each([
    ['ShapeError', ShapeError],
    ['DTypeError', DTypeError],
    ['ValueError', ValueError],
  ] as const)('%s extends ChainruleError and Error and carries its name', (name, ErrorClass) => {
    const error = new ErrorClass('op: message');
    expect(error).toBeInstanceOf(ChainruleError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.message).toBe('op: message');
    expect(String(error)).toBe(`${name}: op: message`);
  });

  it('ChainruleError is named too', () => {
    expect(new ChainruleError('x').name).toBe('ChainruleError');
  });
});

describe('every kind of bad input from the issue gets a typed error naming the op', () => {
  const cases: [string, () => unknown, typeof ChainruleError, RegExp][] = [
    ['ragged nested arrays', () => tensor([[1, 2], [3]]), ShapeError, /^tensor: ragged/],
    ['negative dims', () => zeros([2, -3]), ShapeError, /^zeros: .*axis 1: -3/],
    ['non-integer dims', () => ones([2.5]), ShapeError, /^ones: .*axis 0: 2\.5/],
    [
      'broadcast mismatch',
      () => add(zeros([2, 3]), zeros([4])),
      ShapeError,
      /^add: .*\[2,3\] and \[4\] \(axis 1: 3 vs 4\)/,
    ],
    ['invalid axis', () => sum(zeros([2, 3]), 3), ShapeError, /^sum: invalid axis 3 for shape \[2,3\]/],
    ['repeated axis', () => sum(zeros([2, 3]), [1, -1]), ShapeError, /^sum: repeated axis/],
    ['matmul inner mismatch', () => matmul(zeros([2, 3]), zeros([4, 5])), ShapeError, /^matmul: .*\[2,3\].*\[4,5\]/],
    ['reshape to another size', () => reshape(zeros([2, 3]), [5]), ShapeError, /^reshape: .*\[2,3\].*\[5\]/],
    ['mixing dtypes', () => add(zeros([2]), zeros([2], { dtype: 'float64' })), DTypeError, /^add: cannot mix dtypes/],
    ['mixing dtypes in concat', () => concat([zeros([2]), zeros([2], { dtype: 'float64' })]), DTypeError, /^concat:/],
    [
      'out-of-range slice',
      () => slice(zeros([2, 3]), [0, 1], [2, 4]),
      ShapeError,
      /^slice: end 4 is out of range on axis 1/,
    ],
    ['unknown dtype', () => zeros([2], { dtype: 'int64' as never }), DTypeError, /^zeros: unknown dtype 'int64'/],
  ];

  it.each(cases)('%s', (_name, run, ErrorClass, message) => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ErrorClass);
    expect(caught).toBeInstanceOf(ChainruleError);
    expect((caught as Error).message).toMatch(message);
  });

  it('a failing op leaves its arguments unchanged', () => {
    const a = transpose(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    const snapshot = {
      values: a.toArray(),
      shape: a.shape.slice(),
      strides: a.strides.slice(),
      data: Array.from(a.data),
    };
    expect(() => add(a, zeros([4]))).toThrow(ShapeError);
    expect(() => reshape(a, [7])).toThrow(ShapeError);
    expect(() => sum(a, [0, 0])).toThrow(ShapeError);
    expect({
      values: a.toArray(),
      shape: a.shape.slice(),
      strides: a.strides.slice(),
      data: Array.from(a.data),
    }).toEqual(snapshot);
  });
});
