import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  type DType,
  type FusedActivation,
  Rng,
  ShapeError,
  type Tensor,
  ValueError,
  add,
  fusedDense,
  matmul,
  relu,
  sigmoid,
  slice,
  tanh,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';

const dtypes: readonly DType[] = ['float32', 'float64'];
const activations: readonly FusedActivation[] = ['linear', 'relu', 'sigmoid', 'tanh'];

/** The unfused composition fusedDense promises to equal bit for bit. */
function composed(x: Tensor, weight: Tensor, bias: Tensor | undefined, activation: FusedActivation): Tensor {
  const z = bias === undefined ? matmul(x, weight) : add(matmul(x, weight), bias);
  if (activation === 'relu') return relu(z);
  if (activation === 'sigmoid') return sigmoid(z);
  if (activation === 'tanh') return tanh(z);
  return z;
}

function uniform(shape: number[], seed: number, dtype: DType): Tensor {
  return new Rng(seed).uniform(shape, -3, 3, { dtype });
}

describe('fusedDense', () => {
  it('computes σ(x·W + b) by hand on a 2x2 example', () => {
    const x = tensor(
      [
        [1, 2],
        [0, -1],
      ],
      { dtype: 'float64' },
    );
    const w = tensor(
      [
        [0.5, -1],
        [0.25, 2],
      ],
      { dtype: 'float64' },
    );
    const b = tensor([0.5, -3], { dtype: 'float64' });
    // x·W = [[1, 3], [-0.25, -2]]; + b = [[1.5, 0], [0.25, -5]]
    const sig = (z: number) => 1 / (1 + Math.exp(-z));
    expect(fusedDense(x, w, { bias: b }).toArray()).toEqual([
      [1.5, 0],
      [0.25, -5],
    ]);
    expect(fusedDense(x, w, { bias: b, activation: 'relu' }).toArray()).toEqual([
      [1.5, 0],
      [0.25, 0],
    ]);
    expect(fusedDense(x, w, { bias: b, activation: 'tanh' }).toArray()).toEqual([
      [Math.tanh(1.5), 0],
      [Math.tanh(0.25), Math.tanh(-5)],
    ]);
    const s = fusedDense(x, w, { bias: b, activation: 'sigmoid' }).toArray() as number[][];
    expect(s[0]![0]).toBeCloseTo(sig(1.5), 15);
    expect(s[0]![1]).toBe(0.5);
    expect(s[1]![1]).toBeCloseTo(sig(-5), 15);
    expect(fusedDense(x, w).toArray()).toEqual([
      [1, 3],
      [-0.25, -2],
    ]);
    expect(fusedDense(x, w, { bias: null }).toArray()).toEqual([
      [1, 3],
      [-0.25, -2],
    ]);
  });

  for (const dtype of dtypes) {
    it(`equals the separate ops bit for bit, for every activation, with and without bias (${dtype})`, () => {
      const x = uniform([5, 3], 1, dtype);
      const w = uniform([3, 4], 2, dtype);
      const biases = [
        undefined,
        uniform([4], 3, dtype),
        uniform([1, 4], 4, dtype),
        uniform([5, 1], 5, dtype),
        uniform([5, 4], 6, dtype),
      ];
      for (const activation of activations) {
        for (const bias of biases) {
          const fused = fusedDense(x, w, { bias, activation });
          expect(fused.dtype).toBe(dtype);
          expect(fused.shape).toEqual([5, 4]);
          expect(fused.isContiguous()).toBe(true);
          expect(Array.from(fused.data)).toEqual(Array.from(composed(x, w, bias, activation).data));
        }
      }
    });
  }

  it('reads views in place and broadcasts batch axes as matmul does', () => {
    const x = transpose(uniform([3, 2, 5], 7, 'float64'), [1, 2, 0]); // [2, 5, 3], strided
    const w = transpose(uniform([4, 3], 8, 'float64')); // [3, 4], column-major
    const bias = slice(uniform([2, 6], 9, 'float64'), [1, 2], [2, 6]); // [1, 4], offset view
    for (const activation of activations) {
      const fused = fusedDense(x, w, { bias, activation });
      expect(fused.shape).toEqual([2, 5, 4]);
      expect(Array.from(fused.data)).toEqual(Array.from(composed(x, w, bias, activation).contiguous().data));
    }
  });

  it('matches the separate ops on random shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(...activations),
        fc.constantFrom(...dtypes),
        fc.constantFrom('none', 'row', 'column', 'full'),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (m, k, n, activation, dtype, biasKind, batched, seed) => {
          const x = uniform(batched ? [2, m, k] : [m, k], seed, dtype);
          const w = uniform([k, n], seed + 1, dtype);
          const biasShape = { none: null, row: [n], column: [m, 1], full: [m, n] }[biasKind];
          const bias = biasShape === null ? undefined : uniform(biasShape, seed + 2, dtype);
          const fused = fusedDense(x, w, { bias, activation });
          const expected = composed(x, w, bias, activation);
          expect(fused.shape).toEqual(expected.shape);
          expect(Array.from(fused.data)).toEqual(Array.from(expected.data));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('never writes its arguments', () => {
    const x = uniform([2, 3], 10, 'float64');
    const w = uniform([3, 2], 11, 'float64');
    const b = uniform([2], 12, 'float64');
    const before = [x, w, b].map((t) => Array.from(t.data));
    fusedDense(x, w, { bias: b, activation: 'sigmoid' });
    expect([x, w, b].map((t) => Array.from(t.data))).toEqual(before);
  });

  it('rejects bad input with typed errors naming fusedDense', () => {
    const x = uniform([2, 3], 13, 'float32');
    const w = uniform([3, 4], 14, 'float32');
    expect(() => fusedDense(x, uniform([2, 4], 15, 'float32'))).toThrow(ShapeError);
    expect(() => fusedDense(x, uniform([2, 4], 15, 'float32'))).toThrow(
      /^fusedDense: inner dimensions differ: \[2,3\] @ \[2,4\] \(3 vs 2\)/,
    );
    expect(() => fusedDense(x, uniform([3, 4], 16, 'float64'))).toThrow(DTypeError);
    expect(() => fusedDense(x, w, { bias: uniform([3], 17, 'float32') })).toThrow(
      /^fusedDense: cannot broadcast shapes \[2,4\] and \[3\]/,
    );
    expect(() => fusedDense(x, w, { bias: uniform([3, 2, 4], 18, 'float32') })).toThrow(
      /^fusedDense: bias of shape \[3,2,4\] would enlarge the product's shape \[2,4\]; expected a bias that broadcasts to it \(e\.g\. \[4\]\)/,
    );
    expect(() => fusedDense(x, w, { bias: uniform([4], 19, 'float64') })).toThrow(
      /^fusedDense: bias is float64 \(shape \[4\]\) but the product is float32/,
    );
    expect(() => fusedDense(x, w, { activation: 'softmax' as FusedActivation })).toThrow(ValueError);
    expect(() => fusedDense(x, w, { activation: 'softmax' as FusedActivation })).toThrow(
      /^fusedDense: unknown activation 'softmax'; expected 'linear', 'relu', 'sigmoid' or 'tanh'/,
    );
    expect(() => fusedDense(x, w, { bias: [1, 2, 3, 4] as never })).toThrow(
      /^fusedDense \(bias\): expected a Tensor; got an array/,
    );
    expect(() => fusedDense(x, w, 'sigmoid' as never)).toThrow(/^fusedDense: options must be an object/);
    expect(() => fusedDense(x, w, [] as never)).toThrow(/^fusedDense: options must be an object .*; got an array/);
    expect(() => fusedDense(x, w, { activation: null as never })).toThrow(/^fusedDense: unknown activation null/);
    expect(() => fusedDense(zeros([70000, 1]), zeros([1, 70000]))).toThrow(
      /^fusedDense: cannot allocate shape \[70000,70000\]/,
    );
    expect(() => fusedDense(null as never, w)).toThrow(/^fusedDense: expected a Tensor; got null/);
  });
});
