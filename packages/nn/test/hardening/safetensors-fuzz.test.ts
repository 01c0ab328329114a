// Untrusted weight files: loadSafetensors against thousands of seeded mutations and truncations of valid files,
// structural mutations of their headers, and hand-made hostile headers. Every case must either load correctly
// (each tensor's bytes equal the file's bytes at the offsets its header names, so nothing was read out of bounds,
// and the tensors together hold no more bytes than the file) or throw a SafetensorsError; nothing may hang,
// crash with another error, or add a key to Object.prototype. Seeds are fixed: a failure names its iteration.
import { describe, expect, it } from 'vitest';
import { SafetensorsError, loadSafetensors, saveSafetensors } from '@chainrule/nn';
import { type DType, Rng, ShapeError, Tensor, broadcastTo, mean, scalar, sum, sumTo } from '@chainrule/tensor';

interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
}
const codecs = globalThis as unknown as TextCodecs;
const encode = (text: string): Uint8Array => new codecs.TextEncoder().encode(text);

const MUTATIONS_PER_FILE = 200;
const FILES = 20;
const STRUCTURAL_PER_FILE = 100;

/** Random names, including multi-byte UTF-8 and names that look like Object.prototype members. */
const NAMES = [
  'w',
  'layers.0.weight',
  'layers.0.bias',
  'é',
  '权重',
  '🙂',
  'toString',
  'hasOwnProperty',
  '0',
  '10',
  ' ',
];

/** A valid file: 0-4 tensors of rank 0-3 (dims 0-4) in either dtype, sometimes metadata. */
function validFile(rng: Rng): { bytes: Uint8Array; tensors: Record<string, Tensor> } {
  const tensors: Record<string, Tensor> = {};
  const count = Math.floor(rng.nextFloat() * 5);
  for (let i = 0; i < count; i++) {
    const name = NAMES[Math.floor(rng.nextFloat() * NAMES.length)]!;
    const rank = Math.floor(rng.nextFloat() * 4);
    const shape = Array.from({ length: rank }, () => Math.floor(rng.nextFloat() * 5));
    const dtype: DType = rng.nextFloat() < 0.5 ? 'float32' : 'float64';
    tensors[name] = rng.normal(shape, 0, 10, { dtype });
  }
  const metadata = rng.nextFloat() < 0.5 ? { format: 'pt', note: 'é🙂' } : undefined;
  return { bytes: saveSafetensors(tensors, metadata), tensors };
}

type Mutation = [name: string, apply: (bytes: Uint8Array, rng: Rng) => Uint8Array];
const randomIndex = (length: number, rng: Rng): number => Math.floor(rng.nextFloat() * length);
const u64 = (bytes: Uint8Array, value: number): Uint8Array => {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  view.setUint32(0, value % 2 ** 32, true);
  view.setUint32(4, Math.floor(value / 2 ** 32) % 2 ** 32, true);
  return out;
};

/** Byte-level mutations: bit flips, byte writes (anywhere, or in the header), truncation, extension, splices, length fields. */
const mutations: Mutation[] = [
  [
    'flip bits',
    (bytes, rng) => {
      const out = bytes.slice();
      const flips = 1 + randomIndex(8, rng);
      for (let i = 0; i < flips && out.length > 0; i++) {
        const at = randomIndex(out.length, rng);
        out[at] = out[at]! ^ (1 << randomIndex(8, rng));
      }
      return out;
    },
  ],
  [
    'write header bytes',
    (bytes, rng) => {
      const out = bytes.slice();
      const headerEnd = Math.min(out.length, 8 + Number(new DataView(bytes.buffer).getUint32(0, true)));
      const interesting = [
        0x22, 0x5b, 0x5d, 0x7b, 0x7d, 0x2c, 0x3a, 0x2d, 0x30, 0x39, 0x65, 0x2e, 0x00, 0xff, 0xc3, 0x20,
      ];
      for (let i = 0; i < 1 + randomIndex(4, rng); i++) {
        out[8 + randomIndex(Math.max(1, headerEnd - 8), rng)] = interesting[randomIndex(interesting.length, rng)]!;
      }
      return out;
    },
  ],
  ['truncate', (bytes, rng) => bytes.slice(0, randomIndex(bytes.length + 1, rng))],
  [
    'extend',
    (bytes, rng) => {
      const out = new Uint8Array(bytes.length + 1 + randomIndex(16, rng));
      out.set(bytes);
      for (let i = bytes.length; i < out.length; i++) out[i] = randomIndex(256, rng);
      return out;
    },
  ],
  [
    'delete a range',
    (bytes, rng) => {
      const start = randomIndex(bytes.length + 1, rng);
      const end = Math.min(bytes.length, start + 1 + randomIndex(12, rng));
      const out = new Uint8Array(bytes.length - (end - start));
      out.set(bytes.subarray(0, start));
      out.set(bytes.subarray(end), start);
      return out;
    },
  ],
  [
    'duplicate a range',
    (bytes, rng) => {
      const start = randomIndex(bytes.length + 1, rng);
      const end = Math.min(bytes.length, start + 1 + randomIndex(12, rng));
      const out = new Uint8Array(bytes.length + (end - start));
      out.set(bytes.subarray(0, end));
      out.set(bytes.subarray(start), end);
      return out;
    },
  ],
  [
    'header length ± small',
    (bytes, rng) => u64(bytes, Math.max(0, new DataView(bytes.buffer).getUint32(0, true) + randomIndex(33, rng) - 16)),
  ],
  ['header length random u32', (bytes, rng) => u64(bytes, rng.nextUint32())],
  ['header length random u64', (bytes, rng) => u64(bytes, rng.nextUint32() * 2 ** 32 + rng.nextUint32())],
];

