import { DTypeError } from './errors';

/** Element type of a tensor's storage: `float32` (default) or `float64`. */
export type DType = 'float32' | 'float64';

/** Storage of a tensor. */
export type TypedArray = Float32Array | Float64Array;

/** Options accepted by creation functions; `dtype` defaults to `'float32'`. */
export interface DTypeOptions {
  dtype?: DType;
}

/** The default dtype of every creation function. */
export const DEFAULT_DTYPE: DType = 'float32';

/** Returns `dtype` if it is a known dtype (or `DEFAULT_DTYPE` when undefined), else throws a DTypeError naming `op`. */
export function resolveDType(dtype: unknown, op: string): DType {
  if (dtype === undefined) return DEFAULT_DTYPE;
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new DTypeError(`${op}: unknown dtype ${describe(dtype)}; expected 'float32' or 'float64'`);
}

/** Allocates zero-filled storage of `size` elements in `dtype`. */
export function allocate(dtype: DType, size: number): TypedArray {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

/** The dtype of a typed array. */
export function dtypeOfData(data: TypedArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
