import { describe, expect, it } from 'vitest';
import { Rng, ValueError, tensor } from '@chainrule/tensor';
import { dtypes, valuesOf } from './reference';

const MASK = 0xffffffffn;
const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & MASK;

/** xoshiro128** transcribed from the reference C code with BigInt arithmetic (independent of Math.imul tricks). */
function referenceXoshiro(state: bigint[]): () => number {
  const s = state.slice();
  return () => {
    const result = (rotl((s[1]! * 5n) & MASK, 7n) * 9n) & MASK;
    const t = (s[1]! << 9n) & MASK;
    s[2] = s[2]! ^ s[0]!;
    s[3] = s[3]! ^ s[1]!;
    s[1] = s[1]! ^ s[2]!;
    s[0] = s[0]! ^ s[3]!;
    s[2] = s[2]! ^ t;
    s[3] = rotl(s[3]!, 11n);
    return Number(result);
  };
}

/** splitmix32 (state += 0x9e3779b9; mix with 0x85ebca6b and 0xc2b2ae35) in BigInt. */
function referenceSplitmix(start: bigint): () => bigint {
  let state = start & MASK;
  return () => {
    state = (state + 0x9e3779b9n) & MASK;
    let z = state;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & MASK;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & MASK;
    return (z ^ (z >> 16n)) & MASK;
  };
}

/** The documented seeding: the low 32 bits feed s0, s1; the high 32 bits (xor 0x6a09e667) feed s2, s3. */
function referenceState(seed: number): bigint[] {
  const big = BigInt(seed) & 0xffffffffffffffffn;
  const low = referenceSplitmix(big & MASK);
  const high = referenceSplitmix(((big >> 32n) & MASK) ^ 0x6a09e667n);
  return [low(), low(), high(), high()];
}

