import { isCapturing, recordLaunch } from '../capture';
import { type TypedArray, allocate } from '../dtype';
import { ShapeError } from '../errors';
import { type Shape, formatShape, normalizeAxes, normalizeAxis, shapeSize, shapesEqual } from '../shape';
import { checkFlag } from '../options';
import { type Tensor, checkTensor, contiguousCopy, fromData } from '../tensor';
import { permute, reshape } from './views';

/** Axes to reduce: one axis, a list (any order, negatives count from the end, no repeats), or undefined for all. */
export type Axes = number | readonly number[];

/**
 * The reduction as a contiguous `[outer, n, inner]` block: reduce the middle axis of length `n`.
 * Adjacent reduced axes of a contiguous tensor are read in place; otherwise the kept axes are permuted to the
 * front and the reduced ones to the back, in a contiguous copy (`inner = 1`).
 */
interface ReduceLayout {
  data: TypedArray;
  offset: number;
  outer: number;
  n: number;
  inner: number;
  shape: number[];
}

function reduceLayout(x: Tensor, axis: Axes | undefined, keepDims: boolean, op: string): ReduceLayout {
  checkTensor(x, op);
  checkFlag(keepDims, false, op, 'keepDims');
  const axes = normalizeAxes(axis, x.rank, op, x.shape);
  const reduced = new Array<boolean>(x.rank).fill(false);
  for (const a of axes) reduced[a] = true;
  const shape: number[] = [];
  for (let a = 0; a < x.rank; a++) {
    if (!reduced[a]) shape.push(x.shape[a]!);
    else if (keepDims) shape.push(1);
  }
  const first = axes.length > 0 ? axes[0]! : x.rank;
  const last = axes.length > 0 ? axes[axes.length - 1]! : x.rank - 1;
  if (x.isContiguous() && last - first + 1 === axes.length) {
    let outer = product(x.shape, 0, first);
    const n = product(x.shape, first, last + 1);
    const inner = product(x.shape, last + 1, x.rank);
    // An empty result has no row to reduce: `outer = 0` keeps every loop below from walking the `n` phantom elements
    // of an empty tensor such as [2^40, 0] (whose reduced axis is long but whose rows are empty).
    if (inner === 0) outer = 0;
    return { data: x.storage, offset: x.offset, outer, n, inner, shape };
  }
  const order: number[] = [];
  for (let a = 0; a < x.rank; a++) if (!reduced[a]) order.push(a);
  let n = 1;
  for (const a of axes) {
    order.push(a);
    n *= x.shape[a]!;
  }
  if (n !== n) n = 0; // Infinity·0: the reduced axes hold no element
  const moved = contiguousCopy(permute(x, order), op);
  return {
    data: moved.storage,
    offset: moved.offset,
    outer: n === 0 ? shapeSize(shape) : moved.size / n,
    n,
    inner: 1,
    shape,
  };
}

/** The product of `shape[from..to)`, 0 when any of them is 0 (even after huge entries overflowed to Infinity). */
function product(shape: Shape, from: number, to: number): number {
  let result = 1;
  for (let a = from; a < to; a++) {
    const dim = shape[a]!;
    if (dim === 0) return 0;
    result *= dim;
  }
  return result;
}

function requireNonEmpty(layout: ReduceLayout, x: Tensor, axis: Axes | undefined, op: string): void {
  if (layout.n === 0 && layout.outer * layout.inner > 0) {
    const which =
      axis === undefined ? 'all axes' : `axis ${Array.isArray(axis) ? `[${axis.join(',')}]` : String(axis)}`;
    throw new ShapeError(
      `${op}: cannot reduce over zero elements; got shape ${formatShape(x.shape)} reduced over ${which}, expected a non-empty reduction`,
    );
  }
}

/**
 * Kernel: sums (`divisor = 1`) or averages (`divisor = n`) the middle axis of an `[outer, n, inner]` block;
 * float32 input accumulates in float64 (in `scratch`, `inner` doubles, when `inner > 1`).
 */
