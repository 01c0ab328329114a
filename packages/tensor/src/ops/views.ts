import { ShapeError } from '../errors';
import {
  MAX_RANK,
  type Shape,
  checkRank,
  contiguousStrides,
  formatShape,
  normalizeAxes,
  normalizeAxis,
  shapeSize,
  shapesEqual,
} from '../shape';
import { type Tensor, checkTensor, contiguousCopy, makeTensor } from '../tensor';

/**
 * Gives `x` a new shape with the same elements in row-major order. One entry may be −1 (inferred). A view that
 * shares `x`'s buffer when `x` is contiguous, else a reshaped contiguous copy. A different size throws a ShapeError.
 */
export function reshape(x: Tensor, shape: Shape): Tensor {
  checkTensor(x, 'reshape');
  if (!Array.isArray(shape)) throw new ShapeError(`reshape: shape must be an array; got ${String(shape)}`);
  checkRank(shape, 'reshape');
  const target = new Array<number>(shape.length);
  let inferred = -1;
  let known = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const dim: unknown = shape[axis];
    if (dim === -1 && inferred < 0) {
      inferred = axis;
      target[axis] = -1;
      continue;
    }
    if (typeof dim !== 'number' || !Number.isSafeInteger(dim) || dim < 0) {
      throw new ShapeError(
        `reshape: cannot reshape ${formatShape(x.shape)} to ${formatShape(shape)} (axis ${axis}: ${String(dim)}); expected non-negative integers up to 2^53 − 1 and at most one -1`,
      );
    }
    target[axis] = dim;
    known *= dim;
  }
  if (inferred >= 0) {
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(
        `reshape: cannot reshape ${formatShape(x.shape)} (size ${x.size}) to ${formatShape(shape)}; the -1 at axis ${inferred} has no integer solution`,
      );
    }
    target[inferred] = x.size / known;
  } else if (known !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (size ${x.size}) to ${formatShape(shape)} (size ${known}); expected the same size`,
    );
  }
  const source = contiguousCopy(x, 'reshape');
  return makeTensor(source.storage, target, contiguousStrides(target), source.offset);
}

/** Reshapes `x` to one axis of `x.size` elements (a view when `x` is contiguous). */
export function flatten(x: Tensor): Tensor {
  checkTensor(x, 'flatten');
  return reshape(x, [x.size]);
}

/** Permutes axes (default: reverses them, so a matrix is transposed). A view: no data moves. */
export function transpose(x: Tensor, axes?: readonly number[]): Tensor {
  checkTensor(x, 'transpose');
  if (axes === undefined) {
    const reversed = new Array<number>(x.rank);
    for (let axis = 0; axis < x.rank; axis++) reversed[axis] = x.rank - 1 - axis;
    return permuteChecked(x, reversed);
  }
  return checkedPermute(x, axes, 'transpose');
}

/** Reorders axes: output axis `i` is input axis `axes[i]` (negative allowed). A view sharing `x`'s buffer. */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  checkTensor(x, 'permute');
  return checkedPermute(x, axes, 'permute');
}

function checkedPermute(x: Tensor, axes: readonly number[], op: string): Tensor {
  if (!Array.isArray(axes) || axes.length !== x.rank) {
    throw new ShapeError(
      `${op}: expected a permutation of ${x.rank} axes for shape ${formatShape(x.shape)}; got ${Array.isArray(axes) ? `[${axes.join(',')}]` : String(axes)}`,
    );
  }
  const normalized = new Array<number>(x.rank);
  const seen = new Array<boolean>(x.rank).fill(false);
  for (let i = 0; i < axes.length; i++) {
    const axis = normalizeAxis(axes[i]!, x.rank, op, x.shape);
    if (seen[axis]) {
      throw new ShapeError(
        `${op}: repeated axis ${axes[i]} in [${axes.join(',')}] for shape ${formatShape(x.shape)}; expected a permutation`,
      );
    }
    seen[axis] = true;
    normalized[i] = axis;
  }
  return permuteChecked(x, normalized);
}

function permuteChecked(x: Tensor, axes: readonly number[]): Tensor {
  const shape = new Array<number>(x.rank);
  const strides = new Array<number>(x.rank);
  for (let i = 0; i < axes.length; i++) {
    shape[i] = x.shape[axes[i]!]!;
    strides[i] = x.strides[axes[i]!]!;
  }
  return makeTensor(x.storage, shape, strides, x.offset);
}

/** Exchanges two axes (a view). */
export function swapAxes(x: Tensor, axis1: number, axis2: number): Tensor {
  checkTensor(x, 'swapAxes');
  const a = normalizeAxis(axis1, x.rank, 'swapAxes', x.shape);
  const b = normalizeAxis(axis2, x.rank, 'swapAxes', x.shape);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[a] = x.shape[b]!;
  shape[b] = x.shape[a]!;
  strides[a] = x.strides[b]!;
  strides[b] = x.strides[a]!;
  return makeTensor(x.storage, shape, strides, x.offset);
}

/** Inserts an axis of size 1 at `axis` (in `[−rank−1, rank]`), a view: `[2,3]` with axis 1 becomes `[2,1,3]`. */
export function expandDims(x: Tensor, axis: number): Tensor {
  checkTensor(x, 'expandDims');
  const position = normalizeAxis(axis, x.rank + 1, 'expandDims', x.shape);
  if (x.rank === MAX_RANK) checkRank([...x.shape, 1], 'expandDims');
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  const stride = position < x.rank ? x.strides[position]! * x.shape[position]! : 1;
  shape.splice(position, 0, 1);
  strides.splice(position, 0, stride);
  return makeTensor(x.storage, shape, strides, x.offset);
}

/** Removes axes of size 1: all of them, or those listed (a listed axis of another size throws a ShapeError). A view. */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  checkTensor(x, 'squeeze');
  const drop = new Array<boolean>(x.rank).fill(false);
  if (axis === undefined) {
    for (let i = 0; i < x.rank; i++) drop[i] = x.shape[i] === 1;
  } else {
    for (const i of normalizeAxes(axis, x.rank, 'squeeze', x.shape)) {
      if (x.shape[i] !== 1) {
        throw new ShapeError(
          `squeeze: cannot squeeze axis ${i} of shape ${formatShape(x.shape)} (size ${x.shape[i]}); expected size 1`,
        );
      }
      drop[i] = true;
    }
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let i = 0; i < x.rank; i++) {
    if (drop[i]) continue;
    shape.push(x.shape[i]!);
    strides.push(x.strides[i]!);
  }
  return makeTensor(x.storage, shape, strides, x.offset);
}

/**
 * Broadcasts `x` to `shape` under NumPy rules (axes aligned on the right; size-1 or missing axes are repeated).
 * A view with stride 0 on repeated axes: it shares memory and must not be written.
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  checkTensor(x, 'broadcastTo');
  if (!Array.isArray(shape)) throw new ShapeError(`broadcastTo: shape must be an array; got ${String(shape)}`);
  if (shapesEqual(x.shape, shape)) return x;
  const rank = shape.length;
  checkRank(shape, 'broadcastTo');
  const pad = rank - x.rank;
  if (pad < 0) throw broadcastToError(x, shape, `; the target has fewer axes (${rank} < ${x.rank})`);
  const outShape = new Array<number>(rank);
  const strides = new Array<number>(rank);
  for (let axis = 0; axis < rank; axis++) {
    const target: unknown = shape[axis];
    if (typeof target !== 'number' || !Number.isSafeInteger(target) || target < 0) {
      throw broadcastToError(x, shape, ` (axis ${axis}: ${String(target)} is not an integer in [0, 2^53 − 1])`);
    }
    outShape[axis] = target;
    if (axis < pad) {
      strides[axis] = 0;
      continue;
    }
    const dim = x.shape[axis - pad]!;
    if (dim === target) strides[axis] = x.strides[axis - pad]!;
    else if (dim === 1) strides[axis] = 0;
    else throw broadcastToError(x, shape, ` (axis ${axis}: ${dim} vs ${target})`);
  }
  return makeTensor(x.storage, outShape, strides, x.offset);
}

function broadcastToError(x: Tensor, shape: Shape, detail: string): ShapeError {
  return new ShapeError(`broadcastTo: cannot broadcast ${formatShape(x.shape)} to ${formatShape(shape)}${detail}`);
}

/**
 * Takes `[begin[i], end[i])` along each axis `i` (a view). Missing trailing entries take the whole axis; negative
 * entries count from the end. Bounds outside `[0, dim]` or `begin > end` throw a ShapeError.
 */
export function slice(x: Tensor, begin: readonly number[], end?: readonly number[]): Tensor {
  checkTensor(x, 'slice');
  if (!Array.isArray(begin) || (end !== undefined && !Array.isArray(end))) {
    throw new ShapeError('slice: begin and end must be arrays of integers');
  }
  if (begin.length > x.rank || (end !== undefined && end.length > x.rank)) {
    throw new ShapeError(
      `slice: too many bounds for shape ${formatShape(x.shape)}; got begin [${begin.join(',')}]${end === undefined ? '' : ` and end [${end.join(',')}]`}, expected at most ${x.rank}`,
    );
  }
  const shape = x.shape.slice();
  let offset = x.offset;
  for (let axis = 0; axis < x.rank; axis++) {
    const dim = x.shape[axis]!;
    const from = bound(begin[axis], 0, dim, axis, 'begin', x, begin, end);
    const to = bound(end?.[axis], dim, dim, axis, 'end', x, begin, end);
    if (from > to) {
      throw new ShapeError(
        `slice: empty range reversed on axis ${axis} of shape ${formatShape(x.shape)}: begin ${from} > end ${to}`,
      );
    }
    shape[axis] = to - from;
    offset += from * x.strides[axis]!;
  }
  return makeTensor(x.storage, shape, x.strides, shapeSize(shape) === 0 ? x.offset : offset);
}

function bound(
  value: number | undefined,
  fallback: number,
  dim: number,
  axis: number,
  name: string,
  x: Tensor,
  begin: readonly number[],
  end: readonly number[] | undefined,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -dim || value > dim) {
    throw new ShapeError(
      `slice: ${name} ${String(value)} is out of range on axis ${axis} of shape ${formatShape(x.shape)} (begin [${begin.join(',')}]${end === undefined ? '' : `, end [${end.join(',')}]`}); expected an integer in [${-dim}, ${dim}]`,
    );
  }
  return value < 0 ? value + dim : value;
}
