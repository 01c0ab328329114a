import { allocate } from '../dtype';
import { ShapeError, ValueError } from '../errors';
import { contiguousStrides, formatShape, shapeSize } from '../shape';
import { copyStrided } from '../strided';
import { type Tensor, checkTensor, makeTensor } from '../tensor';

/**
 * Pads axis `i` with `padding[i][0]` elements before and `padding[i][1]` after, filled with `value` (the inverse of
 * `slice`). Missing trailing entries mean no padding. Amounts must be non-negative integers (else ShapeError).
 */
export function pad(x: Tensor, padding: readonly (readonly [number, number])[], value = 0): Tensor {
  checkTensor(x, 'pad');
  if (!Array.isArray(padding) || padding.length > x.rank) {
    throw new ShapeError(
      `pad: expected at most ${x.rank} [before, after] pairs for shape ${formatShape(x.shape)}; got ${Array.isArray(padding) ? padding.length : String(padding)}`,
    );
  }
  if (typeof value !== 'number') throw new ValueError(`pad: value must be a number; got ${typeof value}`);
  const shape = x.shape.slice();
  const before = new Array<number>(x.rank).fill(0);
  for (let axis = 0; axis < padding.length; axis++) {
    const pair = padding[axis];
    const ok =
      Array.isArray(pair) &&
      pair.length === 2 &&
      pair.every((amount: unknown) => typeof amount === 'number' && Number.isInteger(amount) && amount >= 0);
    if (!ok) {
      throw new ShapeError(
        `pad: padding for axis ${axis} of shape ${formatShape(x.shape)} must be a pair of non-negative integers; got ${Array.isArray(pair) ? `[${pair.join(',')}]` : String(pair)}`,
      );
    }
    before[axis] = pair[0];
    shape[axis] = x.shape[axis]! + pair[0] + pair[1];
    if (!Number.isSafeInteger(shape[axis])) {
      throw new ShapeError(
        `pad: padding [${pair.join(',')}] makes axis ${axis} of shape ${formatShape(x.shape)} ${shape[axis]} long; expected at most 2^53 − 1`,
      );
    }
  }
  const strides = contiguousStrides(shape);
  const size = shapeSize(shape);
  const out = allocate(x.dtype, size, 'pad', shape);
  if (value !== 0) out.fill(value);
  let start = 0;
  for (let axis = 0; axis < x.rank; axis++) start += before[axis]! * strides[axis]!;
  copyStrided(x.shape, x.storage, x.offset, x.strides, out, start, strides);
  return makeTensor(out, shape, strides, 0);
}