describe('Rng', () => {
  it('the BigInt reference reproduces the published xoshiro128** outputs for state [1, 2, 3, 4]', () => {
    const next = referenceXoshiro([1n, 2n, 3n, 4n]);
    expect([next(), next(), next(), next()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it.each([0, 1, 42, -7, 2 ** 40 + 3, Number.MAX_SAFE_INTEGER])(
    'nextUint32 matches the reference for seed %d',
    (seed) => {
      const rng = new Rng(seed);
      const next = referenceXoshiro(referenceState(seed));
      for (let i = 0; i < 200; i++) expect(rng.nextUint32()).toBe(next());
    },
  );

  it('nextFloat uses 53 bits from two outputs: (a >>> 5) * 2^26 + (b >>> 6), over 2^53', () => {
    const rng = new Rng(9);
    const raw = new Rng(9);
    for (let i = 0; i < 100; i++) {
      const a = raw.nextUint32() >>> 5;
      const b = raw.nextUint32() >>> 6;
      const value = rng.nextFloat();
      expect(value).toBe((a * 2 ** 26 + b) / 2 ** 53);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('the same seed gives the same stream, different seeds differ', () => {
    const a = new Rng(123).uniform([50]);
    const b = new Rng(123).uniform([50]);
    expect(valuesOf(a)).toEqual(valuesOf(b));
    expect(valuesOf(new Rng(124).uniform([50]))).not.toEqual(valuesOf(a));
    expect(valuesOf(new Rng(1).uniform([4]))).not.toEqual(valuesOf(new Rng(1 + 2 ** 32).uniform([4])));
  });

  it.each(dtypes)('uniform(shape, low, high) in %s stays in [low, high) with mean near the middle', (dtype) => {
    const t = new Rng(5).uniform([100, 100], -2, 3, { dtype });
    expect(t.shape).toEqual([100, 100]);
    expect(t.dtype).toBe(dtype);
    const values = valuesOf(t);
    let total = 0;
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThan(3);
      total += v;
    }
    // Standard error of the mean: 5/sqrt(12)/100 ≈ 0.0144; allow 5 of them.
    expect(Math.abs(total / values.length - 0.5)).toBeLessThan(0.075);
  });

  it('uniform is low + (high - low) * nextFloat(), rounded to the dtype', () => {
    const t = new Rng(77).uniform([5], 1, 3, { dtype: 'float64' });
    const raw = new Rng(77);
    expect(valuesOf(t)).toEqual([0, 1, 2, 3, 4].map(() => 1 + 2 * raw.nextFloat()));
    const f = new Rng(77).uniform([5], 1, 3);
    const again = new Rng(77);
    expect(valuesOf(f)).toEqual([0, 1, 2, 3, 4].map(() => Math.fround(1 + 2 * again.nextFloat())));
  });

  it.each(dtypes)('normal(shape, mean, std) in %s has the requested moments', (dtype) => {
    const values = valuesOf(new Rng(11).normal([20000], 3, 2, { dtype }));
    const mean = values.reduce((p, q) => p + q, 0) / values.length;
    const variance = values.reduce((p, q) => p + (q - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(Math.sqrt(variance) - 2)).toBeLessThan(0.05);
    const inOneStd = values.filter((v) => Math.abs(v - 3) < 2).length / values.length;
    expect(Math.abs(inOneStd - 0.6827)).toBeLessThan(0.02);
  });

  it('normal follows the polar Box-Muller method on the nextFloat stream', () => {
    const values = valuesOf(new Rng(3).normal([7], 0, 1, { dtype: 'float64' }));
    const raw = new Rng(3);
    const expected: number[] = [];
    while (expected.length < 7) {
      const u = 2 * raw.nextFloat() - 1;
      const v = 2 * raw.nextFloat() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      expected.push(u * factor, v * factor);
    }
    values.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 13));
  });

  it('rejects non-integer, non-finite and unsafe seeds and bad parameters', () => {
    expect(() => new Rng(1.5)).toThrow(ValueError);
    expect(() => new Rng(Number.NaN)).toThrow(/Rng: seed must be a safe integer; got NaN/);
    expect(() => new Rng(Number.POSITIVE_INFINITY)).toThrow(ValueError);
    expect(() => new Rng(2 ** 60)).toThrow(ValueError);
    const rng = new Rng(1);
    expect(() => rng.uniform([2], 1, 1)).toThrow(/uniform: expected finite bounds with low < high/);
    expect(() => rng.uniform([2], 0, Number.POSITIVE_INFINITY)).toThrow(ValueError);
    expect(() => rng.normal([2], 0, -1)).toThrow(/normal: std must be a finite number >= 0/);
    expect(() => rng.normal([-2])).toThrow(/normal: shape entries must be non-negative integers/);
  });
});

describe('Rng state dict', () => {
  it('stateDict() holds the four xoshiro128** words as int32 bit patterns, from the documented seeding', () => {
    const { state } = new Rng(42).stateDict();
    expect(state!.dtype).toBe('int32');
    expect(state!.shape).toEqual([4]);
    const words = referenceState(42).map((word) => Number(BigInt.asIntN(32, word)));
    expect(state!.toArray()).toEqual(words);
  });

  it('loading a saved state replays the same draws, bit for bit, in another generator', () => {
    const rng = new Rng(9);
    rng.normal([5]); // somewhere in the stream, after an odd number of words
    rng.nextUint32();
    const saved = rng.stateDict();
    const expected = [rng.nextUint32(), ...(rng.uniform([3], -1, 1, { dtype: 'float64' }).toArray() as number[])];
    expect(saved.state!.toArray()).not.toEqual(rng.stateDict().state!.toArray()); // a copy, not a live view
    const other = new Rng(123);
    other.loadStateDict(saved);
    expect([other.nextUint32(), ...(other.uniform([3], -1, 1, { dtype: 'float64' }).toArray() as number[])]).toEqual(
      expected,
    );
    expect(other.permutation(6).toArray()).toEqual(rng.permutation(6).toArray());
  });

  it('refuses anything but { state: int32 [4] }, listing every problem and changing nothing', () => {
    const rng = new Rng(3);
    const before = rng.stateDict().state!.toArray();
    expect(() => rng.loadStateDict({})).toThrow(
      "Rng.loadStateDict: missing key 'state'; expected { state: int32 tensor of shape [4] }",
    );
    expect(() => rng.loadStateDict({ state: tensor([1, 2, 3, 4]) })).toThrow(
      "'state' is a float32 tensor of shape [4]",
    );
    expect(() => rng.loadStateDict({ state: tensor([1, 2, 3], { dtype: 'int32' }), extra: tensor([1]) })).toThrow(
      "Rng.loadStateDict: 'state' is a int32 tensor of shape [3]; unexpected key 'extra'",
    );
    expect(() => rng.loadStateDict({ state: tensor([0, 0, 0, 0], { dtype: 'int32' }) })).toThrow(
      "'state' is all zero, which xoshiro128** never reaches",
    );
    expect(() => rng.loadStateDict(null as never)).toThrow(/Rng.loadStateDict: expected .*; got null/);
    expect(() => rng.loadStateDict(tensor([1, 2, 3, 4], { dtype: 'int32' }) as never)).toThrow(
      /got a tensor of shape \[4\]/,
    );
    expect(() => rng.loadStateDict({ state: [1, 2, 3, 4] as never })).toThrow(ValueError);
    expect(rng.stateDict().state!.toArray()).toEqual(before);
  });
});

describe('permutation and shuffle', () => {
  /** The documented Fisher–Yates on the raw stream: for i = n−1 … 1, j = draw mod (i+1), redrawing above the last multiple. */
  function referencePermutation(seed: number, n: number): number[] {
    const raw = new Rng(seed);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const bound = i + 1;
      const limit = 2 ** 32 - (2 ** 32 % bound);
      let draw = raw.nextUint32();
      while (draw >= limit) draw = raw.nextUint32();
      const j = draw % bound;
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  }

  it('permutation(n) is an int32 tensor holding each of 0..n−1 once, from the seed', () => {
    const p = new Rng(7).permutation(10);
    expect(p.dtype).toBe('int32');
    expect(p.shape).toEqual([10]);
    expect((p.toArray() as number[]).slice().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(p.toArray()).toEqual(referencePermutation(7, 10));
    expect(new Rng(7).permutation(10).toArray()).toEqual(p.toArray());
    expect(new Rng(8).permutation(10).toArray()).not.toEqual(p.toArray());
    expect(new Rng(1).permutation(0).shape).toEqual([0]);
    expect(new Rng(1).permutation(1).toArray()).toEqual([0]);
  });

  it('each of the 6 orders of 3 items is about equally likely (chi-square, 6000 draws)', () => {
    const rng = new Rng(11);
    const counts = new Map<string, number>();
    for (let draw = 0; draw < 6000; draw++) {
      const key = String(rng.permutation(3).toArray());
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const chiSquare = [...counts.values()].reduce((total, count) => total + (count - 1000) ** 2 / 1000, 0);
    expect(chiSquare).toBeLessThan(20.5); // the 0.1% critical value of chi-square with 5 degrees of freedom
  });

  it('shuffle returns a shuffled copy of a tensor (rows, or another axis) or of an array', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const order = referencePermutation(3, 3);
    expect(new Rng(3).shuffle(x).toArray()).toEqual(order.map((row) => x.toArray()[row as never]));
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const columns = new Rng(3).shuffle(x, 1);
    const columnOrder = referencePermutation(3, 2);
    expect(columns.toArray()).toEqual([0, 1, 2].map((row) => columnOrder.map((column) => x.get(row, column))));
    const items = ['a', 'b', 'c'];
    expect(new Rng(3).shuffle(items)).toEqual(order.map((index) => items[index]));
    expect(items).toEqual(['a', 'b', 'c']);
  });

  it('rejects a bad n or a 0-d tensor', () => {
    expect(() => new Rng(1).permutation(-1)).toThrow(ValueError);
    expect(() => new Rng(1).permutation(2.5)).toThrow(/^permutation: n must be an integer in \[0, 2\^31\]; got 2.5/);
    expect(() => new Rng(1).shuffle(tensor(3))).toThrow(/^shuffle: cannot shuffle a 0-d tensor/);
  });
});
