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
import { INT32_MAX, INT32_MIN, isInt32Number } from './int32';
import { MAX_RANK, type Shape, checkCount, checkShape, contiguousStrides, formatShape, shapeSize } from './shape';
import { copyStrided } from './strided';
import { describeNotTensor } from './not-a-tensor';
import { type NestedArray, type Tensor, checkTensor, fromData, fromDataLike, isTensor, makeTensor } from './tensor';

/** Options of `tensor()`: a dtype, and an optional shape to give flat values. */
export interface TensorOptions extends DTypeOptions {
  shape?: Shape;
}

/**
 * Creates a tensor from nested arrays (`[[1, 2], [3, 4]]` has shape `[2,2]`), a number (0-d) or a typed array
 * (flat, or laid out row-major in `options.shape`). Values are always copied. A `Float64Array` or `Int32Array` keeps
 * its dtype (other typed arrays become float32) unless `options.dtype` says otherwise; nested arrays default to
 * `float32`. Ragged arrays throw a ShapeError; for `int32`, a value that is not an integer in the int32 range is a
 * DTypeError (never truncated: `astype` is the explicit conversion).
 */
export function tensor(values: NestedArray | TypedArray, tensorOptions?: TensorOptions): Tensor {
  if (typeof values === 'object' && values !== null && !Array.isArray(values) && !ArrayBuffer.isView(values)) {
    throw new ValueError(
      `tensor: expected nested arrays, a number or a typed array; got ${isTensor(values) ? 'a Tensor (copy it with t.clone(), convert it with astype)' : describeNotTensor(values, 'tensor')}`,
    );
  }
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
    if (dtype === 'int32' && !(flat instanceof Int32Array)) checkInt32Values(flat, 'tensor');
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
      if (data instanceof Int32Array && !isInt32Number(value))
        throw notInt32('tensor', value, `at [${path.join(',')}]`);
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

/** The DTypeError for a value that an int32 tensor cannot hold; `where` says which (`at [1,0]`, `value`). */
function notInt32(op: string, value: number, where: string): DTypeError {
  return new DTypeError(
    `${op}: int32 cannot hold ${String(value)} ${where}; expected an integer in [${INT32_MIN}, ${INT32_MAX}] (astype(x, 'int32') truncates floats explicitly)`,
  );
}

function checkInt32Values(values: ArrayLike<number>, op: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!isInt32Number(values[i]!)) throw notInt32(op, values[i]!, `at index ${i}`);
  }
}

/** `value` checked to be a number, and an int32 when `dtype` is int32. */
function checkFill(value: unknown, dtype: DType, op: string): number {
  const checked = checkNumber(value, op, 'value');
  if (dtype === 'int32' && !isInt32Number(checked)) throw notInt32(op, checked, '(value)');
  return checked;
}

function checkFinite(value: unknown, op: string, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${op}: ${name} must be a finite number; got ${String(value)}`);
  }
  return value;
}

/** A 0-d tensor holding `value`. */
export function scalar(value: number, options?: DTypeOptions): Tensor {
  const dtype = dtypeOption(options, 'scalar');
  const data = allocate(dtype, 1);
  data[0] = checkFill(value, dtype, 'scalar');
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
  const dtype = dtypeOption(options, 'full');
  checkFill(value, dtype, 'full');
  return fromData(allocate(dtype, shapeSize(checked), 'full', checked).fill(value), checked);
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
  checkFill(value, t.dtype, 'fullLike');
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
  const dtype = dtypeOption(options, 'arange');
  const data = allocate(dtype, count, 'arange');
  for (let i = 0; i < count; i++) data[i] = start + i * step;
  if (dtype === 'int32' && count > 0) {
    // Integer start and step give integer values; the first and last are the extremes to range-check.
    for (const [name, value] of [
      ['start', start],
      ['step', step],
      ['last value', start + (count - 1) * step],
    ] as const) {
      if (!isInt32Number(value)) throw notInt32('arange', value, `(the ${name})`);
    }
  }
  return fromData(data, [count]);
}

/** `num` evenly spaced values from `start` to `stop` inclusive: `start + i·(stop − start)/(num − 1)`. */
export function linspace(start: number, stop: number, num: number, options?: DTypeOptions): Tensor {
  checkFinite(start, 'linspace', 'start');
  checkFinite(stop, 'linspace', 'stop');
  checkCount(num, 'linspace', 'num');
  const dtype = dtypeOption(options, 'linspace');
  const data = allocate(dtype, num, 'linspace');
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  for (let i = 0; i < num; i++) {
    const value = i === num - 1 && num > 1 ? stop : start + i * step;
    if (dtype === 'int32' && !isInt32Number(value)) throw notInt32('linspace', value, `(value ${i})`);
    data[i] = value;
  }
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
  return oneHotNamed(indices, classes, options, 'oneHot', null);
}

/**
 * Internal: `oneHot`, its bad-index errors reading `op: name[i] = v is not a class index` (crossEntropy's targets)
 * when `name` is given.
 */
export function oneHotNamed(
  indices: Tensor | readonly number[],
  classes: number,
  options: DTypeOptions | undefined,
  op: string,
  name: string | null,
): Tensor {
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
  oneHotKernel(values, classes, data, op, name);
  if (isCapturing()) recordLaunch(oneHotKernel, [values, classes, data, op, name]);
  return fromData(data, outShape);
}

/** Kernel: rows of `out` all 0 but a 1 at column `indices[i]`; an index outside `[0, classes)` is a ValueError. */
function oneHotKernel(
  indices: ArrayLike<number>,
  classes: number,
  out: TypedArray,
  op: string,
  name: string | null,
): void {
  out.fill(0);
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= classes) {
      const what = name === null ? `index ${String(index)} at position ${i}` : `${name}[${i}] = ${String(index)}`;
      throw new ValueError(`${op}: ${what} is not a class index; expected an integer in [0, ${classes})`);
    }
    out[i * classes + index] = 1;
  }
}

/** Kernel of `astype(t, 'int32')`: each value truncated toward zero; NaN, ±Infinity or beyond int32 is a DTypeError. */
function toInt32Kernel(data: TypedArray, offset: number, out: TypedArray): void {
  for (let i = 0; i < out.length; i++) {
    const value = Math.trunc(data[offset + i]!);
    if (!isInt32Number(value)) throw notInt32('astype', data[offset + i]!, `at element ${i}`);
    out[i] = value;
  }
}

/**
 * A contiguous copy of `t` in `dtype`; returns `t` itself when the dtype already matches. float64 → float32 and
 * int32 → float32 round to nearest (exact up to 2^24); float → int32 truncates toward zero like NumPy's `astype`
 * and PyTorch's `.int()`, and a NaN, an infinity or a value outside the int32 range is a DTypeError.
 */
export function astype(t: Tensor, dtype: DType): Tensor {
  checkTensor(t, 'astype');
  const target = resolveDType(dtype, 'astype');
  if (target === t.dtype) return t;
  const strides = contiguousStrides(t.shape);
  if (target === 'int32') {
    const source = t.contiguous();
    const out = allocate(target, t.size, 'astype', t.shape);
    toInt32Kernel(source.storage, source.offset, out);
    if (isCapturing()) recordLaunch(toInt32Kernel, [source.storage, source.offset, out]);
    return makeTensor(out, t.shape, strides, 0);
  }
  const out = allocate(target, t.size, 'astype', t.shape);
  copyStrided(t.shape, t.storage, t.offset, t.strides, out, 0, strides);
  return makeTensor(out, t.shape, strides, 0);
}
