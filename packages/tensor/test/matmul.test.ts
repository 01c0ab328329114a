import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChainruleError,
  type DType,
  DTypeError,
  Rng,
  type Shape,
  ShapeError,
  type Tensor,
  broadcastTo,
  getBackend,
  matmul,
  permute,
  setBackend,
  slice,
  swapAxes,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';

const dtypes: readonly DType[] = ['float32', 'float64'];
/** Every numeric test runs on both kernels, forced with setBackend (the threshold of 'auto' is tested in wasm/). */
const backends = ['js', 'wasm'] as const;

/**
 * Naive reference: `out[..., i, j] = Σ_p a[..., i, p] · b[..., p, j]` with NumPy batch broadcasting, read through
 * `get` (so any view works), summed in the order p = 0..k-1: in float64 and rounded once to the dtype by the JS
 * kernels, in float32 (`s = fround(s + fround(a·b))`) by the WebAssembly kernels for float32. matmul promises exactly
 * this order, so results must match bit for bit.
 */
function naiveMatmul(a: Tensor, b: Tensor): { shape: number[]; values: number[] } {
  const m = a.shape[a.rank - 2]!;
  const k = a.shape[a.rank - 1]!;
  const n = b.shape[b.rank - 1]!;
  const batchRank = Math.max(a.rank, b.rank) - 2;
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batchShape: number[] = [];
  for (let axis = 0; axis < batchRank; axis++) {
    const aDim = aBatch[axis - (batchRank - aBatch.length)] ?? 1;
    const bDim = bBatch[axis - (batchRank - bBatch.length)] ?? 1;
    batchShape.push(Math.max(aDim, bDim));
  }
  const batchCount = batchShape.reduce((x, y) => x * y, 1);
  const round = a.dtype === 'float32' ? Math.fround : (x: number) => x;
  const float32Sums = a.dtype === 'float32' && getBackend() === 'wasm';
  const values: number[] = [];
  for (let item = 0; item < batchCount; item++) {
    const index: number[] = [];
    for (let axis = batchRank - 1, rest = item; axis >= 0; axis--) {
      index.unshift(rest % batchShape[axis]!);
      rest = Math.floor(rest / batchShape[axis]!);
    }
    // Broadcast axes (size 1 or missing) read index 0.
    const aIndex = aBatch.map((dim, axis) => (dim === 1 ? 0 : index[axis + batchRank - aBatch.length]!));
    const bIndex = bBatch.map((dim, axis) => (dim === 1 ? 0 : index[axis + batchRank - bBatch.length]!));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const term = a.get(...aIndex, i, p) * b.get(...bIndex, p, j);
          sum = float32Sums ? Math.fround(sum + Math.fround(term)) : sum + term;
        }
        values.push(round(sum));
      }
    }
  }
  return { shape: [...batchShape, m, n], values };
}

function expectMatchesNaive(a: Tensor, b: Tensor): Tensor {
  const out = matmul(a, b);
  const expected = naiveMatmul(a, b);
  expect(out.shape).toEqual(expected.shape);
  expect(out.dtype).toBe(a.dtype);
  expect(out.isContiguous()).toBe(true);
  expect(Array.from(out.data.subarray(out.offset, out.offset + out.size))).toEqual(expected.values);
  return out;
}

/** Contiguous copy with the same values: the reference layout a view must agree with. */
function copyOf(t: Tensor): Tensor {
  return tensor(t.toArray(), { dtype: t.dtype });
}

function snapshot(t: Tensor): number[] {
  return Array.from(t.data);
}

