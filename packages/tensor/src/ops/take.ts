import { isCapturing, recordLaunch } from '../capture';
import { type TypedArray, allocate } from '../dtype';
import { DTypeError, ShapeError, ValueError } from '../errors';
import { requireFloat } from '../int32';
import { type Shape, checkShape, formatShape, normalizeAxis, shapeSize } from '../shape';
import { type Tensor, checkTensor, fromData } from '../tensor';
import { reshape } from './views';

// take gathers slices along an axis; scatterAdd, its adjoint, adds slices back at the same indices. Both see the
// tensor as an [outer, dim, inner] block around the axis, and the indices as a flat list of `count` integers.

/** Indices read once: normalised to [0, dim) and flat, with the shape they came in. */
interface Indices {
  readonly values: Int32Array;
  readonly shape: Shape;
}

function readIndices(indices: Tensor | readonly number[], dim: number, op: string, what: () => string): Indices {
  let values: Int32Array;
  let shape: Shape;
  if (Array.isArray(indices)) {
    values = allocate('int32', indices.length, op) as Int32Array;
    shape = [indices.length];
    for (let i = 0; i < indices.length; i++) {
      const index: unknown = indices[i];
      if (typeof index !== 'number' || !Number.isInteger(index)) {
        throw new ValueError(`${op}: indices[${i}] = ${String(index)} is not an integer index`);
      }
      values[i] = checkIndex(index, i, dim, op, what);
    }
    return { values, shape };
  }
  checkTensor(indices, op);
  if (indices.dtype !== 'int32') {
    throw new DTypeError(
      `${op}: indices must be an int32 tensor; got ${indices.dtype} of shape ${formatShape(indices.shape)} (convert with astype(indices, 'int32'))`,
    );
  }
  const source = indices.contiguous();
  values = allocate('int32', source.size, op, indices.shape) as Int32Array;
  const where = what();
  indexKernel(source.storage, source.offset, values, dim, op, where);
  if (isCapturing()) recordLaunch(indexKernel, [source.storage, source.offset, values, dim, op, where]);
  return { values, shape: indices.shape };
}

/** Kernel: the indices at `offset`, normalised to [0, dim) into `values`; one out of range is a ShapeError. */
function indexKernel(
  data: TypedArray,
  offset: number,
  values: Int32Array,
  dim: number,
  op: string,
  where: string,
): void {
  for (let i = 0; i < values.length; i++) values[i] = checkIndex(data[offset + i]!, i, dim, op, () => where);
}

function checkIndex(index: number, position: number, dim: number, op: string, what: () => string): number {
  if (index < -dim || index >= dim) {
    throw new ShapeError(
      `${op}: index ${index} at position ${position} is out of range for ${what()}; expected an integer in [${-dim}, ${dim})`,
    );
  }
  return index < 0 ? index + dim : index;
}

function product(shape: Shape, from: number, to: number): number {
  let size = 1;
  for (let axis = from; axis < to; axis++) size *= shape[axis]!;
  return size;
}

/**
 * Gathers slices of `x` along `axis` (NumPy's `take`, PyTorch's `index_select` for 1-D indices):
 * `out[a..., k..., b...] = x[a..., indices[k...], b...]`, of shape `x.shape[:axis] + indices.shape + x.shape[axis+1:]`.
 * Without `axis`, `x` is read flat in row-major order. `indices` is an int32 tensor (any shape) or a list of integers;
 * negative indices count from the end, others out of range are a ShapeError, a float tensor of indices a DTypeError.
 * The result is a new contiguous tensor in `x`'s dtype (any dtype: int32 labels too).
 *
 * ```ts
 * take(tensor([[1, 2], [3, 4], [5, 6]]), tensor([2, 0], { dtype: 'int32' }), 0); // [[5, 6], [1, 2]]
 * ```
 */
export function take(x: Tensor, indices: Tensor | readonly number[], axis?: number): Tensor {
  checkTensor(x, 'take');
  if (axis === undefined) return take(reshape(x, [x.size]), indices, 0);
  const at = normalizeAxis(axis, x.rank, 'take', x.shape);
  const dim = x.shape[at]!;
  const { values, shape: indexShape } = readIndices(
    indices,
    dim,
    'take',
    () => `axis ${at} of size ${dim} (shape ${formatShape(x.shape)})`,
  );
  const outer = product(x.shape, 0, at);
  const inner = product(x.shape, at + 1, x.rank);
  const count = values.length;
  const shape = checkShape([...x.shape.slice(0, at), ...indexShape, ...x.shape.slice(at + 1)], 'take');
  const out = allocate(x.dtype, outer * count * inner, 'take', shape);
  const source = x.contiguous();
  takeKernel(source.storage, source.offset, outer, dim, inner, values, count, out);
  if (isCapturing()) recordLaunch(takeKernel, [source.storage, source.offset, outer, dim, inner, values, count, out]);
  return fromData(out, shape);
}

