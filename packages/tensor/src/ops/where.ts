import { scalar } from '../creation';
import { isCapturing, recordLaunch } from '../capture';
import { type TypedArray, allocate } from '../dtype';
import { DTypeError, ValueError } from '../errors';
import { broadcastShapes, formatShape, shapeSize } from '../shape';
import { coalesce, nextRow } from '../strided';
import { Tensor, fromData } from '../tensor';
import { broadcastStrides } from './binary-loop';

/**
 * Element-wise choice with broadcasting: `out = condition ≠ 0 ? a : b`. `a` and `b` share a dtype (a number takes
 * the other's dtype, or the condition's when both are numbers); the condition may have either dtype.
 */
export function where(condition: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  if (!(condition instanceof Tensor))
    throw new ValueError(`where: condition must be a Tensor; got ${typeof condition}`);
  const dtype = a instanceof Tensor ? a.dtype : b instanceof Tensor ? b.dtype : condition.dtype;
  const left = toOperand(a, dtype, 'a');
  const right = toOperand(b, dtype, 'b');
  if (left.dtype !== right.dtype) {
    throw new DTypeError(
      `where: cannot mix dtypes; got a ${formatShape(left.shape)} ${left.dtype} and b ${formatShape(right.shape)} ${right.dtype}, expected the same dtype`,
    );
  }
  const shape = broadcastShapes(broadcastShapes(condition.shape, left.shape, 'where'), right.shape, 'where');
  const size = shapeSize(shape);
  const out = allocate(dtype, size, 'where', shape);
  if (size === 0) return fromData(out, shape);
  const layout = coalesce(shape, [
    broadcastStrides(condition.shape, condition.strides, shape),
    broadcastStrides(left.shape, left.strides, shape),
    broadcastStrides(right.shape, right.strides, shape),
  ]);
  const dims = layout.shape;
  const [sc, sa, sb] = layout.strides as [number[], number[], number[]];
  const rank = dims.length;
  const n = rank === 0 ? 1 : dims[rank - 1]!;
  const cInner = rank === 0 ? 0 : sc[rank - 1]!;
  const aInner = rank === 0 ? 0 : sa[rank - 1]!;
  const bInner = rank === 0 ? 0 : sb[rank - 1]!;
  const outerRank = Math.max(rank - 1, 0);
  const counter = new Array<number>(outerRank).fill(0);
  const c = condition.storage;
  const x = left.storage;
  const y = right.storage;
  const offsets = [condition.offset, left.offset, right.offset];
  for (let o = 0; o < size; o += n) {
    whereRow(c, offsets[0]!, cInner, x, offsets[1]!, aInner, y, offsets[2]!, bInner, out, o, n);
    if (isCapturing())
      recordLaunch(whereRow, [c, offsets[0]!, cInner, x, offsets[1]!, aInner, y, offsets[2]!, bInner, out, o, n]);
    nextRow(dims, outerRank, layout.strides, counter, offsets);
  }
  return fromData(out, shape);
}

/** Kernel: one row of `where`, `out[oi + k] = c[ci + k·cs] !== 0 ? x[xi + k·xs] : y[yi + k·ys]`. */
function whereRow(
  c: TypedArray,
  ci: number,
  cs: number,
  x: TypedArray,
  xi: number,
  xs: number,
  y: TypedArray,
  yi: number,
  ys: number,
  out: TypedArray,
  oi: number,
  n: number,
): void {
  for (let k = 0; k < n; k++, oi++, ci += cs, xi += xs, yi += ys) out[oi] = c[ci] !== 0 ? x[xi]! : y[yi]!;
}

function toOperand(value: Tensor | number, dtype: Tensor['dtype'], name: string): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number') return scalar(value, { dtype });
  throw new ValueError(`where: ${name} must be a Tensor or a number; got ${value === null ? 'null' : typeof value}`);
}