/** Structural mutations: parse the header, change one thing, write it back with a correct length prefix. */
type Header = Record<string, unknown>;
const hostileNumbers = [-1, 0.5, 1e300, 2 ** 53, 2 ** 32, 2 ** 64, -0, 1e-7, Number.MAX_SAFE_INTEGER];
const hostileValues: unknown[] = [
  null,
  true,
  'F32',
  [],
  {},
  [1, 2, 3],
  [[1]],
  ['1'],
  JSON.parse('{"__proto__":{"polluted":1}}'),
  ...hostileNumbers,
];
const structural: [string, (header: Header, names: string[], rng: Rng) => void][] = [
  [
    'offset',
    (header, names, rng) => {
      const entry = header[names[randomIndex(names.length, rng)]!] as { data_offsets: unknown[] };
      entry.data_offsets[randomIndex(2, rng)] =
        rng.nextFloat() < 0.5 ? hostileNumbers[randomIndex(hostileNumbers.length, rng)] : randomIndex(200, rng);
    },
  ],
  [
    'shape',
    (header, names, rng) => {
      const entry = header[names[randomIndex(names.length, rng)]!] as { shape: unknown[] };
      if (rng.nextFloat() < 0.5) entry.shape.push(hostileNumbers[randomIndex(hostileNumbers.length, rng)]);
      else entry.shape = [randomIndex(5, rng), 2 ** 40, 2 ** 40].slice(0, 1 + randomIndex(3, rng));
    },
  ],
  [
    'dtype',
    (header, names, rng) => {
      const entry = header[names[randomIndex(names.length, rng)]!] as { dtype: unknown };
      entry.dtype = ['F16', 'BF16', 'I64', 'F64', 'F32', 'f32', '', 7, null][randomIndex(9, rng)];
    },
  ],
  [
    'entry value',
    (header, names, rng) => {
      header[names[randomIndex(names.length, rng)]!] = hostileValues[randomIndex(hostileValues.length, rng)];
    },
  ],
  [
    'field value',
    (header, names, rng) => {
      const entry = header[names[randomIndex(names.length, rng)]!] as Record<string, unknown>;
      entry[['dtype', 'shape', 'data_offsets'][randomIndex(3, rng)]!] =
        hostileValues[randomIndex(hostileValues.length, rng)];
    },
  ],
  [
    'delete field',
    (header, names, rng) => {
      const entry = header[names[randomIndex(names.length, rng)]!] as Record<string, unknown>;
      delete entry[['dtype', 'shape', 'data_offsets'][randomIndex(3, rng)]!];
    },
  ],
  [
    'swap offsets of two tensors',
    (header, names, rng) => {
      const a = header[names[randomIndex(names.length, rng)]!] as { data_offsets: unknown };
      const b = header[names[randomIndex(names.length, rng)]!] as { data_offsets: unknown };
      [a.data_offsets, b.data_offsets] = [b.data_offsets, a.data_offsets];
    },
  ],
  [
    'metadata',
    (header, _names, rng) => {
      header.__metadata__ = [{ a: 1 }, 'text', [], { ok: 'yes' }, { constructor: 'x' }, null][randomIndex(6, rng)];
    },
  ],
  [
    'hostile key',
    (header, names, rng) => {
      const key = ['__proto__', 'constructor', 'prototype', 'toString', '__defineGetter__'][randomIndex(5, rng)]!;
      // An own property even for __proto__ (plain assignment would set the prototype instead), so JSON.stringify writes it.
      Object.defineProperty(header, key, {
        value: header[names[randomIndex(names.length, rng)]!],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    },
  ],
];

function withHeader(json: string, data: Uint8Array): Uint8Array {
  const header = encode(json);
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

function splitFile(bytes: Uint8Array): { header: Header; data: Uint8Array } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const text = new codecs.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length));
  return { header: JSON.parse(text) as Header, data: bytes.subarray(8 + length) };
}

