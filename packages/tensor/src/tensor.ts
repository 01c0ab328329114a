import { acceptBrand, hasBrand, prototypeTest, tensorBrand } from './brand';
import { type DType, type TypedArray, allocate } from './dtype';
import { DTypeError, ShapeError, ValueError } from './errors';
import { formatTensor } from './format';
import { type Shape, checkShape, contiguousStrides, formatShape, shapeSize } from './shape';
import { checkRead } from './capture';
import { copyStrided } from './strided';

/** A (possibly nested) array of numbers, as accepted by `tensor()` and returned by `Tensor.toArray()`. */
export type NestedArray = number | readonly NestedArray[];

const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');
/** The longest JavaScript array (and the most elements `allocate` accepts). */
const MAX_ARRAY_LENGTH = 2 ** 32 - 1;

// The internal factories below pass this token, so their results skip validation; nothing outside this module holds it.
const trustedParts: unique symbol = Symbol('trusted tensor parts');

/**
 * An n-dimensional array: element `[i0, i1, ...]` lives at `data[offset + i0*strides[0] + i1*strides[1] + ...]`.
 * Views (transpose, reshape of contiguous data, slice, broadcastTo, expandDims, squeeze) share `data`.
 * Tensors are treated as immutable by every op: results are new tensors, arguments are never written.
 */
export class Tensor {
  /** @internal Storage, possibly shared with other views (`data` without the read check; for kernels). */
  readonly storage: TypedArray;
  /** Size of each axis, outermost first. */
  readonly shape: Shape;
  /** Step in `data` between neighbours along each axis (0 on broadcast axes). */
  readonly strides: readonly number[];
  /** Index in `data` of the first element. */
  readonly offset: number;
  /** Element type, given by the storage: `Float32Array` is `float32`, `Float64Array` is `float64`. */
  readonly dtype: DType;
  /** Number of elements: the product of `shape`. */
  readonly size: number;
  /** Number of axes. */
  readonly rank: number;
  readonly #contiguous: boolean;

  /**
   * Low-level constructor: wraps `data` without copying it. `strides` default to row-major, `offset` to 0.
   * Validates that shape entries are non-negative integers and that every addressed element lies inside `data`.
   */
  constructor(data: TypedArray, shape: Shape, strides?: readonly number[], offset?: number);
  // The internal factories (`makeTensor`, `fromData`, ...) also pass `trustedParts` and, for a contiguous result, its size.
  constructor(
    data: TypedArray,
    shape: Shape,
    strides?: readonly number[],
    offset = 0,
    trust?: typeof trustedParts,
    knownContiguousSize = -1,
  ) {
    const trusted = trust === trustedParts;
    if (!trusted) {
      shape = checkShape(shape, 'Tensor');
      strides = checkLayout(data, shape, strides, offset);
    }
    this.storage = data;
    this.shape = shape;
    this.strides = strides!;
    this.offset = offset;
    this.dtype = data instanceof Float64Array ? 'float64' : 'float32';
    const rank = shape.length;
    this.rank = rank;
    if (trusted && knownContiguousSize >= 0) {
      this.size = knownContiguousSize;
      this.#contiguous = true;
      return;
    }
    let size = 1;
    for (let axis = 0; axis < rank; axis++) size *= shape[axis]!;
    if (size !== size) size = 0; // Infinity·0 (huge entries, then a 0) is an empty tensor, not NaN
    this.size = size;
    let contiguous = true;
    let expected = 1;
    for (let axis = rank - 1; axis >= 0; axis--) {
      const dim = shape[axis]!;
      if (dim !== 1 && strides![axis] !== expected) contiguous = false;
      expected *= dim;
    }
    this.#contiguous = contiguous || size === 0;
  }

  /**
   * Storage, possibly shared with other views. Reading it inside a function being compiled is a TraceError (a
   * value read there would be frozen into the replay).
   */
  get data(): TypedArray {
    checkRead('data');
    return this.storage;
  }

  /** True when the elements are laid out row-major without gaps starting at `offset` (axes of size 1 may have any stride). */
  isContiguous(): boolean {
    return this.#contiguous;
  }

  /** This tensor if it is already contiguous (its `offset` may be non-zero), else a contiguous copy with offset 0. */
  contiguous(): Tensor {
    return contiguousCopy(this, 'contiguous');
  }

