import { allocate } from '../dtype';
import { DTypeError, ShapeError } from '../errors';
import { contiguousStrides, formatShape, normalizeAxis, shapeSize } from '../shape';
import { copyStrided } from '../strided';
import { Tensor, makeTensor } from '../tensor';
import { expandDims } from './views';

function checkList(xs: readonly Tensor[], op: string): void {
  if (!Array.isArray(xs) || xs.length === 0) {
    throw new ShapeError(
      `${op}: expected a non-empty array of tensors; got ${Array.isArray(xs) ? 'an empty array' : String(xs)}`,
    );
  }
  for (let k = 0; k < xs.length; k++) {
    if (!(xs[k] instanceof Tensor)) throw new ShapeError(`${op}: element ${k} is not a Tensor`);
  }
}

/**
 * Joins tensors along an existing axis: all must share rank, dtype and every other axis size.
 * `concat([[2,3], [4,3]], 0)` has shape `[6,3]`. Always copies.
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  checkList(xs, 'concat');
  const first = xs[0]!;
  const at = normalizeAxis(axis, first.rank, 'concat', first.shape);
  const shapes = (): string => xs.map((x) => formatShape(x.shape)).join(', ');
  let total = 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    if (x.dtype !== first.dtype) {
      throw new DTypeError(`concat: cannot mix dtypes; tensor ${k} is ${x.dtype}, tensor 0 is ${first.dtype}`);
    }
    if (x.rank !== first.rank) {
      throw new ShapeError(
        `concat: tensors must have the same rank; got ${shapes()} (tensor ${k} has rank ${x.rank}, expected ${first.rank})`,
      );
    }
    for (let a = 0; a < x.rank; a++) {
      if (a !== at && x.shape[a] !== first.shape[a]) {
        throw new ShapeError(
          `concat: shapes differ off the concatenation axis ${at}; got ${shapes()} (tensor ${k}, axis ${a}: ${x.shape[a]} vs ${first.shape[a]})`,
        );
      }
    }
    total += x.shape[at]!;
  }
  if (!Number.isSafeInteger(total)) {
    throw new ShapeError(
      `concat: the joined axis ${at} would be ${total} long (shapes ${shapes()}); expected at most 2^53 − 1`,
    );
  }
  const shape = first.shape.slice();
  shape[at] = total;
  const strides = contiguousStrides(shape);
  const out = allocate(first.dtype, shapeSize(shape), 'concat', shape);
  let position = 0;
  for (const x of xs) {
    copyStrided(x.shape, x.storage, x.offset, x.strides, out, position * strides[at]!, strides);
    position += x.shape[at]!;
  }
  return makeTensor(out, shape, strides, 0);
}

/** Joins same-shape tensors along a new axis at `axis` (in `[−rank−1, rank]`): `stack` of two `[3]` is `[2,3]`. */
export function stack(xs: readonly Tensor[], axis = 0): Tensor {
  checkList(xs, 'stack');
  const first = xs[0]!;
  for (let k = 1; k < xs.length; k++) {
    const x = xs[k]!;
    if (x.rank !== first.rank || x.shape.some((dim, a) => dim !== first.shape[a])) {
      throw new ShapeError(
        `stack: tensors must have the same shape; got ${xs.map((t) => formatShape(t.shape)).join(', ')} (tensor ${k} differs from tensor 0)`,
      );
    }
  }
  for (let k = 1; k < xs.length; k++) {
    if (xs[k]!.dtype !== first.dtype) {
      throw new DTypeError(`stack: cannot mix dtypes; tensor ${k} is ${xs[k]!.dtype}, tensor 0 is ${first.dtype}`);
    }
  }
  const at = normalizeAxis(axis, first.rank + 1, 'stack', first.shape);
  return concat(
    xs.map((x) => expandDims(x, at)),
    at,
  );
}
