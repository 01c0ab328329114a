import { STATE_DICT_JSON_FORMAT, StateDictError, stateDictFromJSON, stateDictToJSON } from '@chainrule/nn';
import { ChainruleError, Rng, type Tensor, tensor, transpose, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

function expectRejected(json: unknown, message: RegExp): void {
  let caught: unknown;
  try {
    stateDictFromJSON(json as string);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StateDictError);
  expect(caught).toBeInstanceOf(ChainruleError);
  expect((caught as Error).message).toMatch(message);
}

describe('stateDictToJSON', () => {
  it('writes the documented shape, row-major', () => {
    const json = stateDictToJSON({
      'layer.weight': transpose(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          { dtype: 'float64' },
        ),
      ),
    });
    expect(JSON.parse(json)).toEqual({
      format: STATE_DICT_JSON_FORMAT,
      version: 1,
      tensors: { 'layer.weight': { dtype: 'float64', shape: [2, 2], data: [1, 3, 2, 4] } },
    });
  });

  it('writes NaN, infinities and -0 as strings', () => {
    const json = stateDictToJSON({
      a: tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1]),
    });
    expect(JSON.parse(json).tensors.a.data).toEqual(['NaN', 'Infinity', '-Infinity', '-0', 1]);
  });

  it('rejects non-tensor values', () => {
    expect(() => stateDictToJSON({ a: 3 as unknown as Tensor })).toThrow(/value of 'a' must be a Tensor; got number 3/);
  });
});

describe('stateDictFromJSON', () => {
  it('round-trips float32 and float64 exactly, every rank and special values included', () => {
    const rng = new Rng(8);
    const dict: Record<string, Tensor> = {
      'layers.0.weight': rng.normal([3, 4]),
      'layers.0.bias': rng.uniform([4], -1, 1, { dtype: 'float64' }),
      scalar: tensor(0.1),
      empty: zeros([2, 0], { dtype: 'float64' }),
      special: tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0], { dtype: 'float64' }),
    };
    const loaded = stateDictFromJSON(stateDictToJSON(dict, 2));
    expect(Object.getPrototypeOf(loaded)).toBeNull();
    expect(Object.keys(loaded)).toEqual(Object.keys(dict));
    for (const [name, original] of Object.entries(dict)) {
      expect(loaded[name]!.dtype).toBe(original.dtype);
      expect(loaded[name]!.shape).toEqual(original.shape);
      expect(flat(loaded[name]!)).toEqual(flat(original));
    }
    expect(Object.is(flat(loaded.special!)[3], -0)).toBe(true);
  });

  it('accepts the parsed object as well as the text', () => {
    const loaded = stateDictFromJSON(JSON.parse(stateDictToJSON({ w: tensor([[1, 2]]) })));
    expect(flat(loaded.w!)).toEqual([1, 2]);
    expect(loaded.w!.shape).toEqual([1, 2]);
  });

  it('rejects text that is not JSON or not a chainrule state dict', () => {
    expectRejected('{"format":', /not valid JSON/);
    expectRejected('[1]', /expected \{ format: 'chainrule-state-dict', version: 1/);
    expectRejected('{"format":"chainrule-state-dict","version":2,"tensors":{}}', /version number 2/);
    expectRejected('{"format":"chainrule-state-dict","version":1,"tensors":[]}', /'tensors' must be a plain object/);
  });

  it('rejects bad entries, naming the key', () => {
    const wrap = (entry: unknown) =>
      JSON.stringify({ format: STATE_DICT_JSON_FORMAT, version: 1, tensors: { 'fc.weight': entry } });
    expectRejected(wrap(5), /tensor 'fc.weight': expected \{ dtype, shape, data \}/);
    expectRejected(wrap({ dtype: 'int8', shape: [1], data: [1] }), /tensor 'fc.weight': unknown dtype string 'int8'/);
    expectRejected(
      wrap({ dtype: 'float32', shape: [-1], data: [] }),
      /shape must be an array of non-negative integers/,
    );
    expectRejected(
      wrap({ dtype: 'float32', shape: [2, 2], data: [1, 2, 3] }),
      /shape \[2,2\] needs 4 elements; data has 3/,
    );
    expectRejected(wrap({ dtype: 'float32', shape: [2], data: [1, 'two'] }), /data\[1\] must be a number/);
    expectRejected(wrap({ dtype: 'float32', shape: [1], data: [1e300] }), /outside the float32 range/);
    expectRejected(wrap({ dtype: 'float32', shape: [1], data: 'abc' }), /data must be an array/);
  });

  it('rejects __proto__ and constructor keys without polluting prototypes', () => {
    const json = `{"format":"${STATE_DICT_JSON_FORMAT}","version":1,"tensors":{"__proto__":{"dtype":"float32","shape":[1],"data":[1]}}}`;
    expectRejected(json, /tensor '__proto__': this key is not allowed/);
    expect(({} as Record<string, unknown>).dtype).toBeUndefined();
  });
});
