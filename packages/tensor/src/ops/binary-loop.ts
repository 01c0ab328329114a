import { type DType, type TypedArray, allocate } from '../dtype';
import { DTypeError, ValueError } from '../errors';
import { type Shape, broadcastShapes, formatShape, shapeSize, shapesEqual } from '../shape';
import { isCapturing, recordLaunch } from '../capture';
import { coalesce, nextRow } from '../strided';
import { type Tensor, fromData, fromDataLike, isTensor } from '../tensor';

/**
 * A binary element-wise loop over `n` elements: `out[oi + k] = f(a[ai + k·as], b[bi + k·bs])`.
 * Each op writes its own kernel so the hot loop has no per-element call.
 */
export type BinaryKernel = (
  a: TypedArray,
  ai: number,
  as: number,
  b: TypedArray,
  bi: number,
  bs: number,
  out: TypedArray,
  oi: number,
  n: number,
) => void;

const EMPTY: readonly number[] = [];
const scratchA32 = new Float32Array(1);
const scratchB32 = new Float32Array(1);
const scratchA64 = new Float64Array(1);
const scratchB64 = new Float64Array(1);

/** A one-element buffer holding `value` in `dtype` (a reused scratch buffer: valid until the next call). */
function scalarBuffer(value: number, dtype: DType, second: boolean): TypedArray {
  const buffer = dtype === 'float64' ? (second ? scratchB64 : scratchA64) : second ? scratchB32 : scratchA32;
  buffer[0] = value;
  return buffer;
}

/** Runs one kernel launch, and records it when a capture is running (see capture.ts). */
function launch(
  kernel: BinaryKernel,
  a: TypedArray,
  ai: number,
  as: number,
  b: TypedArray,
  bi: number,
  bs: number,
  out: TypedArray,
  oi: number,
  n: number,
): void {
  kernel(a, ai, as, b, bi, bs, out, oi, n);
  if (isCapturing()) recordLaunch(kernel, [a, ai, as, b, bi, bs, out, oi, n]);
}

/** A one-element buffer of its own holding `value`: a recorded launch keeps reading it (the scratch ones change). */
function ownScalar(value: number, dtype: DType): TypedArray {
  return dtype === 'float64' ? Float64Array.of(value) : Float32Array.of(value);
}

/**
 * Applies a binary kernel with NumPy broadcasting. Either operand may be a number (a scalar in the other's dtype);
 * tensors of different dtypes throw a DTypeError. Fast paths: same-shape contiguous operands (one of them may be a
 * broadcast scalar) and a scalar operand run a single loop; other layouts iterate over coalesced rows (row and
 * column broadcasts become two-level loops).
 */
export function binaryOp(op: string, kernel: BinaryKernel, a: Tensor | number, b: Tensor | number): Tensor {
  if (isTensor(a)) {
    if (isTensor(b)) {
      if (a.dtype !== b.dtype) {
        throw new DTypeError(
          `${op}: cannot mix dtypes; got ${formatShape(a.shape)} ${a.dtype} and ${formatShape(b.shape)} ${b.dtype}, expected the same dtype (convert one with astype)`,
        );
      }
      if (shapesEqual(a.shape, b.shape)) {
        const aStep = flatStep(a);
        const bStep = flatStep(b);
        if (aStep >= 0 && bStep >= 0 && (aStep === 1 || bStep === 1)) {
          const out = allocate(a.dtype, a.size, op, a.shape);
          launch(kernel, a.storage, a.offset, aStep, b.storage, b.offset, bStep, out, 0, a.size);
          return fromDataLike(out, aStep === 1 ? a : b);
        }
      }
      // One element against a contiguous tensor of at least its rank (a sum's gradient, a 0-d scale): one loop with
      // the single element's step 0, as for a number operand.
      if (b.size === 1 && b.rank <= a.rank && a.isContiguous()) {
        const out = allocate(a.dtype, a.size, op, a.shape);
        launch(kernel, a.storage, a.offset, 1, b.storage, b.offset, 0, out, 0, a.size);
        return fromDataLike(out, a);
      }
      if (a.size === 1 && a.rank <= b.rank && b.isContiguous()) {
        const out = allocate(b.dtype, b.size, op, b.shape);
        launch(kernel, a.storage, a.offset, 0, b.storage, b.offset, 1, out, 0, b.size);
        return fromDataLike(out, b);
      }
      if (a.isContiguous() && b.isContiguous()) {
        const fast = rowOrColumnBroadcast(op, kernel, a, b);
        if (fast !== null) return fast;
      }
      return broadcastLoop(
        op,
        kernel,
        a.dtype,
        a.storage,
        a.offset,
        a.shape,
        a.strides,
        b.storage,
        b.offset,
        b.shape,
        b.strides,
      );
    }
    if (typeof b !== 'number') throw badOperand(op, b);
    const bData = isCapturing() ? ownScalar(b, a.dtype) : scalarBuffer(b, a.dtype, true);
    if (a.isContiguous()) {
      const out = allocate(a.dtype, a.size, op, a.shape);
      launch(kernel, a.storage, a.offset, 1, bData, 0, 0, out, 0, a.size);
      return fromDataLike(out, a);
    }
    return broadcastLoop(op, kernel, a.dtype, a.storage, a.offset, a.shape, a.strides, bData, 0, EMPTY, EMPTY);
  }
  if (typeof a !== 'number') throw badOperand(op, a);
  if (isTensor(b)) {
    const aData = isCapturing() ? ownScalar(a, b.dtype) : scalarBuffer(a, b.dtype, false);
    if (b.isContiguous()) {
      const out = allocate(b.dtype, b.size, op, b.shape);
      launch(kernel, aData, 0, 0, b.storage, b.offset, 1, out, 0, b.size);
      return fromDataLike(out, b);
    }
    return broadcastLoop(op, kernel, b.dtype, aData, 0, EMPTY, EMPTY, b.storage, b.offset, b.shape, b.strides);
  }
  if (typeof b !== 'number') throw badOperand(op, b);
  const out = new Float32Array(1);
  launch(kernel, Float32Array.of(a), 0, 0, Float32Array.of(b), 0, 0, out, 0, 1);
  return fromData(out, EMPTY);
}

