import { ShapeError, ValueError } from './errors';

/** A tensor shape: one non-negative integer per axis, outermost first. */
export type Shape = readonly number[];

/**
 * The most axes a tensor may have (NumPy's limit since 2.0). Longer shapes, and nested arrays nested deeper, throw a
 * ShapeError, so code that walks a tensor axis by axis (printing, `toArray`) never recurses deeper than this.
 */
export const MAX_RANK = 64;

/** Throws a ShapeError naming `op` when `shape` has more than MAX_RANK axes (the message shows its first entries). */
export function checkRank(shape: readonly unknown[], op: string): void {
  if (shape.length <= MAX_RANK) return;
  const shown = `[${shape.slice(0, 8).map(String).join(',')},...]`;
  throw new ShapeError(`${op}: shape ${shown} has ${shape.length} axes; expected at most ${MAX_RANK}`);
}

/** Number of elements of a tensor of this shape: the product of its entries (1 for `[]`, 0 when any entry is 0). */
export function shapeSize(shape: Shape): number {
  let size = 1;
  for (let axis = 0; axis < shape.length; axis++) size *= shape[axis]!;
  // NOTE: huge entries can overflow the product to Infinity before a 0 entry makes it Infinity·0 = NaN.
  return size === size ? size : 0;
}

/** Formats a shape as `[2,3]` (no spaces), the form used in every error message. */
export function formatShape(shape: Shape): string {
  return `[${shape.join(',')}]`;
}

/** True when both shapes have the same rank and entries. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
}

/** Row-major (C-order) strides of a contiguous tensor: `strides[i] = shape[i+1] * ... * shape[rank-1]`. */
export function contiguousStrides(shape: Shape): number[] {
  const rank = shape.length;
  const strides: number[] = [];
  for (let axis = 0; axis < rank; axis++) strides.push(1);
  let stride = 1;
  for (let axis = rank - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis]!;
  }
  return strides;
}

/**
 * Validates a shape as every tensor's shape is validated (an array of at most MAX_RANK non-negative integers, each at
 * most 2^53 − 1 so that index arithmetic on it is exact) and
 * returns a copy of it. Throws a ShapeError naming `op`, the shape and the offending axis; loaders of weight files use
 * it so that a file never declares a shape a tensor could not have.
 */
export function checkShape(shape: unknown, op: string): number[] {
  if (!Array.isArray(shape)) {
    throw new ShapeError(`${op}: shape must be an array of non-negative integers; got ${String(shape)}`);
  }
  checkRank(shape, op);
  const copy: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    const dim: unknown = shape[axis];
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) {
      throw new ShapeError(
        `${op}: shape entries must be non-negative integers; got [${shape.map(String).join(',')}] (axis ${axis}: ${String(dim)})`,
      );
    }
    if (dim > Number.MAX_SAFE_INTEGER) {
      throw new ShapeError(
        `${op}: shape entries must be at most 2^53 − 1; got [${shape.map(String).join(',')}] (axis ${axis}: ${String(dim)})`,
      );
    }
    copy.push(dim);
  }
  return copy;
}

/**
 * NumPy broadcasting of two shapes: align them on the right; on each axis the sizes must be equal or one of them 1,
 * and the result takes the larger. Throws `ShapeError` like `add: cannot broadcast shapes [2,3] and [4] (axis 1: 3 vs 4)`.
 */
export function broadcastShapes(a: Shape, b: Shape, op = 'broadcastShapes'): number[] {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    throw new ShapeError(`${op}: shapes must be arrays of integers; got ${String(a)} and ${String(b)}`);
  }
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  const aPad = rank - a.length;
  const bPad = rank - b.length;
  for (let axis = 0; axis < rank; axis++) {
    const da = axis < aPad ? 1 : a[axis - aPad]!;
    const db = axis < bPad ? 1 : b[axis - bPad]!;
    if (da === db || db === 1) out[axis] = da;
    else if (da === 1) out[axis] = db;
    else {
      throw new ShapeError(
        `${op}: cannot broadcast shapes ${formatShape(a)} and ${formatShape(b)} (axis ${axis}: ${da} vs ${db})`,
      );
    }
  }
  return out;
}

/**
 * Normalises one axis: negative values count from the end. Throws a ShapeError when it is not an integer in
 * `[-rank, rank)`.
 */
export function normalizeAxis(axis: number, rank: number, op: string, shape?: Shape): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank) {
    const of = shape === undefined ? `rank ${rank}` : `shape ${formatShape(shape)}`;
    throw new ShapeError(`${op}: invalid axis ${String(axis)} for ${of}; expected an integer in [${-rank}, ${rank})`);
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * Normalises an axis set: `undefined` means every axis; a number or an array of numbers (any order, negative
 * counting from the end) gives the sorted list of distinct axes. Repeated or out-of-range axes throw a ShapeError.
 */
export function normalizeAxes(
  axes: number | readonly number[] | undefined,
  rank: number,
  op: string,
  shape?: Shape,
): number[] {
  if (axes === undefined) {
    const all = new Array<number>(rank);
    for (let axis = 0; axis < rank; axis++) all[axis] = axis;
    return all;
  }
  if (typeof axes === 'number') return [normalizeAxis(axes, rank, op, shape)];
  if (!Array.isArray(axes)) {
    throw new ShapeError(`${op}: axis must be a number or an array of numbers; got ${String(axes)}`);
  }
  const out: number[] = [];
  for (const axis of axes) {
    const normalized = normalizeAxis(axis, rank, op, shape);
    if (out.includes(normalized)) {
      const of = shape === undefined ? `rank ${rank}` : `shape ${formatShape(shape)}`;
      throw new ShapeError(`${op}: repeated axis ${axis} in [${axes.join(',')}] for ${of}; expected distinct axes`);
    }
    out.push(normalized);
  }
  return out.sort((x, y) => x - y);
}

/** Validates a count argument (a non-negative integer), throwing a ValueError naming `op` and `name`. */
export function checkCount(value: number, op: string, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValueError(`${op}: ${name} must be a non-negative integer; got ${String(value)}`);
  }
  return value;
}