const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototype = prototypeKeys();

/**
 * Loads `bytes` and checks the contract: a SafetensorsError, or tensors whose bytes are the file's bytes at the
 * offsets the header names (re-read here independently), no more bytes in total than the file, and an untouched
 * Object.prototype. Returns what happened, for the tallies.
 */
function loadChecked(bytes: Uint8Array, label: string): 'loaded' | 'rejected' {
  let outcome: 'loaded' | 'rejected';
  let result: ReturnType<typeof loadSafetensors> | undefined;
  try {
    result = loadSafetensors(bytes);
    outcome = 'loaded';
  } catch (error) {
    if (!(error instanceof SafetensorsError)) {
      throw new Error(
        `${label}: expected a SafetensorsError, got ${(error as Error)?.name}: ${(error as Error)?.message}`,
      );
    }
    outcome = 'rejected';
  }
  expect(prototypeKeys(), `${label}: Object.prototype changed`).toEqual(cleanPrototype);
  expect(({} as Record<string, unknown>).polluted, label).toBeUndefined();
  if (result === undefined) return outcome;

  expect(Object.getPrototypeOf(result.tensors), label).toBeNull();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  const header = JSON.parse(
    new codecs.TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
  ) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  let total = 0;
  for (const [name, t] of Object.entries(result.tensors)) {
    expect(t, `${label}: '${name}'`).toBeInstanceOf(Tensor);
    const entry = header[name]!;
    const [begin, end] = entry.data_offsets;
    expect(t.shape, `${label}: shape of '${name}'`).toEqual(entry.shape);
    expect(t.dtype, `${label}: dtype of '${name}'`).toBe(entry.dtype === 'F64' ? 'float64' : 'float32');
    const width = t.dtype === 'float64' ? 8 : 4;
    expect(t.size * width, `${label}: size of '${name}'`).toBe(end - begin);
    const source = bytes.subarray(8 + headerLength + begin, 8 + headerLength + end);
    const loaded = new Uint8Array(t.data.buffer, t.data.byteOffset + t.offset * width, t.size * width);
    expect(
      loaded.length === source.length && loaded.every((byte, i) => byte === source[i]),
      `${label}: bytes of '${name}'`,
    ).toBe(true);
    expect(t.data.buffer === bytes.buffer, `${label}: '${name}' aliases the input`).toBe(false);
    total += t.data.byteLength;
  }
  expect(total, `${label}: allocated more than the file`).toBeLessThanOrEqual(bytes.length);
  for (const value of Object.values(result.metadata)) expect(typeof value, label).toBe('string');
  return outcome;
}