/**
 * The step between consecutive row-major elements of `t` when one flat loop can read it: 1 when contiguous, 0 when
 * every element is the same one (a scalar broadcast to a shape, as a sum's gradient is), else −1.
 */
function flatStep(t: Tensor): number {
  if (t.isContiguous()) return 1;
  const strides = t.strides;
  for (let axis = 0; axis < strides.length; axis++) if (strides[axis] !== 0) return -1;
  return 0;
}

/** True when `small` equals the trailing axes of `big` (`[3]` against `[4,3]`): a row repeated along the leading axes. */
function isTrailing(small: Shape, big: Shape): boolean {
  const pad = big.length - small.length;
  if (pad < 0) return false;
  for (let axis = 0; axis < small.length; axis++) if (small[axis] !== big[axis + pad]) return false;
  return true;
}

/** True when `column` equals `big` except for a last axis of size 1 (`[4,1]` against `[4,3]`). */
function isColumn(column: Shape, big: Shape): boolean {
  const rank = big.length;
  if (column.length !== rank || rank === 0 || column[rank - 1] !== 1) return false;
  for (let axis = 0; axis < rank - 1; axis++) if (column[axis] !== big[axis]) return false;
  return true;
}

/**
 * Fast path for two contiguous operands where one is a row (its shape is the other's trailing axes, like a bias)
 * or a column (the other's shape with a last axis of 1): one kernel call per row, no layout analysis.
 * Returns null for other layouts.
 */
function rowOrColumnBroadcast(op: string, kernel: BinaryKernel, a: Tensor, b: Tensor): Tensor | null {
  const aBig = a.rank >= b.rank && a.size >= b.size;
  const big = aBig ? a : b;
  const small = aBig ? b : a;
  if (small.size === 0) return null;
  const column = !isTrailing(small.shape, big.shape);
  if (column && !isColumn(small.shape, big.shape)) return null;
  const n = column ? big.shape[big.rank - 1]! : small.size;
  const rows = big.size / n;
  const out = allocate(a.dtype, big.size, op, big.shape);
  const smallStride = column ? 0 : 1;
  for (let row = 0; row < rows; row++) {
    const bigStart = big.offset + row * n;
    const smallStart = small.offset + (column ? row : 0);
    if (aBig) launch(kernel, a.storage, bigStart, 1, b.storage, smallStart, smallStride, out, row * n, n);
    else launch(kernel, a.storage, smallStart, smallStride, b.storage, bigStart, 1, out, row * n, n);
  }
  return fromDataLike(out, big);
}

function badOperand(op: string, value: unknown): ValueError {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return new ValueError(`${op}: expected a Tensor or a number; got ${kind}`);
}

/** Strides of a tensor seen through broadcasting to an output of rank `rank`: 0 on new and size-1 axes. */
export function broadcastStrides(shape: Shape, strides: readonly number[], outShape: Shape): number[] {
  const rank = outShape.length;
  const pad = rank - shape.length;
  const out = new Array<number>(rank);
  for (let axis = 0; axis < rank; axis++) {
    out[axis] = axis < pad || shape[axis - pad] === 1 ? 0 : strides[axis - pad]!;
  }
  return out;
}

function broadcastLoop(
  op: string,
  kernel: BinaryKernel,
  dtype: DType,
  aData: TypedArray,
  aOffset: number,
  aShape: Shape,
  aStrides: readonly number[],
  bData: TypedArray,
  bOffset: number,
  bShape: Shape,
  bStrides: readonly number[],
): Tensor {
  const shape = broadcastShapes(aShape, bShape, op);
  const size = shapeSize(shape);
  const out = allocate(dtype, size, op, shape);
  if (size === 0) return fromData(out, shape);
  const layout = coalesce(shape, [
    broadcastStrides(aShape, aStrides, shape),
    broadcastStrides(bShape, bStrides, shape),
  ]);
  const dims = layout.shape;
  const sa = layout.strides[0]!;
  const sb = layout.strides[1]!;
  const rank = dims.length;
  if (rank === 0) {
    launch(kernel, aData, aOffset, 0, bData, bOffset, 0, out, 0, 1);
    return fromData(out, shape);
  }
  const n = dims[rank - 1]!;
  const aInner = sa[rank - 1]!;
  const bInner = sb[rank - 1]!;
  if (rank === 2) {
    const rows = dims[0]!;
    const aRow = sa[0]!;
    const bRow = sb[0]!;
    for (let row = 0; row < rows; row++) {
      launch(kernel, aData, aOffset + row * aRow, aInner, bData, bOffset + row * bRow, bInner, out, row * n, n);
    }
    return fromData(out, shape);
  }
  const outerRank = rank - 1;
  const rows = size / n;
  const counter = new Array<number>(outerRank).fill(0);
  const offsets = [aOffset, bOffset];
  for (let row = 0; row < rows; row++) {
    launch(kernel, aData, offsets[0]!, aInner, bData, offsets[1]!, bInner, out, row * n, n);
    nextRow(dims, outerRank, layout.strides, counter, offsets);
  }
  return fromData(out, shape);
}