function sumKernel(
  data: TypedArray,
  offset: number,
  outer: number,
  n: number,
  inner: number,
  out: TypedArray,
  divisor: number,
  scratch: Float64Array,
): void {
  if (inner === 1) {
    for (let o = 0, base = offset; o < outer; o++, base += n) {
      let acc = 0;
      for (let j = base, end = base + n; j < end; j++) acc += data[j]!;
      out[o] = acc / divisor;
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    scratch.fill(0);
    for (let j = 0, base = offset + o * n * inner; j < n; j++, base += inner) {
      for (let i = 0; i < inner; i++) scratch[i] = scratch[i]! + data[base + i]!;
    }
    for (let i = 0, target = o * inner; i < inner; i++) out[target + i] = scratch[i]! / divisor;
  }
}

/** Runs `sumKernel` on a layout into `out`, and records the launch when a capture is running. */
function sumLayout(layout: ReduceLayout, out: TypedArray, divisor: number): void {
  const { data, offset, outer, n, inner } = layout;
  const scratch = inner === 1 ? noScratch : new Float64Array(inner);
  sumKernel(data, offset, outer, n, inner, out, divisor, scratch);
  if (isCapturing()) recordLaunch(sumKernel, [data, offset, outer, n, inner, out, divisor, scratch]);
}
const noScratch = new Float64Array(0);

// NOTE: extremes propagate NaN like NumPy: once `m` is NaN no comparison replaces it.
/** Kernel: the largest (`findMax`) or smallest element along the middle axis of an `[outer, n, inner]` block. */
function extremeKernel(
  data: TypedArray,
  offset: number,
  outer: number,
  n: number,
  inner: number,
  out: TypedArray,
  findMax: boolean,
): void {
  for (let o = 0; o < outer; o++) {
    const base = offset + o * n * inner;
    for (let i = 0; i < inner; i++) {
      let m = data[base + i]!;
      for (let j = 1, k = base + i + inner; j < n; j++, k += inner) {
        const v = data[k]!;
        if (findMax ? v > m || v !== v : v < m || v !== v) m = v;
      }
      out[o * inner + i] = m;
    }
  }
}

function extremeLayout(layout: ReduceLayout, out: TypedArray, findMax: boolean): void {
  const { data, offset, outer, n, inner } = layout;
  extremeKernel(data, offset, outer, n, inner, out, findMax);
  if (isCapturing()) recordLaunch(extremeKernel, [data, offset, outer, n, inner, out, findMax]);
}

/** Kernel: the sum of `size` contiguous elements from `offset`, accumulated in float64, into `out[0]`. */
function sumAllKernel(data: TypedArray, offset: number, size: number, out: TypedArray): void {
  let acc = 0;
  for (let i = offset, end = offset + size; i < end; i++) acc += data[i]!;
  out[0] = acc;
}

/** Sum over `axis` (all axes when undefined): `out = Σ x`; an empty reduction gives 0. */
export function sum(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  checkTensor(x, 'sum');
  if (axis === undefined && keepDims === false && x.isContiguous()) {
    const out = allocate(x.dtype, 1);
    sumAllKernel(x.storage, x.offset, x.size, out);
    if (isCapturing()) recordLaunch(sumAllKernel, [x.storage, x.offset, x.size, out]);
    return fromData(out, []);
  }
  const layout = reduceLayout(x, axis, keepDims, 'sum');
  const out = allocate(x.dtype, layout.outer * layout.inner, 'sum', layout.shape);
  sumLayout(layout, out, 1);
  return fromData(out, layout.shape);
}

/** Arithmetic mean over `axis`: `out = (Σ x) / n`, `n` the number of reduced elements (0 elements: ShapeError). */
export function mean(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  const layout = reduceLayout(x, axis, keepDims, 'mean');
  requireNonEmpty(layout, x, axis, 'mean');
  const out = allocate(x.dtype, layout.outer * layout.inner, 'mean', layout.shape);
  sumLayout(layout, out, layout.n);
  return fromData(out, layout.shape);
}

/** Largest element over `axis`: `out = max x` (NaN if any element is NaN; 0 elements: ShapeError). */
export function max(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  const layout = reduceLayout(x, axis, keepDims, 'max');
  requireNonEmpty(layout, x, axis, 'max');
  const out = allocate(x.dtype, layout.outer * layout.inner, 'max', layout.shape);
  extremeLayout(layout, out, true);
  return fromData(out, layout.shape);
}

/** Smallest element over `axis`: `out = min x` (NaN if any element is NaN; 0 elements: ShapeError). */
export function min(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  const layout = reduceLayout(x, axis, keepDims, 'min');
  requireNonEmpty(layout, x, axis, 'min');
  const out = allocate(x.dtype, layout.outer * layout.inner, 'min', layout.shape);
  extremeLayout(layout, out, false);
  return fromData(out, layout.shape);
}

/**
 * Index of the largest element along `axis` (first one on ties; the first NaN wins), as numbers in `x`'s dtype.
 * Without `axis`, the flat row-major index over all elements (a 0-d tensor, or all-ones shape with keepDims).
 */
export function argmax(x: Tensor, axis?: number, keepDims = false): Tensor {
  const layout = reduceLayout(
    x,
    axis === undefined ? undefined : normalizeAxis(axis, x.rank, 'argmax', x.shape),
    keepDims,
    'argmax',
  );
  requireNonEmpty(layout, x, axis, 'argmax');
  const { data, offset, outer, n, inner } = layout;
  const out = allocate(x.dtype, outer * inner, 'argmax', layout.shape);
  argmaxKernel(data, offset, outer, n, inner, out);
  if (isCapturing()) recordLaunch(argmaxKernel, [data, offset, outer, n, inner, out]);
  return fromData(out, layout.shape);
}

/** Kernel: the index of the largest element along the middle axis of an `[outer, n, inner]` block. */
function argmaxKernel(
  data: TypedArray,
  offset: number,
  outer: number,
  n: number,
  inner: number,
  out: TypedArray,
): void {
  for (let o = 0; o < outer; o++) {
    const base = offset + o * n * inner;
    for (let i = 0; i < inner; i++) {
      let best = data[base + i]!;
      let index = 0;
      if (best === best) {
        for (let j = 1, k = base + i + inner; j < n; j++, k += inner) {
          const v = data[k]!;
          if (v > best || v !== v) {
            best = v;
            index = j;
            if (v !== v) break;
          }
        }
      }
      out[o * inner + i] = index;
    }
  }
}

/**
 * `log Σ exp(x)` over `axis`, computed stably as `m + log Σ exp(x − m)` with `m = max x`.
 * Rows that are all −Infinity give −Infinity (not NaN); an empty reduction gives −Infinity.
 */
export function logSumExp(x: Tensor, axis?: Axes, keepDims = false): Tensor {
  const layout = reduceLayout(x, axis, keepDims, 'logSumExp');
  const { data, offset, outer, n, inner } = layout;
  const out = allocate(x.dtype, outer * inner, 'logSumExp', layout.shape);
  logSumExpKernel(data, offset, outer, n, inner, out);
  if (isCapturing()) recordLaunch(logSumExpKernel, [data, offset, outer, n, inner, out]);
  return fromData(out, layout.shape);
}

/** Kernel: `log Σ exp` along the middle axis of an `[outer, n, inner]` block, shifted by the maximum. */
function logSumExpKernel(
  data: TypedArray,
  offset: number,
  outer: number,
  n: number,
  inner: number,
  out: TypedArray,
): void {
  for (let o = 0; o < outer; o++) {
    const base = offset + o * n * inner;
    for (let i = 0; i < inner; i++) {
      let m = -Infinity;
      for (let j = 0, k = base + i; j < n; j++, k += inner) {
        const v = data[k]!;
        if (v > m || v !== v) m = v;
        if (m !== m) break;
      }
      // NOTE: shift by 0 when the max is ±Infinity (or NaN): the sum then gives ±Infinity (or NaN) directly,
      // where `x − m` would be `−Inf − (−Inf)` = NaN for an all −Infinity row.
      const shift = Number.isFinite(m) ? m : 0;
      let acc = 0;
      for (let j = 0, k = base + i; j < n; j++, k += inner) acc += Math.exp(data[k]! - shift);
      out[o * inner + i] = Math.log(acc) + shift;
    }
  }
}

/**
 * Sums the broadcast axes of `x` away so that it takes `shape` (the inverse of `broadcastTo`, used to undo
 * broadcasting in gradients). `shape` must broadcast to `x.shape`, else a ShapeError.
 */
export function sumTo(x: Tensor, shape: Shape): Tensor {
  checkTensor(x, 'sumTo');
  if (!Array.isArray(shape)) throw new ShapeError(`sumTo: shape must be an array; got ${String(shape)}`);
  if (shapesEqual(x.shape, shape)) return x;
  const pad = x.rank - shape.length;
  if (pad < 0) {
    throw new ShapeError(
      `sumTo: cannot sum shape ${formatShape(x.shape)} to ${formatShape(shape)}; the target has more axes (${shape.length} > ${x.rank})`,
    );
  }
  const axes: number[] = [];
  let same = pad === 0;
  for (let axis = 0; axis < x.rank; axis++) {
    if (axis < pad) {
      axes.push(axis);
      continue;
    }
    const target = shape[axis - pad];
    const dim = x.shape[axis]!;
    if (target === dim) continue;
    same = false;
    if (target === 1) axes.push(axis);
    else {
      throw new ShapeError(
        `sumTo: cannot sum shape ${formatShape(x.shape)} to ${formatShape(shape)} (axis ${axis}: ${dim} vs ${String(target)}); expected a shape that broadcasts to ${formatShape(x.shape)}`,
      );
    }
  }
  if (same) return x;
  return reshape(sum(x, axes, true), shape);
}