describe('loadSafetensors on mutated files', () => {
  it(`${FILES} valid files round-trip, then ${FILES * MUTATIONS_PER_FILE} byte-level mutations each load correctly or throw a SafetensorsError`, () => {
    const tally = { loaded: 0, rejected: 0 };
    const perMutation = new Map<string, number>();
    for (let file = 0; file < FILES; file++) {
      const rng = new Rng(1000 + file);
      const { bytes, tensors } = validFile(rng);
      const { tensors: loaded } = loadSafetensors(bytes);
      expect(Object.keys(loaded).sort()).toEqual(Object.keys(tensors).sort());
      for (const [name, t] of Object.entries(tensors)) {
        expect(loaded[name]!.shape).toEqual(t.shape);
        expect(Array.from(loaded[name]!.data)).toEqual(Array.from(t.data));
      }
      for (let k = 0; k < MUTATIONS_PER_FILE; k++) {
        const [name, mutate] = mutations[randomIndex(mutations.length, rng)]!;
        const outcome = loadChecked(mutate(bytes, rng), `file ${file}, mutation ${k} (${name})`);
        tally[outcome]++;
        perMutation.set(name, (perMutation.get(name) ?? 0) + 1);
      }
    }
    expect(tally.loaded + tally.rejected).toBe(FILES * MUTATIONS_PER_FILE);
    expect(tally.rejected).toBeGreaterThan(0);
    expect(tally.loaded).toBeGreaterThan(0); // some mutations keep a valid file (a flipped data bit, a padding byte)
    expect([...perMutation.keys()].sort()).toEqual(mutations.map(([name]) => name).sort());
  });

  it(`${FILES * STRUCTURAL_PER_FILE} structural header mutations (offsets, shapes, dtypes, hostile values and keys)`, () => {
    const tally = { loaded: 0, rejected: 0 };
    for (let file = 0; file < FILES; file++) {
      const rng = new Rng(5000 + file);
      let { bytes } = validFile(rng);
      while (Object.keys(splitFile(bytes).header).filter((key) => key !== '__metadata__').length === 0)
        bytes = validFile(rng).bytes;
      for (let k = 0; k < STRUCTURAL_PER_FILE; k++) {
        const { header, data } = splitFile(bytes);
        const names = Object.keys(header).filter((key) => key !== '__metadata__');
        const [name, mutate] = structural[randomIndex(structural.length, rng)]!;
        mutate(header, names, rng);
        tally[loadChecked(withHeader(JSON.stringify(header), data), `file ${file}, structural ${k} (${name})`)]++;
      }
    }
    expect(tally.rejected).toBeGreaterThan(FILES * STRUCTURAL_PER_FILE * 0.5);
  });
});

/** A file from header text and a data section of `dataLength` bytes (0, 1, 2, ...). */
const file = (json: string, dataLength = 0): Uint8Array =>
  withHeader(
    json,
    Uint8Array.from({ length: dataLength }, (_, i) => i),
  );
