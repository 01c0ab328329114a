import fc from 'fast-check';
import type { DType, FloatDType, Shape, Tensor } from '@chainrule/tensor';

/** Every multi-index of `shape` in row-major order (one empty index for a 0-d shape). */
export function allIndices(shape: Shape): number[][] {
  let out: number[][] = [[]];
  for (const dim of shape) {
    const next: number[][] = [];
    for (const prefix of out) for (let i = 0; i < dim; i++) next.push([...prefix, i]);
    out = next;
  }
  return out;
}

/** The elements of `t` in row-major order, read one by one through `get` (independent of strides and kernels). */
export function valuesOf(t: Tensor): number[] {
  return allIndices(t.shape).map((index) => t.get(...index));
}

/** Rounds like storage in `dtype` would. */
export function round(value: number, dtype: DType): number {
  return dtype === 'float32' ? Math.fround(value) : value;
}

/** Naive NumPy broadcasting written independently of the library: pad on the left with 1s, then each axis must match or be 1. */
export function naiveBroadcastShape(a: Shape, b: Shape): number[] | null {
  const rank = Math.max(a.length, b.length);
  const pa = [...new Array<number>(rank - a.length).fill(1), ...a];
  const pb = [...new Array<number>(rank - b.length).fill(1), ...b];
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (pa[i] === pb[i] || pb[i] === 1) out.push(pa[i]!);
    else if (pa[i] === 1) out.push(pb[i]!);
    else return null;
  }
  return out;
}

/** The element of `t` that broadcasting maps to the output index `index`. */
export function broadcastGet(t: Tensor, index: readonly number[]): number {
  const pad = index.length - t.rank;
  return t.get(...t.shape.map((dim, axis) => (dim === 1 ? 0 : index[axis + pad]!)));
}

/** Naive broadcast binary op: `f` in float64 on each output element, rounded to the dtype. */
export function naiveBinary(
  a: Tensor,
  b: Tensor,
  f: (x: number, y: number) => number,
): { shape: number[]; values: number[] } {
  const shape = naiveBroadcastShape(a.shape, b.shape);
  if (shape === null) throw new Error('shapes do not broadcast');
  return {
    shape,
    values: allIndices(shape).map((index) => round(f(broadcastGet(a, index), broadcastGet(b, index)), a.dtype)),
  };
}

/** Naive reduction: groups the elements of `x` by their index on the kept axes and applies `f` to each group in row-major order. */
export function naiveReduce(
  x: Tensor,
  axes: readonly number[],
  keepDims: boolean,
  f: (values: number[]) => number,
): { shape: number[]; values: number[] } {
  const reduced = new Set(axes.map((axis) => (axis < 0 ? axis + x.rank : axis)));
  const shape: number[] = [];
  x.shape.forEach((dim, axis) => {
    if (!reduced.has(axis)) shape.push(dim);
    else if (keepDims) shape.push(1);
  });
  const keptShape = x.shape.filter((_, axis) => !reduced.has(axis));
  const groups = new Map<string, number[]>();
  for (const kept of allIndices(keptShape)) groups.set(kept.join(','), []);
  for (const index of allIndices(x.shape)) {
    const key = index.filter((_, axis) => !reduced.has(axis)).join(',');
    groups.get(key)!.push(x.get(...index));
  }
  return { shape, values: [...groups.values()].map((group) => round(f(group), x.dtype)) };
}

/** A random shape of rank 0..maxRank with dims 1..maxDim. */
export const shapeArbitrary = (maxRank = 4, maxDim = 4): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: 0, maxLength: maxRank });

/** A pair of shapes that broadcast together: b is a copy of a with leading axes dropped and some axes set to 1 (and maybe swapped). */
export const broadcastPairArbitrary: fc.Arbitrary<[number[], number[]]> = shapeArbitrary().chain((shape) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }),
      fc.boolean(),
    )
    .map(([drop, onesB, onesA, swap]): [number[], number[]] => {
      const a = shape.map((dim, axis) => (onesA[axis] ? 1 : dim));
      const b = shape.slice(drop).map((dim, axis) => (onesB[axis + drop] ? 1 : dim));
      // Where A got a 1, B keeps the full size so the output still has it.
      const bFixed = b.map((dim, axis) => (onesA[axis + drop] && !onesB[axis + drop] ? shape[axis + drop]! : dim));
      return swap ? [bFixed, a] : [a, bFixed];
    }),
);

/** A generator of integers in [-9, 9] (exact in both dtypes) driven by a seed that fast-check chooses (a 32-bit LCG). */
export function smallIntegers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return ((state >>> 16) % 19) - 9;
  };
}

export const dtypes: readonly FloatDType[] = ['float32', 'float64'];