for (const backend of backends) {
  describe(`matmul (${backend} kernels)`, () => {
    beforeAll(() => setBackend(backend));
    afterAll(() => setBackend('auto'));

    for (const dtype of dtypes) {
      it(`multiplies 2x3 by 3x2 by hand (${dtype})`, () => {
        const a = tensor(
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          { dtype },
        );
        const b = tensor(
          [
            [7, 8],
            [9, 10],
            [11, 12],
          ],
          { dtype },
        );
        const out = matmul(a, b);
        // [1·7 + 2·9 + 3·11, 1·8 + 2·10 + 3·12], [4·7 + 5·9 + 6·11, 4·8 + 5·10 + 6·12]
        expect(out.toArray()).toEqual([
          [58, 64],
          [139, 154],
        ]);
        expect(out.shape).toEqual([2, 2]);
        expect(out.dtype).toBe(dtype);
      });

      it(`sums in the order p = 0..k-1 (${dtype})`, () => {
        // 1 + 1e-8 - 1 is 1e-8 in float64, kept as float32(1e-8) when a float32 product sums in float64 (JS kernels),
        // and 0 when it sums in float32 (WebAssembly kernels): 1 + 1e-8 rounds to 1 there.
        const a = tensor([[1, 1e-8, -1]], { dtype });
        const b = tensor([[1], [1], [1]], { dtype });
        const float32Sums = dtype === 'float32' && backend === 'wasm';
        const expected = float32Sums ? 0 : dtype === 'float32' ? Math.fround(Math.fround(1e-8) + 1 - 1) : 1 + 1e-8 - 1;
        expect(matmul(a, b).item()).toBe(expected);
        expect(matmul(a, b).item() === 0).toBe(float32Sums);
      });

      it(`matches a naive triple loop on random shapes (${dtype})`, () => {
        const rng = new Rng(7);
        const shapes: [number, number, number][] = [
          [1, 1, 1],
          [4, 3, 4],
          [4, 4, 1],
          [3, 5, 2],
          [8, 8, 8],
          [5, 17, 9],
          [13, 4, 6],
          [67, 129, 35],
          [1, 300, 41],
          [41, 300, 1],
          [2, 7, 130],
          [9, 2000, 70], // more than one column block of the packed kernel
        ];
        for (let trial = 0; trial < 6; trial++) {
          shapes.push([1 + (rng.nextUint32() % 40), 1 + (rng.nextUint32() % 40), 1 + (rng.nextUint32() % 40)]);
        }
        for (const [m, k, n] of shapes) {
          expectMatchesNaive(rng.uniform([m, k], -1, 1, { dtype }), rng.uniform([k, n], -1, 1, { dtype }));
        }
      });

      it(`reads transposed operands in place, on either side (${dtype})`, () => {
        const rng = new Rng(11);
        for (const [m, k, n] of [
          [4, 3, 4],
          [3, 4, 1],
          [37, 66, 21],
          [64, 64, 64],
        ] as const) {
          const aT = transpose(rng.uniform([k, m], -1, 1, { dtype }));
          const bT = transpose(rng.uniform([n, k], -1, 1, { dtype }));
          const a = rng.uniform([m, k], -1, 1, { dtype });
          const b = rng.uniform([k, n], -1, 1, { dtype });
          if (m > 1) expect(aT.isContiguous()).toBe(false);
          const cases: [Tensor, Tensor][] = [
            [aT, b],
            [a, bT],
            [aT, bT],
          ];
          for (const [left, right] of cases) {
            const out = expectMatchesNaive(left, right);
            expect(Array.from(out.data)).toEqual(Array.from(matmul(copyOf(left), copyOf(right)).data));
          }
        }
      });

      it(`reads sliced and broadcast views in place (${dtype})`, () => {
        const rng = new Rng(12);
        const base = rng.uniform([40, 50], -1, 1, { dtype });
        const sliced = slice(base, [3, 5], [30, 44]); // [27, 39], offset and row stride 50
        const other = slice(rng.uniform([45, 30], -1, 1, { dtype }), [2, 1], [41, 29]); // [39, 28]
        const rowBroadcast = broadcastTo(rng.uniform([28], -1, 1, { dtype }), [39, 28]); // row stride 0
        const columnBroadcast = broadcastTo(rng.uniform([27, 1], -1, 1, { dtype }), [27, 39]); // column stride 0
        const cases: [Tensor, Tensor][] = [
          [sliced, other],
          [sliced, rowBroadcast],
          [columnBroadcast, other],
          [transpose(other), transpose(sliced)],
        ];
        for (const [left, right] of cases) {
          const out = expectMatchesNaive(left, right);
          expect(Array.from(out.data)).toEqual(Array.from(matmul(copyOf(left), copyOf(right)).data));
        }
      });

      it(`multiplies batches and broadcasts batch axes (${dtype})`, () => {
        const rng = new Rng(13);
        const pairs: [Shape, Shape][] = [
          [
            [3, 4, 5],
            [3, 5, 2],
          ],
          [
            [2, 1, 3, 4],
            [5, 4, 6],
          ],
          [
            [3, 6, 5],
            [5, 7],
          ],
          [
            [6, 5],
            [3, 5, 7],
          ],
          [
            [2, 3, 9, 10],
            [1, 3, 10, 4],
          ],
          [
            [1, 1, 4, 4],
            [4, 1],
          ],
        ];
        for (const [aShape, bShape] of pairs) {
          expectMatchesNaive(rng.uniform(aShape, -1, 1, { dtype }), rng.uniform(bShape, -1, 1, { dtype }));
        }
        expect(
          matmul(rng.uniform([2, 1, 3, 4], -1, 1, { dtype }), rng.uniform([5, 4, 6], -1, 1, { dtype })).shape,
        ).toEqual([2, 5, 3, 6]);
      });

      it(`multiplies batches of views (${dtype})`, () => {
        const rng = new Rng(14);
        const stack = rng.uniform([4, 6, 9], -1, 1, { dtype });
        const weight = rng.uniform([9, 5], -1, 1, { dtype });
        const cases: [Tensor, Tensor][] = [
          [permute(rng.uniform([6, 4, 9], -1, 1, { dtype }), [1, 0, 2]), weight], // batch axis not outermost in memory
          [slice(stack, [0, 1, 0], [4, 5, 9]), weight], // batch stride 54 but 4 rows of 9
          [stack, broadcastTo(weight, [4, 9, 5])], // batch stride 0
          [
            transpose(rng.uniform([4, 9, 6], -1, 1, { dtype }), [0, 2, 1]),
            transpose(rng.uniform([4, 5, 9], -1, 1, { dtype }), [0, 2, 1]),
          ],
          [broadcastTo(rng.uniform([6, 9], -1, 1, { dtype }), [3, 6, 9]), rng.uniform([3, 9, 5], -1, 1, { dtype })],
        ];
        for (const [left, right] of cases) {
          const out = expectMatchesNaive(left, right);
          expect(Array.from(out.data)).toEqual(Array.from(matmul(copyOf(left), copyOf(right)).data));
        }
      });

      it(`handles zero-size dimensions (${dtype})`, () => {
        expect(matmul(zeros([0, 3], { dtype }), zeros([3, 4], { dtype })).shape).toEqual([0, 4]);
        expect(matmul(zeros([3, 4], { dtype }), zeros([4, 0], { dtype })).shape).toEqual([3, 0]);
        expect(matmul(zeros([0, 2, 3], { dtype }), zeros([3, 4], { dtype })).shape).toEqual([0, 2, 4]);
        expect(matmul(zeros([2, 3], { dtype }), zeros([5, 0, 3, 4], { dtype })).shape).toEqual([5, 0, 2, 4]);
        for (const [m, n] of [
          [3, 4],
          [20, 30],
        ] as const) {
          // k = 0: every entry is an empty sum.
          const out = matmul(zeros([m, 0], { dtype }), zeros([0, n], { dtype }));
          expect(out.shape).toEqual([m, n]);
          expect(out.dtype).toBe(dtype);
          expect(Array.from(out.data)).toEqual(new Array<number>(m * n).fill(0));
        }
      });
    }

    it('agrees with the naive loop for any small shape, layout and dtype (property)', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 13 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 1, max: 13 }),
          fc.boolean(),
          fc.boolean(),
          fc.constantFrom<DType>('float32', 'float64'),
          fc.integer({ min: 0, max: 1000 }),
          (m, k, n, transposeA, transposeB, dtype, seed) => {
            const rng = new Rng(seed);
            const a = transposeA
              ? transpose(rng.uniform([k, m], -2, 2, { dtype }))
              : rng.uniform([m, k], -2, 2, { dtype });
            const b = transposeB
              ? transpose(rng.uniform([n, k], -2, 2, { dtype }))
              : rng.uniform([k, n], -2, 2, { dtype });
            expectMatchesNaive(a, b);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('returns a fresh contiguous result and leaves its operands unchanged', () => {
      const rng = new Rng(21);
      const a = rng.uniform([20, 30], -1, 1);
      const bBase = rng.uniform([25, 30], -1, 1);
      const b = transpose(bBase);
      const small = tensor([
        [0, 0, 1],
        [0, 1, 1],
        [1, 0, 1],
        [1, 1, 1],
      ]);
      const weight = rng.uniform([3, 4]);
      const before = [snapshot(a), snapshot(bBase), snapshot(small), snapshot(weight)];
      const shapes = [a.shape.slice(), b.shape.slice(), b.strides.slice()];
      const out = matmul(a, b);
      const smallOut = matmul(small, weight);
      expect([snapshot(a), snapshot(bBase), snapshot(small), snapshot(weight)]).toEqual(before);
      expect([a.shape, b.shape, b.strides]).toEqual(shapes);
      for (const result of [out, smallOut]) {
        expect(result.isContiguous()).toBe(true);
        expect(result.offset).toBe(0);
        expect(result.data.length).toBe(result.size);
        expect([a.data, bBase.data, small.data, weight.data]).not.toContain(result.data);
      }
    });
  });

  describe(`matmul transpose flags (${backend} kernels)`, () => {
    beforeAll(() => setBackend(backend));
    afterAll(() => setBackend('auto'));

    for (const dtype of dtypes) {
      it(`equal the product with swapAxes views, bit for bit, small, large and batched (${dtype})`, () => {
        const rng = new Rng(11);
        // [m, k, n] of the product; the flagged operand is stored transposed ([k, m] for a, [n, k] for b).
        const sizes: [number, number, number][] = [
          [4, 3, 4],
          [4, 4, 1],
          [1, 4, 4],
          [3, 1, 2],
          [8, 8, 8],
          [13, 40, 9],
          [0, 3, 2],
        ];
        for (const [m, k, n] of sizes) {
          for (const batch of [[], [2]]) {
            const a = rng.uniform([...batch, m, k], -1, 1, { dtype });
            const b = rng.uniform([...batch, k, n], -1, 1, { dtype });
            const aStored = copyOf(swapAxes(a, -1, -2));
            const bStored = copyOf(swapAxes(b, -1, -2));
            const expected = naiveMatmul(a, b);
            for (const [left, right, options] of [
              [aStored, b, { transposeA: true }],
              [a, bStored, { transposeB: true }],
              [aStored, bStored, { transposeA: true, transposeB: true }],
              [a, b, { transposeA: false, transposeB: false }],
            ] as const) {
              const out = matmul(left, right, options);
              expect(out.shape).toEqual(expected.shape);
              expect(Array.from(out.data.subarray(out.offset, out.offset + out.size))).toEqual(expected.values);
            }
          }
        }
      });
    }

    it('read a transposed view flagged back in place (a flag undoes a transpose)', () => {
      const a = new Rng(3).uniform([3, 5], -1, 1, { dtype: 'float64' });
      const b = new Rng(4).uniform([5, 2], -1, 1, { dtype: 'float64' });
      expect(matmul(transpose(a), b, { transposeA: true }).toArray()).toEqual(matmul(a, b, {}).toArray());
    });

    it('name the flagged operands when the inner dimensions differ', () => {
      expect(() => matmul(zeros([2, 3]), zeros([3, 4]), { transposeA: true })).toThrow(
        new ShapeError('matmul: inner dimensions differ: [2,3]ᵀ @ [3,4] (2 vs 3)'),
      );
      expect(() => matmul(zeros([2, 3]), zeros([2, 3]), { transposeB: true })).not.toThrow();
    });
  });
}