  /** A contiguous copy with storage of its own (offset 0): writing into it changes no other tensor. */
  clone(): Tensor {
    const out = allocate(this.dtype, this.size, 'clone', this.shape);
    const strides = contiguousStrides(this.shape);
    copyStrided(this.shape, this.storage, this.offset, this.strides, out, 0, strides);
    return fromData(out, this.shape);
  }

  /**
   * The elements as nested JS arrays (a 0-d tensor gives a number). An empty tensor still gives its nested empty
   * arrays (`[[], []]` for shape `[2,0]`); a result of more than 2^32 − 1 arrays and numbers in all (a huge
   * broadcast view, or `[2^40, 0]`) throws a ShapeError instead of exhausting memory.
   */
  toArray(): NestedArray {
    checkRead('toArray');
    checkNestable(this.shape);
    return nest(this, 0, this.offset);
  }

  /** The single element of a size-1 tensor (any rank); other sizes throw a ShapeError. */
  item(): number {
    checkRead('item');
    if (this.size !== 1) {
      throw new ShapeError(`item: expected a tensor with exactly one element; got shape ${formatShape(this.shape)}`);
    }
    return this.storage[this.offset]!;
  }

  /** The element at `index` (one integer per axis; negative counts from the end). */
  get(...index: number[]): number {
    checkRead('get');
    if (index.length !== this.rank) {
      throw new ShapeError(
        `get: expected ${this.rank} indices for shape ${formatShape(this.shape)}; got ${index.length} ([${index.join(',')}])`,
      );
    }
    let position = this.offset;
    for (let axis = 0; axis < this.rank; axis++) {
      const dim = this.shape[axis]!;
      let i = index[axis]!;
      if (!Number.isInteger(i) || i < -dim || i >= dim) {
        throw new ShapeError(
          `get: index [${index.join(',')}] is out of range for shape ${formatShape(this.shape)} (axis ${axis}: ${i}, expected an integer in [${-dim}, ${dim}))`,
        );
      }
      if (i < 0) i += dim;
      position += i * this.strides[axis]!;
    }
    return this.storage[position]!;
  }

  /** NumPy-like text, e.g. `tensor([[1, 2],\n        [3, 4]], shape=[2,2], dtype=float32)`; large tensors elide with `...`. */
  toString(): string {
    checkRead('toString');
    return formatTensor(this);
  }

  /** Node's `util.inspect` / `console.log` hook (found through `Symbol.for`, so no Node import is needed). */
  [inspectCustom](): string {
    checkRead('inspect');
    return formatTensor(this);
  }

  // `instanceof Tensor` also accepts instances made by this package's other build (ESM or CommonJS): see brand.ts.
  static {
    acceptBrand(this, tensorBrand);
  }
}

const plainTensor = /* @__PURE__ */ prototypeTest(Tensor);

/**
 * `x instanceof Tensor`, also for a Tensor made by this package's other build (ESM or CommonJS), at the cost of a plain
 * prototype test: what packages building on this one use on their hot paths.
 */
export function isTensor(x: unknown): x is Tensor {
  return x instanceof plainTensor || hasBrand(x, tensorBrand);
}

/** Throws a ValueError naming `op` unless `x` is a Tensor. */
export function checkTensor(x: unknown, op: string): asserts x is Tensor {
  if (!isTensor(x))
    throw new ValueError(
      `${op}: expected a Tensor; got ${x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x}`,
    );
}

/** The constructor with the internal parameters visible, for the factories below. */
const TrustedTensor = Tensor as unknown as new (
  data: TypedArray,
  shape: Shape,
  strides: readonly number[],
  offset: number,
  trust: typeof trustedParts,
  knownContiguousSize: number,
) => Tensor;

/**
 * Internal: wraps parts that are known to be valid, without validation or copies. `shape` and `strides` are kept by
 * reference and must never be mutated afterwards (they may be shared between tensors).
 */
export function makeTensor(data: TypedArray, shape: Shape, strides: readonly number[], offset: number): Tensor {
  return new TrustedTensor(data, shape, strides, offset, trustedParts, -1);
}

