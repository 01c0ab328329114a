/**
 * Internal: the part of the protocol buffers wire format that an ONNX model needs, and no more. A message is a list of
 * fields, each a tag (field number and wire type) followed by a varint, a little-endian fixed32 or a length-prefixed
 * byte string (strings, bytes and nested messages). Bytes are kept as a list of chunks: a nested message or a large
 * tensor is appended without being copied, and `finish()` copies everything once.
 */
export class ProtobufWriter {
  /** Bytes written so far, in order: finished chunks, then `pending`. */
  private readonly chunks: Uint8Array[] = [];
  /** Small writes (tags, varints, short strings) not yet moved into a chunk. */
  private pending: number[] = [];
  /** Total number of bytes written. */
  length = 0;

  /** A varint field (wire type 0): int32, int64, enum. Negative values take ten bytes, as int64 two's complement. */
  varint(field: number, value: number): this {
    this.tag(field, 0);
    this.rawVarint(value);
    return this;
  }

  /** A 32-bit float field (wire type 5), little-endian. */
  float(field: number, value: number): this {
    this.tag(field, 5);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    for (const byte of bytes) this.pushByte(byte);
    return this;
  }

  /** A string field (wire type 2), UTF-8. */
  string(field: number, value: string): this {
    return this.bytes(field, encodeUtf8(value));
  }

  /** A bytes field (wire type 2). The array is kept, not copied, until `finish()`: do not write into it afterwards. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.rawVarint(value.length);
    this.append(value);
    return this;
  }

  /** A nested message field (wire type 2): `message`'s bytes, length-prefixed. */
  message(field: number, message: ProtobufWriter): this {
    this.tag(field, 2);
    this.rawVarint(message.length);
    message.flush();
    for (const chunk of message.chunks) this.append(chunk);
    return this;
  }

  /** Every byte written, as one array. */
  finish(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  private rawVarint(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`protobuf: ${value} is not a safe integer`);
    if (value < 0) {
      // Two's complement on 64 bits: ten bytes of 7 bits each.
      let rest = BigInt.asUintN(64, BigInt(value));
      while (rest >= 0x80n) {
        this.pushByte(Number(rest & 0x7fn) | 0x80);
        rest >>= 7n;
      }
      this.pushByte(Number(rest));
      return;
    }
    let rest = value;
    while (rest >= 0x80) {
      this.pushByte((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.pushByte(rest);
  }

  private pushByte(byte: number): void {
    this.pending.push(byte);
    this.length++;
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length < 64) {
      for (const byte of bytes) this.pending.push(byte);
    } else {
      this.flush();
      this.chunks.push(bytes);
    }
    this.length += bytes.length;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(Uint8Array.from(this.pending));
    this.pending = [];
  }
}

// TextEncoder exists in every browser and in Node >= 11, but the ES2022 lib this package compiles against does not
// declare it (it comes from the DOM lib).
const codec = globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } };

/** Encodes a string as UTF-8. */
export function encodeUtf8(text: string): Uint8Array {
  return new codec.TextEncoder().encode(text);
}
