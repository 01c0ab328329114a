import { isCapturing, recordLaunch } from './capture';
import {
  type DType,
  type DTypeOptions,
  type TypedArray,
  allocate,
  dtypeOfData,
  dtypeOption,
  resolveDType,
} from './dtype';
import { optionsObject } from './options';
import { DTypeError, ShapeError, ValueError } from './errors';
import { MAX_RANK, type Shape, checkCount, checkShape, contiguousStrides, formatShape, shapeSize } from './shape';
import { copyStrided } from './strided';
import { type NestedArray, type Tensor, checkTensor, fromData, fromDataLike, makeTensor } from './tensor';

/** Options of `tensor()`: a dtype, and an optional shape to give flat values. */
export interface TensorOptions extends DTypeOptions {
  shape?: Shape;
}

/**
 * Creates a tensor from nested arrays (`[[1, 2], [3, 4]]` has shape `[2,2]`), a number (0-d) or a typed array
 * (flat, or laid out row-major in `options.shape`). Values are always copied. A typed array keeps its own dtype
 * unless `options.dtype` says otherwise; nested arrays default to `float32`. Ragged arrays throw a ShapeError.
 */
export function tensor(values: NestedArray | TypedArray, tensorOptions?: TensorOptions): Tensor {
  const options = optionsObject(tensorOptions, 'tensor');
  if (ArrayBuffer.isView(values)) {
    if (values instanceof BigInt64Array || values instanceof BigUint64Array || values instanceof DataView) {
      throw new DTypeError(
        `tensor: cannot read a ${values.constructor.name}; expected a Float32Array, a Float64Array or another typed array of numbers`,
      );
    }
    const flat = values as TypedArray;
    const dtype = options.dtype === undefined ? dtypeOfData(flat) : resolveDType(options.dtype, 'tensor');
    const shape = options.shape === undefined ? [flat.length] : checkShape(options.shape, 'tensor');
    if (shapeSize(shape) !== flat.length) {
      throw new ShapeError(
        `tensor: shape ${formatShape(shape)} needs ${shapeSize(shape)} values; got a typed array of length ${flat.length}`,
      );
    }
    const data = allocate(dtype, flat.length, 'tensor', shape);
    data.set(flat);
    return fromData(data, shape);
  }
  const dtype = resolveDType(options.dtype, 'tensor');
  const inferred = inferShape(values);
  const data = allocate(dtype, shapeSize(inferred), 'tensor', inferred);
  fillNested(values, inferred, 0, data, { next: 0 }, []);
  if (options.shape === undefined) return fromData(data, inferred);
  const shape = checkShape(options.shape, 'tensor');
  if (shapeSize(shape) !== data.length) {
    throw new ShapeError(
      `tensor: cannot lay out values of shape ${formatShape(inferred)} (size ${data.length}) as shape ${formatShape(shape)} (size ${shapeSize(shape)})`,
    );
  }
  return fromData(data, shape);
}

/**
 * The shape of nested arrays, read along their first elements. An array that contains itself, or nesting deeper than
 * MAX_RANK, throws a ShapeError; the walk is a loop, so no nesting can overflow the stack.
 */
