import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  ValueError,
  arange,
  mul,
  reshape,
  scatterAdd,
  slice,
  sum,
  take,
  tensor,
  transpose,
} from '@chainrule/tensor';

const i32 = { dtype: 'int32' } as const;
const ids = (values: number[] | number[][]) => tensor(values, i32);

describe('take', () => {
  const x = tensor([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);

  it('gathers rows (axis 0) and columns (axis 1), repeats allowed, in x’s dtype', () => {
    expect(take(x, ids([2, 0, 2]), 0).toArray()).toEqual([
      [7, 8, 9],
      [1, 2, 3],
      [7, 8, 9],
    ]);
    expect(take(x, ids([1]), 1).toArray()).toEqual([[2], [5], [8]]);
    expect(take(x, [2, 1], -1).toArray()).toEqual([
      [3, 2],
      [6, 5],
      [9, 8],
    ]);
    expect(take(x, ids([0]), 0).dtype).toBe('float32');
    expect(take(tensor([5, 6, 7], i32), ids([2, 2])).toArray()).toEqual([7, 7]);
  });

  it('the result shape is x.shape[:axis] + indices.shape + x.shape[axis+1:] (NumPy take)', () => {
    const cube = reshape(arange(24), [2, 3, 4]);
    const picked = take(
      cube,
      ids([
        [0, 2],
        [1, 1],
      ]),
      1,
    );
    expect(picked.shape).toEqual([2, 2, 2, 4]);
    // element [b, i, j, c] is cube[b, idx[i, j], c]
    expect(picked.get(1, 0, 1, 3)).toBe(cube.get(1, 2, 3));
    expect(picked.get(0, 1, 0, 0)).toBe(cube.get(0, 1, 0));
    expect(take(cube, ids([]), 2).shape).toEqual([2, 3, 0]);
    expect(take(x, tensor(2, i32), 0).toArray()).toEqual([7, 8, 9]); // a 0-d index drops the axis
  });

  it('without an axis reads x flat; negative indices count from the end', () => {
    expect(take(x, ids([0, 4, -1])).toArray()).toEqual([1, 5, 9]);
    expect(take(x, [-3], 0).toArray()).toEqual([[1, 2, 3]]);
  });

  it('reads views in place of copies of them', () => {
    expect(take(transpose(x), ids([0]), 0).toArray()).toEqual([[1, 4, 7]]);
    expect(take(slice(x, [1, 1]), ids([1, 0]), 1).toArray()).toEqual([
      [6, 5],
      [9, 8],
    ]);
  });

  it('rejects float indices, out-of-range indices and fractions with typed errors', () => {
    expect(() => take(x, tensor([0, 1]), 0)).toThrow(DTypeError);
    expect(() => take(x, tensor([0, 1]), 0)).toThrow(/^take: indices must be an int32 tensor; got float32/);
    expect(() => take(x, ids([0, 3]), 0)).toThrow(ShapeError);
    expect(() => take(x, ids([0, 3]), 0)).toThrow(
      /^take: index 3 at position 1 is out of range for axis 0 of size 3 \(shape \[3,3\]\); expected an integer in \[-3, 3\)/,
    );
    expect(() => take(x, [-4], 1)).toThrow(ShapeError);
    expect(() => take(x, [0.5], 1)).toThrow(ValueError);
    expect(() => take(x, ids([0]), 2)).toThrow(/^take: invalid axis 2/);
  });
});

describe('scatterAdd (the adjoint of take)', () => {
  it('adds each slice at its index into zeros; repeats accumulate', () => {
    expect(scatterAdd(tensor([1, 2, 3]), ids([0, 2, 0]), 0, 4).toArray()).toEqual([4, 0, 2, 0]);
    const rows = scatterAdd(
      tensor([
        [1, 1],
        [2, 2],
        [3, 3],
      ]),
      ids([1, 1, -1]),
      0,
      3,
    );
    expect(rows.toArray()).toEqual([
      [0, 0],
      [3, 3],
      [3, 3],
    ]);
    expect(scatterAdd(tensor([[5], [6]], { dtype: 'float64' }), [0], 1, 2).toArray()).toEqual([
      [5, 0],
      [6, 0],
    ]);
  });

  it('is take’s adjoint: ⟨take(x, i), u⟩ = ⟨x, scatterAdd(u, i)⟩', () => {
    const x = reshape(arange(12, { dtype: 'float64' }), [3, 4]);
    const indices = ids([
      [2, 0],
      [2, 3],
    ]);
    const u = reshape(arange(12, { dtype: 'float64' }), [3, 2, 2]);
    const left = sum(mul(take(x, indices, 1), u)).item();
    const right = sum(mul(x, scatterAdd(u, indices, 1, 4))).item();
    expect(left).toBe(right);
    // by hand: row r of take is [[x[r,2], x[r,0]], [x[r,2], x[r,3]]], against u[r] = [[4r, 4r+1], [4r+2, 4r+3]]
    expect(left).toBe(
      2 * 0 + 0 * 1 + 2 * 2 + 3 * 3 + (6 * 4 + 4 * 5 + 6 * 6 + 7 * 7) + (10 * 8 + 8 * 9 + 10 * 10 + 11 * 11),
    );
  });

  it('checks shapes, dtypes and indices', () => {
    expect(() => scatterAdd(tensor([1, 2]), ids([0, 1, 1]), 0, 2)).toThrow(ShapeError);
    expect(() => scatterAdd(tensor([1, 2]), ids([0, 2]), 0, 2)).toThrow(/^scatterAdd: index 2 at position 1/);
    expect(() => scatterAdd(tensor([1, 2], i32), ids([0, 1]), 0, 2)).toThrow(DTypeError);
    expect(() => scatterAdd(tensor([1, 2]), ids([0, 1]), 0, -1)).toThrow(ValueError);
  });
});
