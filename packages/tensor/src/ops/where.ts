import { scalar } from '../creation';
import { allocate } from '../dtype';
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
  const c = condition.data;
  const x = left.data;
  const y = right.data;
  const offsets = [condition.offset, left.offset, right.offset];
  for (let o = 0; o < size; ) {
    for (
      let k = 0, cj = offsets[0]!, aj = offsets[1]!, bj = offsets[2]!;
      k < n;
      k++, o++, cj += cInner, aj += aInner, bj += bInner
    ) {
      out[o] = c[cj] !== 0 ? x[aj]! : y[bj]!;
    }
    nextRow(dims, outerRank, layout.strides, counter, offsets);
  }
  return fromData(out, shape);
}

function toOperand(value: Tensor | number, dtype: Tensor['dtype'], name: string): Tensor {
  if (value instanceof Tensor) return value;
  if (typeof value === 'number') return scalar(value, { dtype });
  throw new ValueError(`where: ${name} must be a Tensor or a number; got ${value === null ? 'null' : typeof value}`);
}