function inferShape(values: unknown): number[] {
  const shape: number[] = [];
  const path = new Set<unknown>();
  let probe = values;
  while (Array.isArray(probe)) {
    if (path.has(probe)) {
      throw new ShapeError(
        `tensor: the nested array contains itself at [${shape.map(() => 0).join(',')}]; expected arrays of numbers without cycles`,
      );
    }
    if (shape.length === MAX_RANK) {
      throw new ShapeError(`tensor: nested arrays are more than ${MAX_RANK} deep; expected at most ${MAX_RANK} axes`);
    }
    path.add(probe);
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  return shape;
}

// Recursion is bounded: `shape` has at most MAX_RANK axes, and a value deeper than that is reported as ragged.
function fillNested(
  value: unknown,
  shape: readonly number[],
  depth: number,
  data: TypedArray,
  cursor: { next: number },
  path: number[],
): void {
  if (depth === shape.length) {
    if (typeof value === 'number') {
      data[cursor.next++] = value;
      return;
    }
    if (Array.isArray(value)) {
      throw new ShapeError(
        `tensor: ragged nested array: expected a number at [${path.join(',')}] (the first element has ${shape.length} axes); got an array of length ${value.length}`,
      );
    }
    throw new ValueError(`tensor: expected a number at [${path.join(',')}]; got ${describe(value)}`);
  }
  const expected = shape[depth]!;
  if (!Array.isArray(value)) {
    throw new ShapeError(
      `tensor: ragged nested array: expected an array of length ${expected} at [${path.join(',')}] (axis ${depth}); got ${describe(value)}`,
    );
  }
  if (value.length !== expected) {
    throw new ShapeError(
      `tensor: ragged nested array: element [${path.join(',')}] has length ${value.length}; expected ${expected} (axis ${depth})`,
    );
  }
  for (let i = 0; i < expected; i++) {
    path.push(i);
    fillNested(value[i], shape, depth + 1, data, cursor, path);
    path.pop();
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string') return `the string '${value}'`;
  return typeof value === 'object' ? String(value) : `${typeof value} ${String(value)}`;
}

function checkNumber(value: unknown, op: string, name: string): number {
  if (typeof value !== 'number') throw new ValueError(`${op}: ${name} must be a number; got ${describe(value)}`);
  return value;
}

function checkFinite(value: unknown, op: string, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${op}: ${name} must be a finite number; got ${String(value)}`);
  }
  return value;
}

/** A 0-d tensor holding `value`. */
export function scalar(value: number, options?: DTypeOptions): Tensor {
  const data = allocate(dtypeOption(options, 'scalar'), 1);
  data[0] = checkNumber(value, 'scalar', 'value');
  return makeTensor(data, [], [], 0);
}

/** A tensor of the given shape filled with 0. */
export function zeros(shape: Shape, options?: DTypeOptions): Tensor {
  const checked = checkShape(shape, 'zeros');
  return fromData(allocate(dtypeOption(options, 'zeros'), shapeSize(checked), 'zeros', checked), checked);
}

/** A tensor of the given shape filled with 1. */
export function ones(shape: Shape, options?: DTypeOptions): Tensor {
  const checked = checkShape(shape, 'ones');
  return fromData(allocate(dtypeOption(options, 'ones'), shapeSize(checked), 'ones', checked).fill(1), checked);
}

/** A tensor of the given shape filled with `value`. */
export function full(shape: Shape, value: number, options?: DTypeOptions): Tensor {
  const checked = checkShape(shape, 'full');
  checkNumber(value, 'full', 'value');
  return fromData(allocate(dtypeOption(options, 'full'), shapeSize(checked), 'full', checked).fill(value), checked);
}

/** Zeros with the shape and dtype of `t`. */
export function zerosLike(t: Tensor): Tensor {
  checkTensor(t, 'zerosLike');
  return fromDataLike(allocate(t.dtype, t.size, 'zerosLike', t.shape), t);
}

/** Ones with the shape and dtype of `t`. */
export function onesLike(t: Tensor): Tensor {
  checkTensor(t, 'onesLike');
  return fromDataLike(allocate(t.dtype, t.size, 'onesLike', t.shape).fill(1), t);
}

/** `value` everywhere, with the shape and dtype of `t`. */
export function fullLike(t: Tensor, value: number): Tensor {
  checkTensor(t, 'fullLike');
  checkNumber(value, 'fullLike', 'value');
  return fromDataLike(allocate(t.dtype, t.size, 'fullLike', t.shape).fill(value), t);
}

/**
 * Evenly spaced values `start + i·step` for `i = 0, 1, ...` while below `stop` (above it for a negative step),
 * like NumPy's `arange`: `arange(3)` is `[0, 1, 2]`, `arange(1, 2, 0.25)` is `[1, 1.25, 1.5, 1.75]`.
 */
export function arange(stop: number, options?: DTypeOptions): Tensor;
export function arange(start: number, stop: number, step?: number, options?: DTypeOptions): Tensor;
export function arange(
  first: number,
  second?: number | DTypeOptions,
  third?: number | DTypeOptions,
  fourth?: DTypeOptions,
): Tensor {
  let start = 0;
  let stop: number;
  let step = 1;
  let options: DTypeOptions | undefined;
  if (typeof second === 'number') {
    start = first;
    stop = second;
    if (typeof third === 'number') {
      step = third;
      options = fourth;
    } else options = third;
  } else {
    stop = first;
    options = second;
  }
  checkFinite(start, 'arange', 'start');
  checkFinite(stop, 'arange', 'stop');
  checkFinite(step, 'arange', 'step');
  if (step === 0) throw new ValueError('arange: step must be non-zero; got 0');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  const data = allocate(dtypeOption(options, 'arange'), count, 'arange');
  for (let i = 0; i < count; i++) data[i] = start + i * step;
  return fromData(data, [count]);
}

/** `num` evenly spaced values from `start` to `stop` inclusive: `start + i·(stop − start)/(num − 1)`. */
export function linspace(start: number, stop: number, num: number, options?: DTypeOptions): Tensor {
  checkFinite(start, 'linspace', 'start');
  checkFinite(stop, 'linspace', 'stop');
  checkCount(num, 'linspace', 'num');
  const data = allocate(dtypeOption(options, 'linspace'), num, 'linspace');
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) data[i] = start + i * step;
  if (num > 1) data[num - 1] = stop;
  return fromData(data, [num]);
}

/** The `n × n` identity matrix. */
export function eye(n: number, options?: DTypeOptions): Tensor {
  checkCount(n, 'eye', 'n');
  const data = allocate(dtypeOption(options, 'eye'), n * n, 'eye', [n, n]);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return fromData(data, [n, n]);
}

/**
 * One-hot rows: `out[..., i, c] = 1` where `c = indices[..., i]`, else 0; shape `[...indices.shape, classes]`.
 * `indices` is a tensor or a list of integers in `[0, classes)`; anything else is a ValueError naming its position.
 *
 * ```ts
 * oneHot([2, 0], 3); // [[0, 0, 1], [1, 0, 0]]
 * ```
 */
export function oneHot(indices: Tensor | readonly number[], classes: number, options?: DTypeOptions): Tensor {
  checkCount(classes, 'oneHot', 'classes');
  const dtype = dtypeOption(options, 'oneHot');
  let values: ArrayLike<number>;
  let shape: Shape;
  if (Array.isArray(indices)) {
    values = indices;
    shape = [indices.length];
  } else {
    checkTensor(indices, 'oneHot');
    const source = indices.contiguous();
    values = source.storage.subarray(source.offset, source.offset + source.size);
    shape = indices.shape;
  }
  const outShape = checkShape([...shape, classes], 'oneHot');
  const data = allocate(dtype, values.length * classes, 'oneHot', outShape);
  oneHotKernel(values, classes, data);
  if (isCapturing()) recordLaunch(oneHotKernel, [values, classes, data]);
  return fromData(data, outShape);
}

/** Kernel: rows of `out` all 0 but a 1 at column `indices[i]`; an index outside `[0, classes)` is a ValueError. */
function oneHotKernel(indices: ArrayLike<number>, classes: number, out: TypedArray): void {
  out.fill(0);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= classes) {
      throw new ValueError(
        `oneHot: index ${String(index)} at position ${i} is not a class index; expected an integer in [0, ${classes})`,
      );
    }
    out[i * classes + index] = 1;
  }
}

/** A contiguous copy of `t` in `dtype` (float64 → float32 rounds to nearest); returns `t` itself when the dtype already matches. */
export function astype(t: Tensor, dtype: DType): Tensor {
  checkTensor(t, 'astype');
  const target = resolveDType(dtype, 'astype');
  if (target === t.dtype) return t;
  const out = allocate(target, t.size, 'astype', t.shape);
  const strides = contiguousStrides(t.shape);
  copyStrided(t.shape, t.storage, t.offset, t.strides, out, 0, strides);
  return makeTensor(out, t.shape, strides, 0);
}
