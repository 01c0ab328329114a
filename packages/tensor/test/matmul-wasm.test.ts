import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DType,
  type FloatDType,
  Rng,
  Tensor,
  broadcastTo,
  matmul,
  reshape,
  setBackend,
  slice,
  swapAxes,
  tensor,
  transpose,
} from '@chainrule/tensor';

/** 2⁻²⁴, the unit roundoff of float32. */
const FLOAT32_UNIT = 2 ** -24;

afterEach(() => setBackend('auto'));

function on(backend: 'js' | 'wasm', run: () => Tensor): Tensor {
  setBackend(backend);
  try {
    return run();
  } finally {
    setBackend('auto');
  }
}

/** Row-major values of a 2-D tensor, read through `get` (any view). */
function rows(t: Tensor): number[][] {
  return t.toArray() as number[][];
}

/** The float32 loop the WebAssembly kernel promises: `c = fround(c + fround(a·b))` in the order p = 0..k-1. */
function float32Loop(a: Tensor, b: Tensor): Float32Array {
  const left = rows(a);
  const right = rows(b);
  const m = left.length;
  const k = right.length;
  const n = right[0]!.length;
  const out = new Float32Array(m * n);
  const column = new Float64Array(k);
  for (let j = 0; j < n; j++) {
    for (let p = 0; p < k; p++) column[p] = right[p]![j]!;
    for (let i = 0; i < m; i++) {
      const row = left[i]!;
      let sum = 0;
      for (let p = 0; p < k; p++) sum = Math.fround(sum + Math.fround(row[p]! * column[p]!));
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** Σ_p |a_ip · b_pj| for every entry: the scale of the float32 rounding error. */
function absoluteProducts(a: Tensor, b: Tensor): Float64Array {
  const left = rows(a);
  const right = rows(b);
  const n = right[0]!.length;
  const out = new Float64Array(left.length * n);
  left.forEach((row, i) => {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < right.length; p++) sum += Math.abs(row[p]! * right[p]![j]!);
      out[i * n + j] = sum;
    }
  });
  return out;
}

function expectSameBits(actual: Tensor, expected: ArrayLike<number>): void {
  expect(actual.size).toBe(expected.length);
  let mismatches = 0;
  for (let index = 0; index < expected.length; index++) {
    if (!Object.is(actual.data[actual.offset + index], expected[index])) mismatches++;
  }
  expect(mismatches).toBe(0);
}

describe('matmul on the WebAssembly kernels', () => {
  // Shapes that cross every block edge of the driver: more than 64 rows (MC), 512 inner entries (KC) and 1024
  // float32 / 512 float64 columns (NC), with partial blocks and partial tiles at the bottom and right.
  const large: Record<FloatDType, [number, number, number]> = {
    float32: [131, 530, 1030],
    float64: [131, 530, 515],
  };

  it('gives float64 products equal to the JS kernel bit for bit, across block edges and layouts', () => {
    const [m, k, n] = large.float64;
    const rng = new Rng(1);
    const a = rng.uniform([m, k], -1, 1, { dtype: 'float64' });
    const b = rng.uniform([k, n], -1, 1, { dtype: 'float64' });
    const aStored = transpose(a).contiguous();
    const bStored = transpose(b).contiguous();
    const expected = on('js', () => matmul(a, b)).data;
    for (const run of [
      () => matmul(a, b),
      () => matmul(aStored, b, { transposeA: true }),
      () => matmul(a, bStored, { transposeB: true }),
      () => matmul(transpose(aStored), transpose(bStored)),
    ]) {
      expectSameBits(on('wasm', run), expected);
    }
  });

  it('gives float32 products equal to the float32 loop bit for bit, across block edges and layouts', () => {
    const [m, k, n] = large.float32;
    const rng = new Rng(2);
    const a = rng.uniform([m, k], -1, 1);
    const b = rng.uniform([k, n], -1, 1);
    const expected = float32Loop(a, b);
    const aStored = transpose(a).contiguous();
    const bStored = transpose(b).contiguous();
    for (const run of [
      () => matmul(a, b),
      () => matmul(aStored, b, { transposeA: true }),
      () => matmul(a, bStored, { transposeB: true }),
      () => matmul(aStored, bStored, { transposeA: true, transposeB: true }),
    ]) {
      expectSameBits(on('wasm', run), expected);
    }
  });

  it('keeps float32 products within k·2⁻²⁴·Σ|a·b| of the JS kernel (the bound of float32 summation)', () => {
    // The JS kernel sums in float64 and rounds once (error <= 2⁻²⁴·|c|); the float32 loop's error is at most
    // γ_k·Σ|a·b| with γ_k = k·u/(1 − k·u). Their difference is within the sum of both.
    const rng = new Rng(3);
    for (const [m, k, n] of [
      [40, 1000, 24],
      [64, 64, 64],
      [9, 3000, 17],
    ] as const) {
      const a = rng.uniform([m, k], -1, 1);
      const b = rng.normal([k, n], 0, 10);
      const js = on('js', () => matmul(a, b));
      const wasm = on('wasm', () => matmul(a, b));
      const scale = absoluteProducts(a, b);
      const gamma = (k * FLOAT32_UNIT) / (1 - k * FLOAT32_UNIT);
      let worst = 0;
      let differs = false;
      for (let index = 0; index < scale.length; index++) {
        const difference = Math.abs(wasm.data[index]! - js.data[index]!);
        if (difference !== 0) differs = true;
        const bound = gamma * scale[index]! + FLOAT32_UNIT * Math.abs(js.data[index]!);
        worst = Math.max(worst, difference / bound);
      }
      expect(worst).toBeLessThanOrEqual(1);
      expect(differs).toBe(true); // the two really sum differently: the bound is what is tested
    }
  });

  it('agrees with the JS kernel for any shape and layout (property: float64 bit for bit, float32 to its loop)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<DType>('float32', 'float64'),
        fc.integer({ min: 0, max: 10_000 }),
        (m, k, n, transposeA, transposeB, dtype, seed) => {
          const rng = new Rng(seed);
          const a = rng.uniform(transposeA ? [k, m] : [m, k], -2, 2, { dtype });
          const b = rng.uniform(transposeB ? [n, k] : [k, n], -2, 2, { dtype });
          const options = { transposeA, transposeB };
          const wasm = on('wasm', () => matmul(a, b, options));
          const left = transposeA ? transpose(a) : a;
          const right = transposeB ? transpose(b) : b;
          const expected = dtype === 'float64' ? on('js', () => matmul(a, b, options)).data : float32Loop(left, right);
          expectSameBits(wasm, expected);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('reads a narrow slice of a wide matrix, a broadcast and negative strides (float64, bit for bit)', () => {
    const rng = new Rng(4);
    const wide = rng.uniform([300, 1000], -1, 1, { dtype: 'float64' });
    // 300 x 40 of a 300 x 1000 buffer: the span is 7x the entries, so the operand is gathered, not copied whole.
    const narrow = slice(wide, [0, 500], [300, 540]);
    const weight = rng.uniform([40, 33], -1, 1, { dtype: 'float64' });
    const row = broadcastTo(rng.uniform([1, 40], -1, 1, { dtype: 'float64' }), [50, 40]);
    const data = rng.uniform([40 * 33], -1, 1, { dtype: 'float64' }).data;
    // Element (i, j) at 40·33 − 1 − (i·33 + j): both strides negative.
    const reversed = new Tensor(data, [40, 33], [-33, -1], 40 * 33 - 1);
    for (const [left, right] of [
      [narrow, weight],
      [row, weight],
      [narrow, reversed],
      [swapAxes(reversed, 0, 1), transpose(narrow)],
    ] as const) {
      const expected = on('js', () => matmul(left, right)).data;
      expectSameBits(
        on('wasm', () => matmul(left, right)),
        expected,
      );
    }
  });

  it('multiplies batches: items of their own, a broadcast operand, and batch axes folded into rows', () => {
    const rng = new Rng(5);
    for (const [aShape, bShape] of [
      [
        [3, 40, 50],
        [3, 50, 20],
      ],
      [
        [2, 1, 33, 40],
        [4, 40, 9],
      ],
      [
        [5, 30, 40],
        [40, 24],
      ],
    ] as const) {
      for (const dtype of ['float32', 'float64'] as const) {
        const a = rng.uniform(aShape, -1, 1, { dtype });
        const b = rng.uniform(bShape, -1, 1, { dtype });
        const wasm = on('wasm', () => matmul(a, b));
        const js = on('js', () => matmul(a, b));
        expect(wasm.shape).toEqual(js.shape);
        if (dtype === 'float64') expectSameBits(wasm, js.data);
        else {
          // Item by item, each result is the float32 loop of its own two matrices.
          const batchShape = wasm.shape.slice(0, -2);
          const [m, n] = wasm.shape.slice(-2) as [number, number];
          const k = b.shape.at(-2)!;
          const aItems = reshape(broadcastTo(a, [...batchShape, m, k]).contiguous(), [-1, m, k]);
          const bItems = reshape(broadcastTo(b, [...batchShape, k, n]).contiguous(), [-1, k, n]);
          const expected = new Float32Array(wasm.size);
          for (let item = 0; item < aItems.shape[0]!; item++) {
            const left = reshape(slice(aItems, [item], [item + 1]), [m, k]);
            const right = reshape(slice(bItems, [item], [item + 1]), [k, n]);
            expected.set(float32Loop(left, right), item * m * n);
          }
          expectSameBits(wasm, expected);
        }
      }
    }
  });

  it('propagates NaN and infinities as the JS kernel does (float64)', () => {
    const a = tensor(
      [
        [1, Number.NaN, 0],
        [Number.POSITIVE_INFINITY, 1, 2],
        [0, 0, 0],
      ],
      { dtype: 'float64' },
    );
    const b = tensor(
      [
        [0, 1],
        [1, 1],
        [Number.NEGATIVE_INFINITY, 1],
      ],
      { dtype: 'float64' },
    );
    const expected = on('js', () => matmul(a, b)).toArray();
    expect(on('wasm', () => matmul(a, b)).toArray()).toEqual(expected);
    // 0·(−∞) is NaN and ∞ − ∞ is NaN: [[NaN, NaN], [NaN, ∞], [NaN, 0]].
    expect(expected).toEqual([
      [Number.NaN, Number.NaN],
      [Number.NaN, Number.POSITIVE_INFINITY],
      [Number.NaN, 0],
    ]);
  });

  it('returns a fresh contiguous result and leaves its operands unchanged', () => {
    const rng = new Rng(6);
    const a = rng.uniform([70, 90]);
    const base = rng.uniform([80, 90]);
    const before = [Array.from(a.data), Array.from(base.data)];
    const out = on('wasm', () => matmul(a, transpose(base)));
    expect([Array.from(a.data), Array.from(base.data)]).toEqual(before);
    expect(out.isContiguous()).toBe(true);
    expect(out.offset).toBe(0);
    expect(out.data.length).toBe(70 * 80);
    expect(out.data).not.toBe(a.data);
  });
});
