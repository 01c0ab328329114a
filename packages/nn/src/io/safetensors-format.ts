import type { DType } from '@chainrule/tensor';

/**
 * The safetensors layout (https://github.com/huggingface/safetensors):
 * `[8-byte little-endian u64 N][N bytes of UTF-8 JSON header, padded with spaces to a multiple of 8][data]`.
 * Each header entry is `name: { dtype, shape, data_offsets: [begin, end] }` with offsets relative to the start of
 * the data; the optional `__metadata__` entry maps strings to strings. Tensors are row-major and little-endian.
 */

/** The header key that holds free-form string metadata instead of a tensor. */
export const METADATA_KEY = '__metadata__';

/** The largest header the reference implementation accepts (100 MB); a larger N is rejected before any read. */
export const MAX_HEADER_BYTES = 100_000_000;

/** The safetensors dtype code of each chainrule dtype. */
export const SAFETENSORS_DTYPE: Readonly<Record<DType, 'F32' | 'F64'>> = { float32: 'F32', float64: 'F64' };

/** The chainrule dtype of each safetensors dtype code that chainrule reads. */
export const CHAINRULE_DTYPE: ReadonlyMap<string, DType> = new Map<string, DType>([
  ['F32', 'float32'],
  ['F64', 'float64'],
]);

/** Dtype codes the format defines but chainrule cannot hold (it has float32 and float64 only). */
export const UNSUPPORTED_DTYPES: ReadonlySet<string> = new Set([
  'BOOL',
  'U8',
  'I8',
  'I16',
  'U16',
  'I32',
  'U32',
  'I64',
  'U64',
  'F16',
  'BF16',
  'C64',
  'F4',
  'F6_E2M3',
  'F6_E3M2',
  'F8_E5M2',
  'F8_E4M3',
  'F8_E8M0',
  'E8M0',
]);

/**
 * The element count of a tensor of `shape` in a file, or null when the shape cannot be in one: multiplied out as the
 * reference implementation does, a running product past 2^64 overflows its u64 (even when a later axis is 0), and the
 * tensor's bytes (`count·width`) must be a safe integer for the offsets to be exact. Reader and writer share it, so
 * `saveSafetensors` never writes a shape `loadSafetensors` rejects.
 */
export function fileElementCount(shape: readonly number[], width: number): number | null {
  let count = 1;
  for (const dim of shape) {
    count *= dim;
    if (count >= 2 ** 64) return null;
  }
  return count * width > Number.MAX_SAFE_INTEGER ? null : count;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** False for strings holding a lone UTF-16 surrogate, which UTF-8 (and so the header) cannot represent. */
export function isWellFormedString(value: string): boolean {
  return !loneSurrogate.test(value);
}

/** Byte-wise comparison of the UTF-8 encodings of `a` and `b` (the reference writer's name order). */
export function compareUtf8(a: string, b: string): number {
  // NOTE: UTF-16 code-unit order differs from UTF-8 byte order only when a surrogate pair meets a code unit
  // in U+E000..U+FFFF; comparing code points instead of code units restores the UTF-8 order.
  const left = Array.from(a, (character) => character.codePointAt(0)!);
  const right = Array.from(b, (character) => character.codePointAt(0)!);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) if (left[i] !== right[i]) return left[i]! - right[i]!;
  return left.length - right.length;
}