/** Kernel: `take` on an `[outer, dim, inner]` block, the slices at `values[0..count)` of each outer row into `out`. */
function takeKernel(
  data: TypedArray,
  offset: number,
  outer: number,
  dim: number,
  inner: number,
  values: Int32Array,
  count: number,
  out: TypedArray,
): void {
  for (let o = 0, to = 0; o < outer; o++) {
    const base = offset + o * dim * inner;
    for (let k = 0; k < count; k++) {
      for (let i = 0, from = base + values[k]! * inner; i < inner; i++) out[to++] = data[from++]!;
    }
  }
}

/**
 * The adjoint of `take`: a tensor of zeros whose axis `axis` has length `dim`, with each slice of `updates` added at
 * its index (`out[a..., indices[k...], b...] += updates[a..., k..., b...]`); repeated indices accumulate. `updates`
 * has shape `out.shape[:axis] + indices.shape + out.shape[axis+1:]`, as `take` returns. This is `take`'s gradient
 * (PyTorch's `index_add` into zeros); float dtypes only.
 *
 * ```ts
 * scatterAdd(tensor([1, 2, 3]), tensor([0, 2, 0], { dtype: 'int32' }), 0, 4); // [4, 0, 2, 0]
 * ```
 */
export function scatterAdd(updates: Tensor, indices: Tensor | readonly number[], axis: number, dim: number): Tensor {
  checkTensor(updates, 'scatterAdd');
  requireFloat(updates, 'scatterAdd');
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) {
    throw new ValueError(`scatterAdd: dim must be a non-negative integer; got ${String(dim)}`);
  }
  if (!Array.isArray(indices)) checkTensor(indices, 'scatterAdd');
  const indexShape = Array.isArray(indices) ? [indices.length] : (indices as Tensor).shape;
  const outRank = updates.rank - indexShape.length + 1;
  if (outRank < 1) {
    throw new ShapeError(
      `scatterAdd: updates of shape ${formatShape(updates.shape)} have fewer axes than the indices ${formatShape(indexShape)}; expected the shape take returns`,
    );
  }
  const at = normalizeAxis(axis, outRank, 'scatterAdd');
  const shape = checkShape(
    [...updates.shape.slice(0, at), dim, ...updates.shape.slice(at + indexShape.length)],
    'scatterAdd',
  );
  const middle = updates.shape.slice(at, at + indexShape.length);
  if (middle.some((size, k) => size !== indexShape[k])) {
    throw new ShapeError(
      `scatterAdd: updates of shape ${formatShape(updates.shape)} do not hold indices of shape ${formatShape(indexShape)} at axis ${at}; expected updates of shape ${formatShape([...shape.slice(0, at), ...indexShape, ...shape.slice(at + 1)])}`,
    );
  }
  const { values } = readIndices(indices, dim, 'scatterAdd', () => `an axis of size ${dim}`);
  const outer = product(shape, 0, at);
  const inner = product(shape, at + 1, shape.length);
  const count = values.length;
  const out = allocate(updates.dtype, shapeSize(shape), 'scatterAdd', shape);
  const source = updates.contiguous();
  scatterAddKernel(source.storage, source.offset, outer, dim, inner, values, count, out);
  if (isCapturing()) {
    recordLaunch(scatterAddKernel, [source.storage, source.offset, outer, dim, inner, values, count, out]);
  }
  return fromData(out, shape);
}

/** Kernel: `out` zeroed, then each slice of the `[outer, count, inner]` block added at its index `values[k]`. */
function scatterAddKernel(
  data: TypedArray,
  offset: number,
  outer: number,
  dim: number,
  inner: number,
  values: Int32Array,
  count: number,
  out: TypedArray,
): void {
  out.fill(0);
  for (let o = 0, from = offset; o < outer; o++) {
    const base = o * dim * inner;
    for (let k = 0; k < count; k++) {
      for (let i = 0, to = base + values[k]! * inner; i < inner; i++, to++) out[to] = out[to]! + data[from++]!;
    }
  }
}
