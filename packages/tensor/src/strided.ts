import { isCapturing, recordLaunch } from './capture';
import type { TypedArray } from './dtype';
import type { Shape } from './shape';

/** A shape with one stride array per operand, after dropping size-1 axes and merging axes that are contiguous for every operand. */
export interface CoalescedLayout {
  shape: number[];
  strides: number[][];
}

/**
 * Simplifies an iteration space shared by several operands: drops axes of size 1 and merges an axis into the next one
 * when, for every operand, `stride[outer] === stride[inner] * shape[inner]`. Contiguous operands collapse to one axis,
 * row and column broadcasts to two.
 */
export function coalesce(shape: Shape, operandStrides: readonly (readonly number[])[]): CoalescedLayout {
  const operands = operandStrides.length;
  const outShape: number[] = [];
  const outStrides: number[][] = [];
  for (let k = 0; k < operands; k++) outStrides.push([]);
  for (let axis = 0; axis < shape.length; axis++) {
    const dim = shape[axis]!;
    if (dim === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; k < operands && mergeable; k++) {
      if (outStrides[k]![last] !== operandStrides[k]![axis]! * dim) mergeable = false;
    }
    if (mergeable) {
      outShape[last] = outShape[last]! * dim;
      for (let k = 0; k < operands; k++) outStrides[k]![last] = operandStrides[k]![axis]!;
    } else {
      outShape.push(dim);
      for (let k = 0; k < operands; k++) outStrides[k]!.push(operandStrides[k]![axis]!);
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Steps an odometer over the first `axes` axes of `dims` (the last of them fastest) to the next position, moving
 * every operand's offset along: `offsets[k]` follows `strides[k]`. The row loops of the strided kernels call it once
 * per row, so each row starts at the right element of every operand without recomputing it from the multi-index.
 */
export function nextRow(
  dims: readonly number[],
  axes: number,
  strides: readonly (readonly number[])[],
  counter: number[],
  offsets: number[],
): void {
  const operands = offsets.length;
  for (let axis = axes - 1; axis >= 0; axis--) {
    for (let k = 0; k < operands; k++) offsets[k] = offsets[k]! + strides[k]![axis]!;
    if (++counter[axis]! < dims[axis]!) return;
    for (let k = 0; k < operands; k++) offsets[k] = offsets[k]! - strides[k]![axis]! * dims[axis]!;
    counter[axis] = 0;
  }
}

/** Kernel: copies `n` elements, `dst[di + k·dStride] = src[si + k·sStride]`. */
export function copyRow(
  src: TypedArray,
  si: number,
  sStride: number,
  dst: TypedArray,
  di: number,
  dStride: number,
  n: number,
): void {
  for (let k = 0; k < n; k++, si += sStride, di += dStride) dst[di] = src[si]!;
}

/** Runs one `copyRow` launch, and records it when a capture is running (see capture.ts). */
function launchCopyRow(
  src: TypedArray,
  si: number,
  sStride: number,
  dst: TypedArray,
  di: number,
  dStride: number,
  n: number,
): void {
  copyRow(src, si, sStride, dst, di, dStride, n);
  if (isCapturing()) recordLaunch(copyRow, [src, si, sStride, dst, di, dStride, n]);
}

/**
 * Copies every element of a strided source into a strided destination of the same shape.
 * Source strides may be 0 (broadcast); destination strides must address distinct elements.
 */
export function copyStrided(
  shape: Shape,
  src: TypedArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: TypedArray,
  dstOffset: number,
  dstStrides: readonly number[],
): void {
  for (let axis = 0; axis < shape.length; axis++) if (shape[axis] === 0) return;
  const layout = coalesce(shape, [srcStrides, dstStrides]);
  const dims = layout.shape;
  const sStrides = layout.strides[0]!;
  const dStrides = layout.strides[1]!;
  const rank = dims.length;
  if (rank === 0) {
    launchCopyRow(src, srcOffset, 0, dst, dstOffset, 0, 1);
    return;
  }
  const n = dims[rank - 1]!;
  const sInner = sStrides[rank - 1]!;
  const dInner = dStrides[rank - 1]!;
  if (rank === 1 && sInner === 1 && dInner === 1 && !isCapturing()) {
    dst.set(src.subarray(srcOffset, srcOffset + n), dstOffset);
    return;
  }
  const outerRank = rank - 1;
  let rows = 1;
  for (let axis = 0; axis < outerRank; axis++) rows *= dims[axis]!;
  const counter = new Array<number>(outerRank).fill(0);
  const offsets = [srcOffset, dstOffset];
  for (let row = 0; row < rows; row++) {
    launchCopyRow(src, offsets[0]!, sInner, dst, offsets[1]!, dInner, n);
    nextRow(dims, outerRank, layout.strides, counter, offsets);
  }
}
