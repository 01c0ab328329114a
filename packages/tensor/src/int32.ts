import { isCapturing, recordLaunch } from './capture';
import { type DType, type FloatDType, type TypedArray, allocate } from './dtype';
import { DTypeError } from './errors';
import { formatShape } from './shape';
import { type Tensor, fromData } from './tensor';

// The int32 dtype's rules, in one place (the tensor README states them for users):
// - two int32 operands stay int32 for ops that are exact on integers (add, sub, mul, maximum, minimum, comparisons,
//   where); the result is computed in float64, where those ops are exact, and a value outside the int32 range is a
//   DTypeError rather than a silent wrap-around;
// - int32 meeting float64 becomes float64 (exact: every int32 is a float64);
// - int32 meeting float32 becomes float32 only when every value is at most 2^24 in magnitude (float32 holds every
//   integer up to 2^24 and not all above): a larger value is a DTypeError naming it, never silently rounded;
// - a number operand is an int32 when it is an integer in range, else a float32 scalar (as PyTorch's
//   `int_tensor + 0.5` gives float32);
// - ops that do real-valued math (exp, matmul, derivative kernels, ...) reject int32 with a DTypeError.

/** The smallest int32. */
export const INT32_MIN = -2147483648;
/** The largest int32. */
export const INT32_MAX = 2147483647;
/** float32 holds every integer of magnitude at most 2^24 exactly, and not every one above it. */
export const FLOAT32_EXACT_INTEGER = 16777216;

/** How a binary op treats int32 operands (see the rules above). */
export type Int32Rule = 'integer' | 'float' | 'reject';

/** True when `value` is an integer in the int32 range. */
export function isInt32Number(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** Throws a DTypeError naming `op` when `x` is int32: for ops that compute with real numbers only. */
export function requireFloat(x: Tensor, op: string): void {
  if (x.dtype === 'int32') throw floatOnlyError(x, op);
}

/** The DTypeError of an op that takes float dtypes only, given an int32 tensor. */
export function floatOnlyError(x: Tensor, op: string): DTypeError {
  return new DTypeError(
    `${op}: got an int32 tensor of shape ${formatShape(x.shape)}; expected float32 or float64 (convert it with astype(x, 'float32'))`,
  );
}

/**
 * The dtype a binary op computes in, for operands of which at least one is an int32 tensor (see the rules above).
 * Float32 mixed with float64 stays the caller's error to report.
 */
export function promotedDType(a: Tensor | number, b: Tensor | number, rule: Int32Rule): DType {
  const aDType = typeof a === 'number' ? numberDType(a) : a.dtype;
  const bDType = typeof b === 'number' ? numberDType(b) : b.dtype;
  if (aDType === 'float64' || bDType === 'float64') return 'float64';
  if (aDType === 'float32' || bDType === 'float32') return 'float32';
  return rule === 'integer' ? 'int32' : 'float32';
}

function numberDType(value: number): DType {
  return isInt32Number(value) ? 'int32' : 'float32';
}

/**
 * `x` in the float dtype `dtype`: unchanged when it already is; an int32 tensor converted exactly, after checking,
 * for float32, that no value exceeds 2^24 in magnitude (a DTypeError naming the first such value). Numbers pass.
 */
export function toFloat<Operand extends Tensor | number>(x: Operand, dtype: FloatDType, op: string): Operand {
  if (typeof x === 'number' || x.dtype === dtype) return x;
  const source = x.contiguous();
  const out = allocate(dtype, source.size, op, x.shape);
  const exactLimit = dtype === 'float32' && x.dtype === 'int32' ? FLOAT32_EXACT_INTEGER : Infinity;
  const shape = formatShape(x.shape);
  toFloatKernel(source.storage, source.offset, out, exactLimit, op, shape);
  if (isCapturing()) recordLaunch(toFloatKernel, [source.storage, source.offset, out, exactLimit, op, shape]);
  return fromData(out, x.shape) as Operand;
}

/** Kernel: copies `out.length` values from `data` at `offset` into `out`; one beyond ±`exactLimit` is a DTypeError. */
function toFloatKernel(
  data: TypedArray,
  offset: number,
  out: TypedArray,
  exactLimit: number,
  op: string,
  shape: string,
): void {
  for (let i = 0; i < out.length; i++) {
    const value = data[offset + i]!;
    if (value > exactLimit || value < -exactLimit) {
      throw new DTypeError(
        `${op}: the int32 value ${value} (element ${i} of shape ${shape}) has no exact float32 value, and the other operand is float32; expected int32 values within ±2^24, or convert to float64 first (astype(x, 'float64'))`,
      );
    }
    out[i] = value;
  }
}

/** An int32 copy of a float64 result whose values are integers; a value outside the int32 range is a DTypeError. */
export function toInt32(x: Tensor, op: string): Tensor {
  const source = x.contiguous();
  const out = allocate('int32', source.size, op, x.shape);
  const shape = formatShape(x.shape);
  toInt32Kernel(source.storage, source.offset, out, op, shape);
  if (isCapturing()) recordLaunch(toInt32Kernel, [source.storage, source.offset, out, op, shape]);
  return fromData(out, x.shape);
}

/** Kernel: copies `out.length` integer values into the int32 `out`; one outside the int32 range is a DTypeError. */
function toInt32Kernel(data: TypedArray, offset: number, out: TypedArray, op: string, shape: string): void {
  for (let i = 0; i < out.length; i++) {
    const value = data[offset + i]!;
    if (!(value >= INT32_MIN && value <= INT32_MAX)) {
      throw new DTypeError(
        `${op}: int32 overflow: the result ${value} at element ${i} of shape ${shape} is outside [${INT32_MIN}, ${INT32_MAX}]; expected int32 results (convert the operands to float64 with astype to compute beyond it)`,
      );
    }
    out[i] = value;
  }
}