const f32 = (shape: number[], offsets: [number, number]): string =>
  `{"dtype":"F32","shape":${JSON.stringify(shape)},"data_offsets":${JSON.stringify(offsets)}}`;
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const hostile: [string, () => Uint8Array, 'loads' | 'rejects'][] = [
  ['empty file', () => new Uint8Array(0), 'rejects'],
  ['seven bytes', () => new Uint8Array(7), 'rejects'],
  ['header length 2^64 − 1', () => Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255, 123, 125]), 'rejects'],
  ['header length 2^53 + 2', () => u64(file('{}'), 2 ** 53 + 2), 'rejects'],
  ['header length just over 100 MB', () => u64(file('{}'), 100_000_001), 'rejects'],
  ['header length one past the end', () => u64(file('{}'), 3), 'rejects'],
  ['header length 0', () => u64(new Uint8Array(8), 0), 'rejects'],
  ['offsets past the end', () => file(`{"a":${f32([2], [0, 8])}}`, 4), 'rejects'],
  ['end offset 2^53', () => file(`{"a":${f32([2], [0, 2 ** 53])}}`, 8), 'rejects'],
  ['reversed offsets', () => file(`{"a":${f32([0], [4, 0])}}`, 4), 'rejects'],
  ['overlapping ranges', () => file(`{"a":${f32([2], [0, 8])},"b":${f32([2], [4, 12])}}`, 12), 'rejects'],
  ['two tensors on the same bytes', () => file(`{"a":${f32([2], [0, 8])},"b":${f32([2], [0, 8])}}`, 8), 'rejects'],
  ['a hole between tensors', () => file(`{"a":${f32([1], [0, 4])},"b":${f32([1], [8, 12])}}`, 12), 'rejects'],
  ['trailing bytes', () => file(`{"a":${f32([1], [0, 4])}}`, 8), 'rejects'],
  ['shape product overflows 2^53', () => file(`{"a":${f32([2 ** 32, 2 ** 32], [0, 0])}}`), 'rejects'],
  [
    'huge dims after a zero (an empty tensor, correctly loaded)',
    () => file(`{"a":${f32([0, 2 ** 53 - 1, 2 ** 53 - 1], [0, 0])}}`),
    'loads',
  ],
  ['shape whose bytes overflow only once multiplied by 4', () => file(`{"a":${f32([2 ** 52], [0, 0])}}`), 'rejects'],
  [
    'shape of 64 dims of 1 (the most a tensor has)',
    () => file(`{"a":${f32(new Array<number>(64).fill(1), [0, 4])}}`, 4),
    'loads',
  ],
  ['shape of 65 dims of 1', () => file(`{"a":${f32(new Array<number>(65).fill(1), [0, 4])}}`, 4), 'rejects'],
  ['shape of 100,000 dims of 1', () => file(`{"a":${f32(new Array<number>(100_000).fill(1), [0, 4])}}`, 4), 'rejects'],
  ['negative dim', () => file(`{"a":${f32([-1], [0, 0])}}`), 'rejects'],
  ['a dim written 1.0', () => file('{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}', 4), 'rejects'],
  ['a dim written 4e0', () => file('{"a":{"dtype":"F32","shape":[4e0],"data_offsets":[0,16]}}', 16), 'rejects'],
  ['a dim written -0', () => file('{"a":{"dtype":"F32","shape":[-0],"data_offsets":[0,0]}}'), 'rejects'],
  ['an offset written 4.0', () => file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4.0]}}', 4), 'rejects'],
  ['an offset written 0E0', () => file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0E0,4]}}', 4), 'rejects'],
  [
    'integers in escaped keys ("sha\\u0070e" is shape)',
    () => file('{"a":{"dtype":"F32","sha\\u0070e":[1.0],"data_offsets":[0,4]}}', 4),
    'rejects',
  ],
  [
    'a fractional number in an unknown field (ignored, as the reference does)',
    () => file('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"scale":0.5}}', 4),
    'loads',
  ],
  [
    'a tensor named like a field, with plain integers',
    () => file(`{"shape":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a,b:[1.5]":${f32([0], [4, 4])}}`, 4),
    'loads',
  ],
  ['a tensor name with a lone surrogate', () => file(`{"\\ud800":${f32([1], [0, 4])}}`, 4), 'rejects'],
  ['a metadata key with a lone surrogate', () => file('{"__metadata__":{"\\udc00x":"v"}}'), 'rejects'],
  ['a metadata value with a lone surrogate', () => file('{"__metadata__":{"k":"x\\ud83d"}}'), 'rejects'],
  ['a surrogate pair in a name (valid)', () => file(`{"\\ud83d\\ude42":${f32([1], [0, 4])}}`, 4), 'loads'],
  ['fractional offset', () => file(`{"a":${f32([1], [0.5, 4])}}`, 4), 'rejects'],
  ['offsets as strings', () => file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":["0","4"]}}`, 4), 'rejects'],
  ['a __proto__ tensor', () => file(`{"__proto__":${f32([1], [0, 4])}}`, 4), 'rejects'],
  ['a constructor tensor', () => file(`{"constructor":${f32([1], [0, 4])}}`, 4), 'rejects'],
  ['a prototype tensor', () => file(`{"prototype":${f32([1], [0, 4])}}`, 4), 'rejects'],
  ['__proto__ in the metadata', () => file('{"__metadata__":{"__proto__":"x"}}'), 'rejects'],
  ['constructor in the metadata', () => file('{"__metadata__":{"constructor":"x"}}'), 'rejects'],
  [
    '__proto__ inside a tensor entry (ignored)',
    () => file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"__proto__":{"polluted":1}}}`, 4),
    'loads',
  ],
  [
    'names of Object.prototype members',
    () => file(`{"toString":${f32([1], [0, 4])},"hasOwnProperty":${f32([1], [4, 8])}}`, 8),
    'loads',
  ],
  ['an unsupported dtype', () => file('{"a":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}', 4), 'rejects'],
  ['an unknown dtype', () => file('{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}', 16), 'rejects'],
  ['not JSON', () => file('{"a":'), 'rejects'],
  ['a JSON array', () => file('[]'), 'rejects'],
  ['a JSON string', () => file('"{}"'), 'rejects'],
  ['a byte-order mark', () => file('\uFEFF{}'), 'rejects'],
  [
    'invalid UTF-8 in the header',
    () => {
      const out = file('{"ab":1}');
      out[10] = 0xff;
      return out;
    },
    'rejects',
  ],
  ['metadata that is an array', () => file('{"__metadata__":["a"]}'), 'rejects'],
  ['a metadata value that is a number', () => file('{"__metadata__":{"a":1}}'), 'rejects'],
  ['null metadata (the reference reads it as none)', () => file('{"__metadata__":null}'), 'loads'],
  ['a metadata value nested 100,000 deep', () => file(`{"__metadata__":{"a":${nested(100_000)}}}`), 'rejects'],
  [
    'a shape nested 10,000 deep',
    () => file(`{"a":{"dtype":"F32","shape":${nested(10_000)},"data_offsets":[0,0]}}`),
    'rejects',
  ],
  [
    'data_offsets nested 10,000 deep',
    () => file(`{"a":{"dtype":"F32","shape":[0],"data_offsets":${nested(10_000)}}}`),
    'rejects',
  ],
  [
    '5,000 empty tensors',
    () => file(`{${Array.from({ length: 5_000 }, (_, i) => `"t${i}":${f32([0], [0, 0])}`).join(',')}}`),
    'loads',
  ],
  [
    'duplicate keys (the last wins, leaving a hole)',
    () => file(`{"a":${f32([1], [0, 4])},"a":${f32([1], [4, 8])}}`, 8),
    'rejects',
  ],
  [
    'an F64 tensor at an odd offset',
    () => file(`{"a":${f32([1], [0, 4])},"b":{"dtype":"F64","shape":[1],"data_offsets":[4,12]}}`, 12),
    'loads',
  ],
  [
    'a subarray at an odd byte offset of a larger buffer',
    () => {
      const inner = file(`{"a":${f32([2], [0, 8])}}`, 8);
      const outer = new Uint8Array(inner.length + 3);
      outer.set(inner, 3);
      return outer.subarray(3);
    },
    'loads',
  ],
];

describe('loadSafetensors on hand-made hostile files', () => {
  it.each(hostile)('%s', (label, make, expected) => {
    expect(loadChecked(make(), label)).toBe(expected === 'loads' ? 'loaded' : 'rejected');
  });
});

describe('a few bytes declaring a huge empty tensor', () => {
  it('[2^50, 0] loads as the empty tensor it is, and reductions, printing and saving it return at once', () => {
    const bytes = file(`{"a":${f32([2 ** 50, 0], [0, 0])}}`);
    expect(bytes.length).toBeLessThan(100);
    const a = loadSafetensors(bytes).tensors.a!;
    expect(a.shape).toEqual([2 ** 50, 0]);
    expect(sum(a, 0).shape).toEqual([0]);
    expect(mean(a, 0, true).shape).toEqual([1, 0]);
    expect(sumTo(a, [1, 0]).shape).toEqual([1, 0]);
    expect(String(a)).toBe('tensor([], shape=[1125899906842624,0], dtype=float32)');
    expect(loadSafetensors(saveSafetensors({ a })).tensors.a!.shape).toEqual([2 ** 50, 0]);
  });
});

describe('saveSafetensors writes only what loadSafetensors reads', () => {
  it('every extreme shape a tensor can have round-trips; shapes the loader rejects cannot even be built', () => {
    const shapes: number[][] = [
      [2 ** 53 - 1, 0],
      [0, 2 ** 53 - 1, 2 ** 53 - 1],
      new Array<number>(64).fill(1),
      [1e300, 0],
      [2 ** 53, 0],
      new Array<number>(65).fill(1),
    ];
    for (const shape of shapes) {
      let t: Tensor;
      try {
        t = new Tensor(new Float32Array(shape.includes(0) ? 0 : 1), shape);
      } catch (error) {
        expect(error, `[${shape.slice(0, 3)}...]`).toBeInstanceOf(ShapeError);
        continue;
      }
      expect(loadSafetensors(saveSafetensors({ t })).tensors.t!.shape).toEqual(shape);
    }
  });

  it('an empty shape whose axes multiply past 2^64 before its 0 (the reference overflows) is not written', () => {
    const t = new Tensor(new Float32Array(0), [2 ** 40, 2 ** 40, 0]);
    expect(() => saveSafetensors({ t })).toThrow(
      /^saveSafetensors: tensor 't' of shape \[1099511627776,1099511627776,0\] cannot be written/,
    );
    expect(() => loadSafetensors(file(`{"t":${f32([2 ** 40, 2 ** 40, 0], [0, 0])}}`))).toThrow(/overflows/);
  });

  it('a view too large to write is a SafetensorsError naming it, not a RangeError', () => {
    expect(() => saveSafetensors({ big: broadcastTo(scalar(1), [2 ** 40]) })).toThrow(SafetensorsError);
    expect(() => saveSafetensors({ big: broadcastTo(scalar(1), [2 ** 40]) })).toThrow(
      /^saveSafetensors: the file would be \d+ bytes \(tensor 'big' is \[1099511627776\] float32\)/,
    );
  });
});
