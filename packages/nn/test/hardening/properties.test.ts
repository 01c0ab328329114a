// Round-trip properties of the weight formats on random state dicts: names with any Unicode (multi-byte, astral,
// integer-like, Object.prototype member names), every rank including 0 and empty dims, both dtypes, NaN, ±Infinity
// and −0 elements, strided views as input. Seeds are fixed so a failure reproduces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Dense,
  Sequential,
  Tanh,
  loadSafetensors,
  saveSafetensors,
  stateDictFromJSON,
  stateDictToJSON,
} from '@chainrule/nn';
import { type DType, Rng, type Tensor, tensor, transpose } from '@chainrule/tensor';

const nameArbitrary = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
    fc.constantFrom('0', '10', 'toString', 'valueOf', 'hasOwnProperty', 'layers.0.weight', ' ', '🙂'),
  )
  .filter((name) => !['__proto__', 'constructor', 'prototype', '__metadata__'].includes(name));

const elementArbitrary = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0, 3.4028234663852886e38, Number.MIN_VALUE),
  },
);

const tensorArbitrary: fc.Arbitrary<Tensor> = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
    fc.constantFrom<DType>('float32', 'float64'),
    fc.boolean(),
  )
  .chain(([shape, dtype, transposed]) =>
    fc
      .array(elementArbitrary, {
        minLength: shape.reduce((p, d) => p * d, 1),
        maxLength: shape.reduce((p, d) => p * d, 1),
      })
      .map((values) => {
        const t = tensor(values, { dtype, shape });
        return transposed && t.rank >= 2 ? transpose(t) : t;
      }),
  );

const dictArbitrary = fc.dictionary(nameArbitrary, tensorArbitrary, { maxKeys: 5 });

/** Elements in row-major order, as bit-exact as the dtype allows (NaN equals NaN, −0 differs from 0 under toEqual). */
const elements = (t: Tensor): number[] => {
  const source = t.contiguous();
  return Array.from(source.data.subarray(source.offset, source.offset + source.size));
};

function expectSameDict(actual: Record<string, Tensor>, expected: Record<string, Tensor>): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, t] of Object.entries(expected)) {
    expect(actual[name]!.shape, name).toEqual(t.shape);
    expect(actual[name]!.dtype, name).toBe(t.dtype);
    expect(elements(actual[name]!), name).toEqual(elements(t));
  }
}

describe('weight formats round-trip random state dicts', () => {
  it('safetensors x 300: loadSafetensors(saveSafetensors(dict, metadata)) gives the dict and metadata back', () => {
    fc.assert(
      fc.property(
        dictArbitrary,
        fc.option(fc.dictionary(nameArbitrary, fc.string({ unit: 'grapheme' }), { maxKeys: 3 })),
        (dict, metadata) => {
          const bytes = saveSafetensors(dict, metadata ?? undefined);
          const { tensors, metadata: readBack } = loadSafetensors(bytes);
          expectSameDict(tensors, dict);
          expect({ ...readBack }).toEqual(metadata ?? {});
          // Deterministic bytes: the same dict (in any key order) writes the same file.
          const reversed = Object.fromEntries(Object.entries(dict).reverse());
          expect(Array.from(saveSafetensors(reversed, metadata ?? undefined))).toEqual(Array.from(bytes));
        },
      ),
      { numRuns: 300, seed: 0x5afe },
    );
  });

  it('JSON x 300: stateDictFromJSON(stateDictToJSON(dict)) gives every element back, specials included', () => {
    fc.assert(
      fc.property(dictArbitrary, (dict) => {
        expectSameDict(stateDictFromJSON(stateDictToJSON(dict)), dict);
        expectSameDict(stateDictFromJSON(JSON.parse(stateDictToJSON(dict, 2))), dict);
      }),
      { numRuns: 300, seed: 0x150e },
    );
  });

  it('modules x 100: a model loads its own state dict through either format and computes the same outputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.constantFrom<DType>('float32', 'float64'),
        (inputs, hidden, seed, dtype) => {
          const make = (s: number): Sequential =>
            new Sequential(
              new Dense(inputs, hidden, { rng: new Rng(s), dtype }),
              new Tanh(),
              new Dense(hidden, 2, { rng: new Rng(s + 1), dtype }),
            );
          const source = make(seed);
          const viaSafetensors = make(seed + 7);
          const viaJSON = make(seed + 13);
          viaSafetensors.loadStateDict(loadSafetensors(saveSafetensors(source.stateDict())).tensors);
          viaJSON.loadStateDict(stateDictFromJSON(stateDictToJSON(source.stateDict())));
          const x = new Rng(seed).normal([3, inputs], 0, 1, { dtype });
          const expected = elements(source.forward(x).value);
          expect(elements(viaSafetensors.forward(x).value)).toEqual(expected);
          expect(elements(viaJSON.forward(x).value)).toEqual(expected);
        },
      ),
      { numRuns: 100, seed: 0x3d3d },
    );
  });
});