describe('matmul errors', () => {
  it('rejects operands of rank < 2 with a ShapeError naming the shapes', () => {
    const call = () => matmul(tensor([1, 2, 3]), zeros([3, 4]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow('matmul: expected operands of rank >= 2; got [3] and [3,4]');
    expect(() => matmul(zeros([2, 2]), tensor(3))).toThrow('matmul: expected operands of rank >= 2; got [2,2] and []');
  });

  it('rejects differing inner dimensions with a ShapeError', () => {
    const call = () => matmul(zeros([2, 3]), zeros([4, 5]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow('matmul: inner dimensions differ: [2,3] @ [4,5] (3 vs 4)');
    expect(() => matmul(zeros([7, 2, 3]), zeros([2, 4]))).toThrow(
      'matmul: inner dimensions differ: [7,2,3] @ [2,4] (3 vs 2)',
    );
  });

  it('rejects batch axes that do not broadcast with a ShapeError', () => {
    const call = () => matmul(zeros([2, 3, 4]), zeros([3, 4, 5]));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow('matmul: batch dimensions do not broadcast: [2,3,4] @ [3,4,5] (batch axis 0: 2 vs 3)');
    expect(() => matmul(zeros([6, 2, 3, 4]), zeros([5, 4, 2]))).toThrow(
      /^matmul: .*\[6,2,3,4\] @ \[5,4,2\] \(batch axis 1: 2 vs 5\)$/,
    );
  });

  it('rejects mixed dtypes with a DTypeError', () => {
    const call = () => matmul(zeros([2, 3]), zeros([3, 2], { dtype: 'float64' }));
    expect(call).toThrow(DTypeError);
    expect(call).toThrow(
      'matmul: cannot mix float32 and float64; got [2,3] float32 @ [3,2] float64, expected one dtype',
    );
  });

  it('throws errors that extend ChainruleError', () => {
    for (const call of [
      () => matmul(tensor([1]), tensor([1])),
      () => matmul(zeros([2, 3]), zeros([2, 3])),
      () => matmul(zeros([2, 2], { dtype: 'float64' }), zeros([2, 2])),
    ]) {
      expect(call).toThrow(ChainruleError);
    }
  });
});
