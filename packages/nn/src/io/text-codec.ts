// TextEncoder and TextDecoder exist in every browser and in Node >= 11 as globals, but the ES2022 lib this package
// compiles against does not declare them (they come from the DOM lib); these are the few members it uses.

interface Utf8Encoder {
  encode(input: string): Uint8Array;
}

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

interface TextCodecGlobals {
  TextEncoder: new () => Utf8Encoder;
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;
}

const codecs = globalThis as unknown as TextCodecGlobals;

/** Encodes a string as UTF-8. */
export function encodeUtf8(text: string): Uint8Array {
  return new codecs.TextEncoder().encode(text);
}

/** Decodes strict UTF-8 (invalid sequences throw; a byte-order mark is kept, not stripped). */
export function decodeUtf8(bytes: Uint8Array): string {
  return new codecs.TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}
