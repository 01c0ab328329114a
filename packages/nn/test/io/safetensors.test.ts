import { SafetensorsError, loadSafetensors, saveSafetensors } from '@chainrule/nn';
import { ChainruleError, Rng, type Tensor, tensor, transpose, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

/** ASCII text as bytes (every header below is ASCII unless a test says otherwise). */
function ascii(text: string): number[] {
  return Array.from(text, (character) => character.charCodeAt(0));
}

/** A file from a header text (unpadded), its declared length (default: its real length) and data bytes. */
function file(header: string, data: readonly number[] = [], declaredLength = header.length): Uint8Array {
  const lengthBytes = [
    declaredLength % 256,
    Math.floor(declaredLength / 256) % 256,
    Math.floor(declaredLength / 65536) % 256,
    0,
    0,
    0,
    0,
    0,
  ];
  return new Uint8Array([...lengthBytes, ...ascii(header), ...data]);
}

function expectRejected(bytes: Uint8Array, message: RegExp): void {
  let caught: unknown;
  try {
    loadSafetensors(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SafetensorsError);
  expect(caught).toBeInstanceOf(ChainruleError);
  expect((caught as Error).message).toMatch(/^loadSafetensors: /);
  expect((caught as Error).message).toMatch(message);
}

describe('saveSafetensors writes the bytes the format specifies', () => {
  it('a hand-built file: u64 length, F64 before F32, metadata first, space padding, little-endian data', () => {
    const bytes = saveSafetensors(
      { weight: tensor([[1, -2.5]]), scale: tensor([0.5], { dtype: 'float64' }) },
      { format: 'pt' },
    );
    const header =
      '{"__metadata__":{"format":"pt"},"scale":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},' +
      '"weight":{"dtype":"F32","shape":[1,2],"data_offsets":[8,16]}}';
    expect(header.length).toBe(150);
    const expected = [
      152,
      0,
      0,
      0,
      0,
      0,
      0,
      0, // 150 header bytes + 2 spaces = 152
      ...ascii(header),
      32,
      32,
      0,
      0,
      0,
      0,
      0,
      0,
      224,
      63, // 0.5 as f64 (0x3FE0000000000000), little-endian
      0,
      0,
      128,
      63, // 1 as f32 (0x3F800000)
      0,
      0,
      32,
      192, // -2.5 as f32 (0xC0200000)
    ];
    expect(Array.from(bytes)).toEqual(expected);
  });

  // The three byte vectors below are the reference implementation's own tests (huggingface/safetensors,
  // safetensors/src/tensor.rs: test_serialization, test_serialization_forced_alignement, test_empty).
  it('matches the reference test vector for one F32 tensor [1,2,3]', () => {
    const bytes = saveSafetensors({
      'attn.0': tensor([
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
      ]),
    });
    expect(Array.from(bytes)).toEqual([
      64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34,
      70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95,
      111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0,
      64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
  });

  it('matches the reference test vector that needs padding', () => {
    const bytes = saveSafetensors({
      attn0: tensor([
        [
          [
            [0, 1, 2],
            [3, 4, 5],
          ],
        ],
      ]),
    });
    expect(Array.from(bytes)).toEqual([
      72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70,
      51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97,
      95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32, 32, 32, 0, 0,
      0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
  });

  it('matches the reference test vectors of an empty file, with and without metadata', () => {
    expect(Array.from(saveSafetensors({}))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    expect(Array.from(saveSafetensors({}, { framework: 'pt' }))).toEqual([
      40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34, 58, 123, 34, 102, 114,
      97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112, 116, 34, 125, 125, 32, 32, 32, 32, 32,
    ]);
  });

  it('orders names by bytes (integer-like names too) and writes a transposed view in row-major order', () => {
    const matrix = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const bytes = saveSafetensors({ b: transpose(matrix), '10': tensor([7]), '9': tensor([8]) });
    const text = String.fromCharCode(...bytes.subarray(8, 8 + bytes[0]!));
    expect(text.indexOf('"10"')).toBeLessThan(text.indexOf('"9"'));
    expect(text.indexOf('"9"')).toBeLessThan(text.indexOf('"b"'));
    expect(flat(loadSafetensors(bytes).tensors.b!)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(flat(matrix)).toEqual([1, 2, 3, 4, 5, 6]); // the argument is not touched
  });

  it('rejects what it cannot write', () => {
    expect(() => saveSafetensors({ a: [1, 2] as unknown as Tensor })).toThrow(
      /value of 'a' must be a Tensor; got an array/,
    );
    expect(() => saveSafetensors({ __metadata__: tensor([1]) })).toThrow(SafetensorsError);
    expect(() => saveSafetensors({ constructor: tensor([1]) })).toThrow(/not allowed/);
    expect(() => saveSafetensors({ a: tensor([1]) }, { version: 2 as unknown as string })).toThrow(
      /metadata value of 'version' must be a string/,
    );
    expect(() => saveSafetensors({ '\uD800': tensor([1]) })).toThrow(/lone surrogate/);
    expect(() => saveSafetensors(null as unknown as Record<string, Tensor>)).toThrow(SafetensorsError);
  });
});

describe('loadSafetensors', () => {
  it('round-trips float32 and float64 tensors of every rank, special values included, with metadata', () => {
    const rng = new Rng(3);
    const tensors: Record<string, Tensor> = {
      'layers.0.weight': rng.normal([3, 4]),
      'layers.0.bias': rng.normal([4], 0, 1, { dtype: 'float64' }),
      scalar: tensor(2.5, { dtype: 'float64' }),
      empty: zeros([0, 3]),
      special: tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]),
    };
    const { tensors: loaded, metadata } = loadSafetensors(saveSafetensors(tensors, { note: 'héllo ✓', step: '1500' }));
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, original] of Object.entries(tensors)) {
      const copy = loaded[name]!;
      expect(copy.shape).toEqual(original.shape);
      expect(copy.dtype).toBe(original.dtype);
      expect(flat(copy)).toEqual(flat(original));
    }
    expect(Object.is(flat(loaded.special!)[3], -0)).toBe(true);
    expect({ ...metadata }).toEqual({ note: 'héllo ✓', step: '1500' });
  });

  it('returns null-prototype records and tensors that do not alias the input bytes, even at an odd offset', () => {
    const bytes = saveSafetensors({ w: tensor([1, 2, 3], { dtype: 'float64' }) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const view = shifted.subarray(3); // byteOffset 3: the f64 data is not 8-aligned in memory
    const { tensors, metadata } = loadSafetensors(view);
    expect(Object.getPrototypeOf(tensors)).toBeNull();
    expect(Object.getPrototypeOf(metadata)).toBeNull();
    shifted.fill(0);
    expect(flat(tensors.w!)).toEqual([1, 2, 3]);
  });

  it('accepts tensors listed in any header order, and null metadata', () => {
    const header =
      '{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"__metadata__":null,"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}';
    const { tensors } = loadSafetensors(file(header, [0, 0, 128, 63, 0, 0, 0, 64]));
    expect(flat(tensors.a!)).toEqual([1]);
    expect(flat(tensors.b!)).toEqual([2]);
  });

  it('rejects a file shorter than the 8-byte length', () => {
    expectRejected(new Uint8Array(5), /truncated \(5 bytes\)/);
  });

  it('rejects a header length past the end or absurdly large', () => {
    expectRejected(file('{}', [], 100), /header length 100 runs past the end/);
    const huge = file('{}');
    huge[5] = 1; // 2^40 bytes
    expectRejected(huge, /header length 1099511627778 is too large/);
  });

  it('rejects a header that is not UTF-8, not JSON, or not an object', () => {
    expectRejected(new Uint8Array([3, 0, 0, 0, 0, 0, 0, 0, 123, 0xff, 125]), /not valid UTF-8/);
    expectRejected(file('{"a":'), /not valid JSON/);
    expectRejected(file('[1,2]'), /must be a JSON object starting with '\{'/);
    expectRejected(file(' {}'), /starting with '\{'/);
    expectRejected(new Uint8Array([5, 0, 0, 0, 0, 0, 0, 0, 0xef, 0xbb, 0xbf, 123, 125]), /starting with '\{'/); // a UTF-8 BOM
    expectRejected(file('{"a":5}'), /tensor 'a': entry must be an object/);
  });

  it('rejects unknown and unsupported dtypes', () => {
    expectRejected(
      file('{"a":{"dtype":"F99","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /unknown dtype string 'F99'/,
    );
    expectRejected(
      file('{"a":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /unsupported dtype string 'F16'; expected 'F32' or 'F64'/,
    );
    expectRejected(file('{"a":{"shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]), /unknown dtype undefined/);
  });

  it('rejects bad shapes and shape products that overflow', () => {
    for (const shape of ['[-1]', '[1.5]', '["2"]', '3', 'null']) {
      expectRejected(
        file(`{"a":{"dtype":"F32","shape":${shape},"data_offsets":[0,4]}}`, [0, 0, 0, 0]),
        /shape must be an array of non-negative integers/,
      );
    }
    expectRejected(
      file(`{"a":{"dtype":"F32","shape":[${2 ** 40},${2 ** 40}],"data_offsets":[0,4]}}`, [0, 0, 0, 0]),
      /overflows/,
    );
  });

  it('rejects a shape that does not match its byte range', () => {
    expectRejected(
      file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /shape \[2\] of F32 needs 8 bytes but data_offsets \[0,4\] span 4/,
    );
  });

  it('rejects malformed, reversed and out-of-range offsets', () => {
    expectRejected(
      file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0]}}', [0, 0, 0, 0]),
      /data_offsets must be \[begin, end\]/,
    );
    expectRejected(
      file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,-4]}}', [0, 0, 0, 0]),
      /data_offsets must be/,
    );
    expectRejected(file('{"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}', [0, 0, 0, 0]), /out of range/);
    expectRejected(
      file('{"a":{"dtype":"F32","shape":[25],"data_offsets":[0,100]}}', [0, 0, 0, 0, 0, 0, 0, 0]),
      /\[0,100\] are out of range; expected begin <= end <= 8/,
    );
  });

  it('rejects overlapping tensors, holes and uncovered trailing bytes', () => {
    const twelve = new Array<number>(12).fill(0);
    expectRejected(
      file(
        '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}',
        twelve,
      ),
      /tensor 'b' \[4,12\] overlaps tensor 'a' \[0,8\]/,
    );
    expectRejected(
      file(
        '{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}',
        twelve,
      ),
      /bytes \[4,8\) of the data section belong to no tensor/,
    );
    expectRejected(
      file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}', [0, 0, 0, 0, 0, 0, 0, 0]),
      /belong to no tensor/,
    );
    expectRejected(
      file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0, 9, 9]),
      /cover 4 bytes of a 6-byte data section/,
    );
  });

  it('rejects __proto__ and constructor keys without touching any prototype', () => {
    expectRejected(
      file('{"__proto__":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /tensor name '__proto__' is not allowed/,
    );
    expectRejected(
      file('{"constructor":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', [0, 0, 0, 0]),
      /'constructor' is not allowed/,
    );
    expectRejected(file('{"__metadata__":{"__proto__":"x"}}'), /metadata key '__proto__' is not allowed/);
    expect(({} as Record<string, unknown>).dtype).toBeUndefined();
  });

  it('rejects metadata that is not an object of strings', () => {
    expectRejected(
      file('{"__metadata__":{"epoch":1}}'),
      /__metadata__ value of 'epoch' must be a string of valid Unicode; got number 1/,
    );
    expectRejected(file('{"__metadata__":["pt"]}'), /__metadata__ must be an object of string -> string/);
  });

  it('rejects input that is not a Uint8Array', () => {
    expect(() => loadSafetensors([1, 2, 3] as unknown as Uint8Array)).toThrow(/expected a Uint8Array; got an array/);
  });
});

describe('loadSafetensors key order and messages', () => {
  it('orders names as Object.keys does: integer-like names ascending first, then the rest in header order', () => {
    const header = [
      '{"10":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}',
      '"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}',
      '"2":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}',
      '"a":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}',
    ].join(',');
    const { tensors } = loadSafetensors(file(header, new Array(16).fill(0)));
    expect(Object.keys(tensors)).toEqual(['2', '10', 'b', 'a']);
  });

  it('says "an ArrayBuffer" for an ArrayBuffer', () => {
    expect(() => loadSafetensors(new ArrayBuffer(8) as unknown as Uint8Array)).toThrow(
      /expected a Uint8Array; got an ArrayBuffer$/,
    );
  });
});
