import { DTypeError, ShapeError } from './errors';
import { optionsObject } from './options';

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

/** Internal: the dtype of an options argument (`DEFAULT_DTYPE` when absent); bad options or dtypes throw naming `op`. */
export function dtypeOption(options: DTypeOptions | undefined, op: string): DType {
  return resolveDType(optionsObject(options, op).dtype, op);
}

/** Returns `dtype` if it is a known dtype (or `DEFAULT_DTYPE` when undefined), else throws a DTypeError naming `op`. */
export function resolveDType(dtype: unknown, op: string): DType {
  if (dtype === undefined) return DEFAULT_DTYPE;
  if (dtype === 'float32' || dtype === 'float64') return dtype;
  throw new DTypeError(`${op}: unknown dtype ${describe(dtype)}; expected 'float32' or 'float64'`);
}

// NOTE: V8 keeps typed arrays of up to 64 bytes inside the JS heap, but gives each larger one its own off-heap
// ArrayBuffer, which costs about 8x as much to allocate and to collect (190 ns against 23 ns for 16 float64s).
// Small results above that limit (a 4x4 float64 matrix, the tensors of small networks) are therefore carved,
// zero-filled and never reused, from a shared 16 KiB ArrayBuffer. A tensor's `data.buffer` may thus hold other
// tensors' data (as a view's does), and a slab stays alive while any tensor carved from it does. The slab size
// trades that retention against the cost of a new ArrayBuffer spread over the results carved from it: a 16-float64
// result costs 26 ns from 16 KiB slabs and 44 ns from 4 KiB ones. Results of 64 bytes or less stay in the JS heap:
// carving them too made 4x4 float32 adds 1.5x slower in apps/bench (0.146 against 0.097 µs), for no measurable gain
// on the reference network.
const HEAP_LIMIT_BYTES = 64;
const SLAB_LIMIT_BYTES = 256;
const SLAB_BYTES = 16384;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/** Allocates zero-filled storage of `size` elements in `dtype` (small sizes from a shared slab, see the NOTE above). */
export function allocate(dtype: DType, size: number, op = 'allocate', shape?: readonly number[]): TypedArray {
  const float64 = dtype === 'float64';
  if (size > 2 ** 32 - 1) throw tooLarge(op, shape, size, dtype);
  const bytes = float64 ? size * 8 : size * 4;
  if (bytes <= HEAP_LIMIT_BYTES || bytes > SLAB_LIMIT_BYTES) {
    try {
      return float64 ? new Float64Array(size) : new Float32Array(size);
    } catch (error) {
      if (error instanceof RangeError) throw tooLarge(op, shape, size, dtype);
      throw error;
    }
  }
  if (slabUsed + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const data = float64 ? new Float64Array(slab, slabUsed, size) : new Float32Array(slab, slabUsed, size);
  // Keep every start 8-byte aligned, as a Float64Array view needs.
  slabUsed += (bytes + 7) & ~7;
  return data;
}

/** The dtype of a typed array. */
export function dtypeOfData(data: TypedArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

// `shape` defaults to `[size]` here, not in `allocate`, so the hot path allocates no array for it.
function tooLarge(op: string, shape: readonly number[] | undefined, size: number, dtype: DType): ShapeError {
  return new ShapeError(
    `${op}: cannot allocate shape [${(shape ?? [size]).join(',')}] (${size} ${dtype} elements); expected a size this engine can hold`,
  );
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}
