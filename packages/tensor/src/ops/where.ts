import { scalar } from '../creation';
import { isCapturing, recordLaunch } from '../capture';
import { type DType, type TypedArray, allocate } from '../dtype';
import { DTypeError, ValueError } from '../errors';
import { isInt32Number, promotedDType, toFloat } from '../int32';
import { describeNotTensor } from '../not-a-tensor';
import { broadcastShapes, formatShape, shapeSize } from '../shape';
import { coalesce, nextRow } from '../strided';
import { Tensor, fromData } from '../tensor';
import { broadcastStrides } from './binary-loop';

/**
 * Element-wise choice with broadcasting: `out = condition ≠ 0 ? a : b`. `a` and `b` share a dtype (a number takes
 * the other's dtype, or the condition's when both are numbers; int32 meets a float dtype as in `add`); the
 * condition may have any dtype.
 */
export function where(condition: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  if (!(condition instanceof Tensor)) {
    throw new ValueError(`where: condition must be a Tensor; got ${describeNotTensor(condition, 'where')}`);
  }
  let left = toOperand(a, 'a');
  let right = toOperand(b, 'b');
  if (left instanceof Tensor && right instanceof Tensor && left.dtype !== right.dtype) {
    if (left.dtype !== 'int32' && right.dtype !== 'int32') {
      throw new DTypeError(
        `where: cannot mix dtypes; got a ${formatShape(left.shape)} ${left.dtype} and b ${formatShape(right.shape)} ${right.dtype}, expected the same dtype`,
      );
    }
  }
  const dtype = operandsDType(left, right, condition.dtype);
  if (dtype !== 'int32') {
    left = toFloat(left, dtype, 'where');
    right = toFloat(right, dtype, 'where');
  }
  const x = typeof left === 'number' ? scalar(left, { dtype }) : left;
  const y = typeof right === 'number' ? scalar(right, { dtype }) : right;
  return select(condition, x, y, dtype);
}

/** The dtype of `where`'s result: the operands' promoted dtype, or (both numbers) the condition's when it can hold them. */
function operandsDType(a: Tensor | number, b: Tensor | number, conditionDType: DType): DType {
  if (typeof a === 'number' && typeof b === 'number') {
    if (conditionDType !== 'int32') return conditionDType;
    return isInt32Number(a) && isInt32Number(b) ? 'int32' : 'float32';
  }
  if (typeof a !== 'number' && typeof b !== 'number' && a.dtype === b.dtype) return a.dtype;
  if ((typeof a === 'number' || a.dtype !== 'int32') && (typeof b === 'number' || b.dtype !== 'int32')) {
    return typeof a === 'number' ? (b as Tensor).dtype : a.dtype;
  }
  return promotedDType(a, b, 'integer');
}

function select(condition: Tensor, left: Tensor, right: Tensor, dtype: DType): Tensor {
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

function toOperand(value: Tensor | number, name: string): Tensor | number {
  if (value instanceof Tensor || typeof value === 'number') return value;
  throw new ValueError(`where: ${name} must be a Tensor or a number; got ${describeNotTensor(value, 'where')}`);
}
