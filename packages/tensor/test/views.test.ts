import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  type Tensor,
  arange,
  broadcastTo,
  expandDims,
  flatten,
  permute,
  reshape,
  slice,
  squeeze,
  swapAxes,
  tensor,
  transpose,
} from '@chainrule/tensor';
import { allIndices, dtypes, shapeArbitrary, valuesOf } from './reference';

/** A view shares storage with its base: writing through the base shows up in the view. */
function expectSharesMemory(view: Tensor, base: Tensor): void {
  expect(view.data).toBe(base.data);
  const before = valuesOf(view);
  base.data.fill(42);
  const after = valuesOf(view);
  expect(after.every((v) => v === 42)).toBe(view.size > 0);
  expect(before.length).toBe(after.length);
}

describe.each(dtypes)('views in %s', (dtype) => {
  const make = (): Tensor => reshape(arange(6, { dtype }), [2, 3]);

  it('reshape of contiguous data is a view, with -1 inferred', () => {
    const base = make();
    const r = reshape(base, [3, -1]);
    expect(r.shape).toEqual([3, 2]);
    expect(r.toArray()).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(r.dtype).toBe(dtype);
    expectSharesMemory(r, base);
  });

  it('reshape of a non-contiguous view copies, in logical row-major order', () => {
    const t = transpose(make());
    const r = reshape(t, [6]);
    expect(r.toArray()).toEqual([0, 3, 1, 4, 2, 5]);
    expect(r.data).not.toBe(t.data);
  });

  it('flatten', () => {
    expect(flatten(make()).toArray()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(flatten(tensor(3, { dtype })).shape).toEqual([1]);
  });

  it('transpose, permute and swapAxes move strides, not data', () => {
    const base = make();
    const t = transpose(base);
    expect(t.shape).toEqual([3, 2]);
    expect(t.toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(t.isContiguous()).toBe(false);
    const cube = reshape(arange(24, { dtype }), [2, 3, 4]);
    const p = permute(cube, [2, 0, -2]);
    expect(p.shape).toEqual([4, 2, 3]);
    for (const [i, j, k] of allIndices(p.shape)) expect(p.get(i!, j!, k!)).toBe(cube.get(j!, k!, i!));
    const s = swapAxes(cube, 0, -1);
    expect(s.shape).toEqual([4, 3, 2]);
    expect(s.get(3, 1, 0)).toBe(cube.get(0, 1, 3));
    expect(transpose(cube, [1, 0, 2]).get(2, 1, 3)).toBe(cube.get(1, 2, 3));
    expectSharesMemory(t, base);
  });

  it('expandDims and squeeze', () => {
    const base = make();
    expect(expandDims(base, 0).shape).toEqual([1, 2, 3]);
    expect(expandDims(base, -1).shape).toEqual([2, 3, 1]);
    expect(expandDims(base, 1).toArray()).toEqual([[[0, 1, 2]], [[3, 4, 5]]]);
    const padded = reshape(base, [1, 2, 1, 3]);
    expect(squeeze(padded).shape).toEqual([2, 3]);
    expect(squeeze(padded, 2).shape).toEqual([1, 2, 3]);
    expect(squeeze(padded, [0, -2]).toArray()).toEqual(base.toArray());
    expect(expandDims(base, 1).isContiguous()).toBe(true);
    expectSharesMemory(squeeze(expandDims(base, 2)), base);
  });

  it('broadcastTo repeats with stride 0', () => {
    const base = tensor([[1], [2]], { dtype });
    const b = broadcastTo(base, [3, 2, 4]);
    expect(b.shape).toEqual([3, 2, 4]);
    expect(b.strides).toEqual([0, 1, 0]);
    expect(b.get(2, 1, 3)).toBe(2);
    expect(b.contiguous().toArray()).toEqual(b.toArray());
    expectSharesMemory(b, base);
  });

  it('slice takes [begin, end) per axis with negatives and missing axes', () => {
    const base = reshape(arange(12, { dtype }), [3, 4]);
    expect(slice(base, [1]).toArray()).toEqual([
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    expect(slice(base, [0, 1], [2, 3]).toArray()).toEqual([
      [1, 2],
      [5, 6],
    ]);
    expect(slice(base, [-1, -2]).toArray()).toEqual([[10, 11]]);
    expect(slice(base, [0, 0], [-1, -3]).toArray()).toEqual([[0], [4]]);
    expect(slice(base, [1, 2], [1, 2]).shape).toEqual([0, 0]);
    const s = slice(base, [1, 1], [3, 3]);
    expect(s.offset).toBe(5);
    expectSharesMemory(s, base);
  });

  it('slices of slices and of transposes read the right elements', () => {
    const base = reshape(arange(20, { dtype }), [4, 5]);
    const s = slice(slice(transpose(base), [1, 1]), [1], [3]);
    expect(s.toArray()).toEqual([
      [7, 12, 17],
      [8, 13, 18],
    ]);
  });
});

describe('views equal their copies on random shapes', () => {
  it('permute, slice and broadcastTo', () => {
    fc.assert(
      fc.property(shapeArbitrary(4, 4), fc.integer(), (shape, seed) => {
        const x = reshape(
          arange(
            shape.reduce((p, d) => p * d, 1),
            { dtype: 'float64' },
          ),
          shape,
        );
        const order = shape.map((_, axis) => axis).sort((a, b) => ((a * 7919 + seed) % 5) - ((b * 7919 + seed) % 5));
        const p = permute(x, order);
        expect(valuesOf(p.contiguous())).toEqual(valuesOf(p));
        for (const index of allIndices(p.shape)) {
          const source = new Array<number>(shape.length);
          order.forEach((axis, i) => (source[axis] = index[i]!));
          expect(p.get(...index)).toBe(x.get(...source));
        }
        const begin = shape.map((dim, axis) => (seed >>> axis) % dim);
        const s = slice(x, begin);
        for (const index of allIndices(s.shape))
          expect(s.get(...index)).toBe(x.get(...index.map((i, a) => i + begin[a]!)));
        expect(valuesOf(reshape(s, [-1]))).toEqual(valuesOf(s));
        const big = [2, ...shape];
        const b = broadcastTo(x, big);
        expect(valuesOf(b)).toEqual([...valuesOf(x), ...valuesOf(x)]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('view errors', () => {
  const x = reshape(arange(6), [2, 3]);

  it('reshape to a different size or with bad entries', () => {
    expect(() => reshape(x, [4])).toThrow(
      'reshape: cannot reshape [2,3] (size 6) to [4] (size 4); expected the same size',
    );
    expect(() => reshape(x, [4, -1])).toThrow(/no integer solution/);
    expect(() => reshape(x, [-1, -1])).toThrow(/axis 1: -1/);
    expect(() => reshape(x, [2, 1.5])).toThrow(ShapeError);
  });

  it('transpose and permute need a permutation', () => {
    expect(() => permute(x, [0])).toThrow(/permute: expected a permutation of 2 axes for shape \[2,3\]; got \[0\]/);
    expect(() => permute(x, [0, 0])).toThrow(/repeated axis 0/);
    expect(() => transpose(x, [0, 2])).toThrow(/transpose: invalid axis 2 for shape \[2,3\]/);
    expect(() => swapAxes(x, 0, 5)).toThrow(ShapeError);
  });

  it('expandDims, squeeze and broadcastTo', () => {
    expect(() => expandDims(x, 4)).toThrow(/expandDims: invalid axis 4/);
    expect(() => squeeze(x, 1)).toThrow('squeeze: cannot squeeze axis 1 of shape [2,3] (size 3); expected size 1');
    expect(() => broadcastTo(x, [2, 4])).toThrow('broadcastTo: cannot broadcast [2,3] to [2,4] (axis 1: 3 vs 4)');
    expect(() => broadcastTo(x, [3])).toThrow(/fewer axes/);
  });

  it('slice out of range', () => {
    expect(() => slice(x, [0, 4])).toThrow(/slice: begin 4 is out of range on axis 1 of shape \[2,3\]/);
    expect(() => slice(x, [0], [3])).toThrow(/end 3 is out of range on axis 0/);
    expect(() => slice(x, [0, -4])).toThrow(ShapeError);
    expect(() => slice(x, [2], [1])).toThrow(/begin 2 > end 1/);
    expect(() => slice(x, [0, 0, 0])).toThrow(/too many bounds/);
    expect(() => slice(x, [0.5])).toThrow(ShapeError);
  });

  it('views leave their argument untouched', () => {
    const t = reshape(arange(6), [2, 3]);
    const before = { shape: t.shape.slice(), strides: t.strides.slice(), offset: t.offset, values: t.toArray() };
    transpose(t);
    reshape(t, [3, 2]);
    slice(t, [1, 1]);
    expandDims(t, 0);
    squeeze(expandDims(t, 0));
    broadcastTo(t, [4, 2, 3]);
    expect({ shape: t.shape.slice(), strides: t.strides.slice(), offset: t.offset, values: t.toArray() }).toEqual(
      before,
    );
  });
});
