import { checkRead } from '../capture';
import { coalesce, nextRow } from '../strided';
import { type Tensor, checkTensor } from '../tensor';

/**
 * True when no element of `x` is NaN or ±Infinity: PyTorch's `torch.isfinite(x).all()`, without building a mask.
 * It stops at the first non-finite element and reads a broadcast element once, so it is a cheap guard against a
 * diverging loss, gradient or weight. A tensor with no elements is all finite.
 */
export function allFinite(x: Tensor): boolean {
  checkRead('allFinite');
  checkTensor(x, 'allFinite');
  if (x.size === 0) return true;
  if (x.isContiguous()) return finiteRun(x.data, x.offset, 1, x.size);
  // A broadcast axis (stride 0) repeats elements already read, so only the axes that move through memory are walked.
  const dims: number[] = [];
  const strides: number[] = [];
  x.shape.forEach((dim, axis) => {
    if (x.strides[axis] !== 0) {
      dims.push(dim);
      strides.push(x.strides[axis]!);
    }
  });
  const layout = coalesce(dims, [strides]);
  const rank = layout.shape.length;
  if (rank === 0) return Number.isFinite(x.data[x.offset]!);
  const n = layout.shape[rank - 1]!;
  const inner = layout.strides[0]![rank - 1]!;
  let rows = 1;
  for (let axis = 0; axis < rank - 1; axis++) rows *= layout.shape[axis]!;
  const counter = new Array<number>(rank - 1).fill(0);
  const offsets = [x.offset];
  for (let row = 0; row < rows; row++) {
    if (!finiteRun(x.data, offsets[0]!, inner, n)) return false;
    nextRow(layout.shape, rank - 1, layout.strides, counter, offsets);
  }
  return true;
}

/** Whether the `n` elements `data[start + k·step]` are all finite. */
function finiteRun(data: ArrayLike<number>, start: number, step: number, n: number): boolean {
  for (let k = 0, index = start; k < n; k++, index += step) if (!Number.isFinite(data[index]!)) return false;
  return true;
}