/** Internal: `t.contiguous()`, with an allocation error (a view too large to copy) naming `op`. */
export function contiguousCopy(t: Tensor, op: string): Tensor {
  if (t.isContiguous()) return t;
  const out = allocate(t.dtype, t.size, op, t.shape);
  const strides = contiguousStrides(t.shape);
  copyStrided(t.shape, t.storage, t.offset, t.strides, out, 0, strides);
  return makeTensor(out, t.shape, strides, 0);
}

/** Internal: wraps contiguous row-major `data` (offset 0) of the given shape without validation. */
export function fromData(data: TypedArray, shape: Shape): Tensor {
  return new TrustedTensor(data, shape, contiguousStrides(shape), 0, trustedParts, shapeSize(shape));
}

/** Internal: wraps a contiguous row-major `rows`×`columns` matrix (offset 0) without validation. */
export function fromMatrix(data: TypedArray, rows: number, columns: number): Tensor {
  return new TrustedTensor(data, [rows, columns], [columns, 1], 0, trustedParts, rows * columns);
}

/** Internal: a new contiguous tensor with the shape of `like` holding `data`; reuses `like`'s shape/strides when it is contiguous. */
export function fromDataLike(data: TypedArray, like: Tensor): Tensor {
  const strides = like.isContiguous() ? like.strides : contiguousStrides(like.shape);
  return new TrustedTensor(data, like.shape, strides, 0, trustedParts, like.size);
}

function checkLayout(
  data: TypedArray,
  shape: readonly number[],
  strides: readonly number[] | undefined,
  offset: number,
): readonly number[] {
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new DTypeError(`Tensor: data must be a Float32Array or a Float64Array; got ${describeData(data)}`);
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new ShapeError(`Tensor: offset must be a non-negative integer; got ${String(offset)}`);
  }
  let checked: number[];
  if (strides === undefined) checked = contiguousStrides(shape);
  else {
    if (!Array.isArray(strides) || strides.length !== shape.length) {
      throw new ShapeError(
        `Tensor: expected ${shape.length} strides for shape ${formatShape(shape)}; got ${Array.isArray(strides) ? `[${strides.join(',')}]` : String(strides)}`,
      );
    }
    checked = strides.slice();
    for (let axis = 0; axis < checked.length; axis++) {
      if (!Number.isInteger(checked[axis])) {
        throw new ShapeError(`Tensor: strides must be integers; got [${checked.join(',')}] (axis ${axis})`);
      }
    }
  }
  if (shapeSize(shape) === 0) {
    if (offset > data.length) {
      throw new ShapeError(`Tensor: offset ${offset} is outside the buffer of length ${data.length}`);
    }
    return checked;
  }
  let low = offset;
  let high = offset;
  for (let axis = 0; axis < shape.length; axis++) {
    const reach = checked[axis]! * (shape[axis]! - 1);
    if (reach < 0) low += reach;
    else high += reach;
  }
  if (low < 0 || high >= data.length) {
    throw new ShapeError(
      `Tensor: shape ${formatShape(shape)} with strides [${checked.join(',')}] and offset ${offset} addresses indices ${low}..${high}; expected them inside the buffer of length ${data.length}`,
    );
  }
  return checked;
}

function describeData(data: unknown): string {
  if (data === null || typeof data !== 'object') return String(data);
  const name = (data as { constructor?: { name?: string } }).constructor?.name;
  return name ?? typeof data;
}

/** Throws a ShapeError when `toArray` would build more than 2^32 − 1 arrays and numbers (JS's longest array). */
function checkNestable(shape: Shape): void {
  let entries = 0;
  let level = 1;
  for (let axis = 0; axis < shape.length && level > 0; axis++) {
    level *= shape[axis]!;
    entries += level;
  }
  if (entries > MAX_ARRAY_LENGTH) {
    throw new ShapeError(
      `toArray: shape ${formatShape(shape)} would need ${entries} nested arrays and numbers; expected at most ${MAX_ARRAY_LENGTH}`,
    );
  }
}

function nest(t: Tensor, axis: number, position: number): NestedArray {
  if (axis === t.rank) return t.storage[position]!;
  const dim = t.shape[axis]!;
  const stride = t.strides[axis]!;
  const out = new Array<NestedArray>(dim);
  if (axis === t.rank - 1) {
    for (let i = 0; i < dim; i++) out[i] = t.storage[position + i * stride]!;
  } else {
    for (let i = 0; i < dim; i++) out[i] = nest(t, axis + 1, position + i * stride);
  }
  return out;
}
