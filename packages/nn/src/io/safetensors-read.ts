import { type DType, ShapeError, Tensor, checkShape } from '@chainrule/tensor';
import { SafetensorsError } from '../errors';
import { findNonIntegerLiteral } from './integer-literals';
import {
  CHAINRULE_DTYPE,
  MAX_HEADER_BYTES,
  METADATA_KEY,
  UNSUPPORTED_DTYPES,
  fileElementCount,
  isWellFormedString,
} from './safetensors-format';
import { decodeUtf8 } from './text-codec';
import { bytesPerElement, describeValue, forbiddenKeys, hostIsLittleEndian } from '../tensor-utils';

/** What `loadSafetensors` returns; both records have a null prototype. */
export interface SafetensorsContents {
  /**
   * Tensors by name; each owns a fresh buffer (none aliases the input bytes). Iteration follows JS object key
   * order (`Object.keys` rules), not the header's: integer-like names (`"0"`, `"2"`, `"10"`) come first in ascending
   * numeric order, then the other names in header order.
   */
  tensors: Record<string, Tensor>;
  /** The `__metadata__` entry (empty when the file has none). */
  metadata: Record<string, string>;
}

interface Entry {
  name: string;
  dtype: DType;
  shape: number[];
  size: number;
  begin: number;
  end: number;
}

/**
 * Parses safetensors bytes (F32 and F64 tensors, optional `__metadata__`), validating everything before a single
 * tensor byte is read: the 8-byte header length (within the file and at most 100 MB), a UTF-8 JSON object header,
 * every entry's dtype, shape (non-negative safe integers) and `data_offsets` (in range, matching
 * `size·bytesPerElement`), and, as the reference implementation requires, that the tensors tile the data section
 * exactly, with no overlap, hole or trailing byte. Any violation throws a SafetensorsError; nothing is read out of
 * bounds and nothing is allocated beyond the file's size.
 */
export function loadSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) {
    throw new SafetensorsError(`loadSafetensors: expected a Uint8Array; got ${describeValue(bytes)}`);
  }
  if (bytes.length < 8) {
    throw new SafetensorsError(
      `loadSafetensors: file is truncated (${bytes.length} bytes); expected at least the 8-byte header length`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true) * 2 ** 32 + view.getUint32(0, true);
  if (headerLength > MAX_HEADER_BYTES) {
    throw new SafetensorsError(
      `loadSafetensors: header length ${headerLength} is too large; expected at most ${MAX_HEADER_BYTES} bytes`,
    );
  }
  if (8 + headerLength > bytes.length) {
    throw new SafetensorsError(
      `loadSafetensors: header length ${headerLength} runs past the end of the file (${bytes.length} bytes, so at most ${bytes.length - 8})`,
    );
  }
  const { header, text } = parseHeader(bytes.subarray(8, 8 + headerLength));
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;

  const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
  const entries: Entry[] = [];
  for (const name of Object.keys(header)) {
    checkKey(name, 'tensor name');
    const value = header[name];
    if (name === METADATA_KEY) readMetadata(value, metadata);
    else entries.push(readEntry(name, value, dataLength));
  }
  // Every shape and offset is a valid integer by now; the text still has to write each as one.
  const written = findNonIntegerLiteral(text);
  if (written !== null) {
    throw new SafetensorsError(
      `loadSafetensors: tensor '${written.name}': ${written.field} holds ${written.literal}; expected integers written as digits only (as the reference implementation requires)`,
    );
  }
  checkTiling(entries, dataLength);

  const tensors: Record<string, Tensor> = Object.create(null) as Record<string, Tensor>;
  for (const entry of entries) {
    tensors[entry.name] = new Tensor(readElements(bytes, view, dataStart + entry.begin, entry), entry.shape);
  }
  return { tensors, metadata };
}

