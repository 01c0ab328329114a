import { Tensor } from '@chainrule/tensor';
import { SafetensorsError } from '../errors';
import {
  METADATA_KEY,
  SAFETENSORS_DTYPE,
  compareUtf8,
  fileElementCount,
  isWellFormedString,
} from './safetensors-format';
import { encodeUtf8 } from './text-codec';
import {
  bytesPerElement,
  describeNonRecord,
  describeValue,
  forbiddenKeys,
  hostIsLittleEndian,
  isPlainRecord,
} from '../tensor-utils';

/**
 * Serialises tensors (a state dict) to safetensors bytes, as the reference writer does: tensors ordered by dtype
 * (F64 before F32) then by name, laid out back to back; the header `{"__metadata__":{...},"name":{"dtype":"F32",
 * "shape":[2,3],"data_offsets":[0,24]},...}` is compact JSON padded with spaces to a multiple of 8 bytes, preceded by
 * its length as a little-endian u64. `metadata` (string to string) is written as `__metadata__` when given.
 * A non-Tensor value, a non-string metadata value, a name `__metadata__`/`__proto__`/`constructor`/`prototype`
 * or a name that is not valid Unicode throws a SafetensorsError.
 */
export function saveSafetensors(
  tensors: Readonly<Record<string, Tensor>>,
  metadata?: Readonly<Record<string, string>>,
): Uint8Array {
  if (!isPlainRecord(tensors)) {
    throw new SafetensorsError(
      `saveSafetensors: expected a plain object of name -> Tensor (such as model.stateDict()); got ${describeNonRecord(tensors)}`,
    );
  }
  const entries: [string, Tensor][] = [];
  for (const name of Object.keys(tensors)) {
    checkName(name, 'tensor name');
    if (name === METADATA_KEY) {
      throw new SafetensorsError(
        `saveSafetensors: '${METADATA_KEY}' is reserved for metadata and cannot name a tensor`,
      );
    }
    const value = tensors[name];
    if (!(value instanceof Tensor)) {
      throw new SafetensorsError(`saveSafetensors: value of '${name}' must be a Tensor; got ${describeValue(value)}`);
    }
    if (fileElementCount(value.shape, bytesPerElement(value.dtype)) === null) {
      throw new SafetensorsError(
        `saveSafetensors: tensor '${name}' of shape [${value.shape.join(',')}] cannot be written: its element count overflows the format's sizes (loadSafetensors, and the reference implementation, would reject it)`,
      );
    }
    entries.push([name, value]);
  }
  // The reference writer's order: larger dtypes first (F64 before F32), then names in UTF-8 byte order.
  entries.sort(([nameA, a], [nameB, b]) =>
    a.dtype === b.dtype ? compareUtf8(nameA, nameB) : a.dtype === 'float64' ? -1 : 1,
  );

  const headerParts: string[] = [];
  if (metadata !== undefined) headerParts.push(`${JSON.stringify(METADATA_KEY)}:${metadataJson(metadata)}`);
  let dataBytes = 0;
  for (const [name, value] of entries) {
    const begin = dataBytes;
    dataBytes += value.size * bytesPerElement(value.dtype);
    // Keys are written by hand: a JS object would move integer-like names ("0", "1") to the front.
    const info = `{"dtype":"${SAFETENSORS_DTYPE[value.dtype]}","shape":[${value.shape.join(',')}],"data_offsets":[${begin},${dataBytes}]}`;
    headerParts.push(`${JSON.stringify(name)}:${info}`);
  }
  const json = encodeUtf8(`{${headerParts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;

  const bytes = allocateFile(8 + headerLength + dataBytes, entries);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  bytes.set(json, 8);
  bytes.fill(0x20, 8 + json.length, 8 + headerLength); // spaces, as the reference writer pads
  let position = 8 + headerLength;
  for (const [, value] of entries) position = writeElements(value, bytes, view, position);
  return bytes;
}

/** The file's bytes; a size no buffer can hold (a huge broadcast view) is a SafetensorsError naming the largest tensor. */
function allocateFile(length: number, entries: readonly [string, Tensor][]): Uint8Array {
  try {
    return new Uint8Array(length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const [name, largest] = entries.reduce((a, b) => (b[1].size > a[1].size ? b : a));
    throw new SafetensorsError(
      `saveSafetensors: the file would be ${length} bytes (tensor '${name}' is [${largest.shape.join(',')}] ${largest.dtype}); expected a size this engine can allocate`,
    );
  }
}

function metadataJson(metadata: Readonly<Record<string, string>>): string {
  if (!isPlainRecord(metadata)) {
    throw new SafetensorsError(
      `saveSafetensors: metadata must be a plain object of string -> string; got ${describeNonRecord(metadata)}`,
    );
  }
  const parts: string[] = [];
  for (const key of Object.keys(metadata)) {
    checkName(key, 'metadata key');
    const value = metadata[key];
    if (typeof value !== 'string' || !isWellFormedString(value)) {
      throw new SafetensorsError(
        `saveSafetensors: metadata value of '${key}' must be a string of valid Unicode; got ${describeValue(value)}`,
      );
    }
    parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

function checkName(name: string, what: string): void {
  if (!isWellFormedString(name)) {
    throw new SafetensorsError(
      `saveSafetensors: ${what} ${JSON.stringify(name)} holds a lone surrogate; expected valid Unicode`,
    );
  }
  if (forbiddenKeys.has(name)) {
    throw new SafetensorsError(
      `saveSafetensors: ${what} '${name}' is not allowed (it could pollute object prototypes)`,
    );
  }
}

/** Copies the elements of `value` (row-major, little-endian) to `bytes` at `position`; returns the end position. */
function writeElements(value: Tensor, bytes: Uint8Array, view: DataView, position: number): number {
  const source = value.contiguous();
  const width = bytesPerElement(value.dtype);
  const length = source.size * width;
  if (hostIsLittleEndian) {
    bytes.set(new Uint8Array(source.data.buffer, source.data.byteOffset + source.offset * width, length), position);
  } else if (width === 8) {
    for (let i = 0; i < source.size; i++) view.setFloat64(position + i * 8, source.data[source.offset + i]!, true);
  } else {
    for (let i = 0; i < source.size; i++) view.setFloat32(position + i * 4, source.data[source.offset + i]!, true);
  }
  return position + length;
}
