// Operands for the hardening properties: a tensor with known logical values, built in one of several memory
// layouts (contiguous, a permuted view, an offset slice, a stride-0 broadcast), plus a reader of the logical
// values that never goes through the library's strides or kernels.
import fc from 'fast-check';
import { type DType, Rng, type Tensor, broadcastTo, permute, slice, tensor } from '@chainrule/tensor';

export type Layout = 'contiguous' | 'permuted' | 'sliced' | 'broadcast';
export const layouts: readonly Layout[] = ['contiguous', 'permuted', 'sliced', 'broadcast'];

/** A tensor and the logical value at each multi-index, computed from the generator's own copy of the numbers. */
export interface Operand {
  readonly tensor: Tensor;
  readonly at: (index: readonly number[]) => number;
  readonly layout: Layout;
}

/** Every multi-index of `shape` in row-major order (one empty index for a 0-d shape). */
export function allIndices(shape: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const dim of shape) {
    const next: number[][] = [];
    for (const prefix of out) for (let i = 0; i < dim; i++) next.push([...prefix, i]);
    out = next;
  }
  return out;
}

/** Row-major position of `index` in `shape`. */
export function flatIndex(index: readonly number[], shape: readonly number[]): number {
  let position = 0;
  for (let axis = 0; axis < shape.length; axis++) position = position * shape[axis]! + index[axis]!;
  return position;
}

export function size(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Rounds like storage in `dtype`. */
export function round(value: number, dtype: DType): number {
  return dtype === 'float32' ? Math.fround(value) : value;
}

/** What `drawValues` mixes into the uniform values: specials (0, ±Infinity, NaN, 4% each), or zeros (50%) and NaN (5%) for masks. */
export type Mix = 'plain' | 'specials' | 'mask';

/** Values in [-4, 4), rounded to the dtype, mixed as `mix` says. */
export function drawValues(rng: Rng, count: number, dtype: DType, mix: Mix = 'plain'): number[] {
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = rng.nextFloat();
    let value = 8 * rng.nextFloat() - 4;
    if (mix === 'specials' && u < 0.16) value = [0, Infinity, -Infinity, Number.NaN][Math.floor(u * 25)]!;
    if (mix === 'mask' && u < 0.55) value = u < 0.5 ? 0 : Number.NaN;
    values.push(round(value, dtype));
  }
  return values;
}

/**
 * Builds an operand of logical shape `shape` in `layout`: `permuted` stores the axes in the order `order` and
 * permutes them back; `sliced` cuts the window `[1, dim + 1)` out of a larger buffer full of other numbers;
 * `broadcast` repeats a smaller tensor whose axes listed in `squashed` have size 1. Values are drawn as `mix` says.
 */
export function makeOperand(
  shape: readonly number[],
  dtype: DType,
  layout: Layout,
  seed: number,
  order: readonly number[],
  squashed: readonly boolean[],
  mix: Mix = 'plain',
): Operand {
  const rng = new Rng(seed);
  if (layout === 'permuted' && shape.length >= 2) {
    // permute(stored, order) has axis i = stored axis order[i], so stored axis order[i] has size shape[i].
    const storedShape = new Array<number>(shape.length);
    order.forEach((storedAxis, i) => (storedShape[storedAxis] = shape[i]!));
    const values = drawValues(rng, size(storedShape), dtype, mix);
    const stored = tensor(values, { dtype, shape: storedShape });
    return {
      tensor: permute(stored, order),
      layout,
      at: (index) => {
        const storedIndex = new Array<number>(shape.length);
        order.forEach((storedAxis, i) => (storedIndex[storedAxis] = index[i]!));
        return values[flatIndex(storedIndex, storedShape)]!;
      },
    };
  }
  if (layout === 'sliced' && shape.length >= 1) {
    const bigShape = shape.map((dim) => dim + 2);
    const values = drawValues(rng, size(bigShape), dtype, mix);
    const big = tensor(values, { dtype, shape: bigShape });
    return {
      tensor: slice(
        big,
        shape.map(() => 1),
        shape.map((dim) => dim + 1),
      ),
      layout,
      at: (index) =>
        values[
          flatIndex(
            index.map((i) => i + 1),
            bigShape,
          )
        ]!,
    };
  }
  if (layout === 'broadcast' && shape.length >= 1) {
    const smallShape = shape.map((dim, axis) => (squashed[axis] ? 1 : dim));
    const values = drawValues(rng, size(smallShape), dtype, mix);
    const small = tensor(values, { dtype, shape: smallShape });
    return {
      tensor: broadcastTo(small, shape),
      layout,
      at: (index) =>
        values[
          flatIndex(
            index.map((i, axis) => (smallShape[axis] === 1 ? 0 : i)),
            smallShape,
          )
        ]!,
    };
  }
  const values = drawValues(rng, size(shape), dtype, mix);
  return {
    tensor: tensor(values, { dtype, shape: [...shape] }),
    layout: 'contiguous',
    at: (index) => values[flatIndex(index, shape)]!,
  };
}

/** Random shape of rank 0..maxRank with dims minDim..maxDim. */
export const shapeArbitrary = (maxRank = 4, maxDim = 4, minDim = 1): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: minDim, max: maxDim }), { maxLength: maxRank });

/** A layout, a permutation and a set of squashed axes for an operand of rank `rank`. */
export const layoutArbitrary = (rank: number): fc.Arbitrary<[Layout, number[], boolean[], number]> =>
  fc.tuple(
    fc.constantFrom(...layouts),
    fc.shuffledSubarray(
      Array.from({ length: rank }, (_, axis) => axis),
      { minLength: rank, maxLength: rank },
    ),
    fc.array(fc.boolean(), { minLength: rank, maxLength: rank }),
    fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  );

/** The logical values of a tensor through its public `toArray()`, flattened in row-major order. */
export function flatValues(t: Tensor): number[] {
  const out: number[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else out.push(value as number);
  };
  visit(t.toArray());
  return out;
}

/** Whole buffers, shapes, strides and offsets: compared before and after an op to prove it wrote nothing. */
export function fingerprint(...tensors: Tensor[]): unknown[] {
  return tensors.map((t) => [Array.from(t.data), [...t.shape], [...t.strides], t.offset]);
}