function parseHeader(headerBytes: Uint8Array): { header: Record<string, unknown>; text: string } {
  let text: string;
  try {
    text = decodeUtf8(headerBytes);
  } catch {
    throw new SafetensorsError('loadSafetensors: header is not valid UTF-8');
  }
  if (!text.startsWith('{')) {
    throw new SafetensorsError(
      `loadSafetensors: header must be a JSON object starting with '{'; got ${JSON.stringify(text.slice(0, 20))}`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`loadSafetensors: header is not valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(header)) {
    throw new SafetensorsError(`loadSafetensors: header must be a JSON object; got ${describeValue(header)}`);
  }
  return { header, text };
}

function readMetadata(value: unknown, into: Record<string, string>): void {
  if (value === null) return; // the reference implementation reads `null` as "no metadata"
  if (!isPlainObject(value)) {
    throw new SafetensorsError(
      `loadSafetensors: ${METADATA_KEY} must be an object of string -> string; got ${describeValue(value)}`,
    );
  }
  for (const key of Object.keys(value)) {
    checkKey(key, 'metadata key');
    const text = value[key];
    if (typeof text !== 'string' || !isWellFormedString(text)) {
      throw new SafetensorsError(
        `loadSafetensors: ${METADATA_KEY} value of '${key}' must be a string of valid Unicode; got ${typeof text === 'string' ? JSON.stringify(text) : describeValue(text)}`,
      );
    }
    into[key] = text;
  }
}

function readEntry(name: string, value: unknown, dataLength: number): Entry {
  const where = `loadSafetensors: tensor '${name}'`;
  if (!isPlainObject(value)) {
    throw new SafetensorsError(
      `${where}: entry must be an object { dtype, shape, data_offsets }; got ${describeValue(value)}`,
    );
  }
  const code = value.dtype;
  const dtype = typeof code === 'string' ? CHAINRULE_DTYPE.get(code) : undefined;
  if (dtype === undefined) {
    const reason = typeof code === 'string' && UNSUPPORTED_DTYPES.has(code) ? 'unsupported' : 'unknown';
    throw new SafetensorsError(`${where}: ${reason} dtype ${describeValue(code)}; expected 'F32' or 'F64'`);
  }
  const shape = value.shape;
  if (!Array.isArray(shape) || !shape.every(isSafeCount)) {
    throw new SafetensorsError(`${where}: shape must be an array of non-negative integers; got ${describeList(shape)}`);
  }
  checkTensorShape(shape, where);
  const width = bytesPerElement(dtype);
  const size = fileElementCount(shape as number[], width);
  if (size === null) {
    throw new SafetensorsError(`${where}: shape [${shape.join(',')}] overflows (too many elements)`);
  }
  const offsets = value.data_offsets;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isSafeCount)) {
    throw new SafetensorsError(
      `${where}: data_offsets must be [begin, end] with non-negative integers; got ${describeList(offsets)}`,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) {
    throw new SafetensorsError(
      `${where}: data_offsets [${begin},${end}] are out of range; expected begin <= end <= ${dataLength} (the data section's length)`,
    );
  }
  if (end - begin !== size * width) {
    throw new SafetensorsError(
      `${where}: shape [${shape.join(',')}] of ${code} needs ${size * width} bytes but data_offsets [${begin},${end}] span ${end - begin}`,
    );
  }
  return { name, dtype, shape: shape as number[], size, begin, end };
}

/** The tensors must cover the data section back to back, from 0 to its end (the reference's `validate`). */
function checkTiling(entries: Entry[], dataLength: number): void {
  const ordered = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  let previous: Entry | undefined;
  for (const entry of ordered) {
    if (entry.begin < expected) {
      throw new SafetensorsError(
        `loadSafetensors: tensor '${entry.name}' [${entry.begin},${entry.end}] overlaps tensor '${previous!.name}' [${previous!.begin},${previous!.end}]`,
      );
    }
    if (entry.begin > expected) {
      throw new SafetensorsError(
        `loadSafetensors: bytes [${expected},${entry.begin}) of the data section belong to no tensor (a hole before '${entry.name}')`,
      );
    }
    expected = entry.end;
    previous = entry;
  }
  if (expected !== dataLength) {
    throw new SafetensorsError(
      `loadSafetensors: the tensors cover ${expected} bytes of a ${dataLength}-byte data section; expected them to cover it exactly`,
    );
  }
}

/** A fresh typed array with the entry's elements; the copy also fixes unaligned offsets. */
function readElements(bytes: Uint8Array, view: DataView, start: number, entry: Entry): Float32Array | Float64Array {
  const out = entry.dtype === 'float64' ? new Float64Array(entry.size) : new Float32Array(entry.size);
  if (hostIsLittleEndian) {
    new Uint8Array(out.buffer).set(bytes.subarray(start, start + entry.end - entry.begin));
  } else if (entry.dtype === 'float64') {
    for (let i = 0; i < entry.size; i++) out[i] = view.getFloat64(start + i * 8, true);
  } else {
    for (let i = 0; i < entry.size; i++) out[i] = view.getFloat32(start + i * 4, true);
  }
  return out;
}

/** The tensor package's own shape rule (at most MAX_RANK axes, ...), reported as a SafetensorsError. */
function checkTensorShape(shape: readonly number[], where: string): void {
  try {
    checkShape(shape, where);
  } catch (error) {
    if (error instanceof ShapeError) throw new SafetensorsError(error.message);
    throw error;
  }
}

function checkKey(key: string, what: string): void {
  if (!isWellFormedString(key)) {
    throw new SafetensorsError(
      `loadSafetensors: ${what} ${JSON.stringify(key)} holds a lone surrogate; expected valid Unicode (as the reference implementation requires)`,
    );
  }
  if (forbiddenKeys.has(key)) {
    throw new SafetensorsError(`loadSafetensors: ${what} '${key}' is not allowed (it could pollute object prototypes)`);
  }
}

/** JSON of a flat list of primitives; otherwise a short description (never recursive: the input is untrusted). */
function describeList(value: unknown): string {
  return Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')
    ? JSON.stringify(value)
    : describeValue(value);
}

function isSafeCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
