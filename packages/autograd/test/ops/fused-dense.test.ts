import * as T from '@chainrule/tensor';
import { type FusedActivation, type Tensor, ValueError } from '@chainrule/tensor';
import {
  type Var,
  add,
  checkGrad,
  constant,
  fusedDense,
  grad,
  matmul,
  mul,
  relu,
  sigmoid,
  sum,
  tanh,
  variable,
} from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const activations: readonly FusedActivation[] = ['linear', 'relu', 'sigmoid', 'tanh'];

/** The unfused composition: what fusedDense must equal, values and gradients. */
function composed(x: Var, weight: Var, bias: Var | undefined, activation: FusedActivation): Var {
  const z = bias === undefined ? matmul(x, weight) : add(matmul(x, weight), bias);
  if (activation === 'relu') return relu(z);
  if (activation === 'sigmoid') return sigmoid(z);
  if (activation === 'tanh') return tanh(z);
  return z;
}

/** Σ out ⊙ c for a fixed c, so every output element gets a different upstream gradient. */
function weighted(out: Var): Var {
  const c = T.reshape(T.arange(1, out.size + 1, 1, { dtype: out.dtype }), out.shape);
  return sum(mul(out, T.mul(c, 0.25)));
}

describe('fusedDense', () => {
  it('records one node per layer, named after its activation', () => {
    const x = variable(random([2, 3], 1));
    const w = variable(random([3, 4], 2));
    const b = variable(random([4], 3));
    expect(fusedDense(x, w).op).toBe('dense');
    const out = fusedDense(x, w, { bias: b, activation: 'sigmoid' });
    expect(out.op).toBe('dense+sigmoid');
    expect(out.parents).toHaveLength(3);
    [x, w, b].forEach((input, index) => expect(out.parents[index]).toBe(input));
    expect(fusedDense(x, w, { activation: 'relu' }).op).toBe('dense+relu');
    expect(fusedDense(x, w, { activation: 'tanh' }).op).toBe('dense+tanh');
  });

  it('gives the hand-derived gradients of Σ σ(x·w + b) on a 1x2 example', () => {
    // z = 1·0.5 + 2·(−0.25) + 0.1 = 0.1, σ'(z) = σ(z)(1 − σ(z)); ∂/∂x = σ'·wᵀ, ∂/∂w = xᵀ·σ', ∂/∂b = σ'
    const s = 1 / (1 + Math.exp(-0.1));
    const d = s * (1 - s);
    const [gx, gw, gb] = grad(
      (x: Var, w: Var, b: Var) => sum(fusedDense(x, w, { bias: b, activation: 'sigmoid' })),
      [0, 1, 2],
    )(f64([[1, 2]]), f64([[0.5], [-0.25]]), f64([0.1]));
    expectClose(gx!, [[0.5 * d, -0.25 * d]]);
    expectClose(gw!, [[d], [2 * d]]);
    expectClose(gb!, [d]);
  });

  for (const activation of activations) {
    it(`${activation}: values and gradients equal the separate ops bit for bit, with and without createGraph`, () => {
      for (const dtype of ['float32', 'float64'] as const) {
        const values = [random([5, 3], 4), random([3, 4], 5), random([4], 6)].map((t) => T.astype(t, dtype));
        for (const createGraph of [false, true]) {
          for (const withBias of [false, true]) {
            const fusedInputs = values.map((value) => variable(value));
            const plainInputs = values.map((value) => variable(value));
            const fused = fusedDense(fusedInputs[0]!, fusedInputs[1]!, {
              bias: withBias ? fusedInputs[2] : undefined,
              activation,
            });
            const plain = composed(plainInputs[0]!, plainInputs[1]!, withBias ? plainInputs[2] : undefined, activation);
            expect(Array.from(fused.value.data)).toEqual(Array.from(plain.value.data));
            weighted(fused).backward(undefined, { createGraph });
            weighted(plain).backward(undefined, { createGraph });
            const count = withBias ? 3 : 2;
            for (let i = 0; i < count; i++) {
              expect(Array.from(fusedInputs[i]!.grad!.value.data), `input ${i}`).toEqual(
                Array.from(plainInputs[i]!.grad!.value.data),
              );
            }
          }
        }
      }
    });

    it(`${activation}: matches central differences, first and second order, with broadcast biases and batch axes`, () => {
      // With these seeds no pre-activation lies within the finite-difference step of relu's kink at 0.
      const dense = (x: Var, w: Var, b: Var) => fusedDense(x, w, { bias: b, activation });
      checkGrad(dense, [random([4, 3], 7), random([3, 2], 8), random([2], 9)], { order: 2 });
      checkGrad(dense, [random([4, 3], 10), random([3, 2], 11), random([4, 1], 12)], { order: 2 });
      checkGrad(dense, [random([2, 4, 3], 13), random([3, 2], 14), random([1, 2], 15)], { order: 2 });
      checkGrad((x: Var, w: Var) => fusedDense(x, w, { activation }), [random([3, 3], 16), random([2, 3, 2], 17)], {
        order: 2,
      });
    });
  }

  it('computes no gradient for inputs that do not require one', () => {
    const x = constant(random([3, 2], 18));
    const w = variable(random([2, 2], 19));
    const b = constant(random([2], 20));
    sum(fusedDense(x, w, { bias: b, activation: 'tanh' })).backward();
    expect(x.grad).toBeNull();
    expect(b.grad).toBeNull();
    expect(w.grad!.shape).toEqual([2, 2]);
  });

  it('rejects an unknown activation and options that are not an object', () => {
    const x = variable(random([1, 2], 21));
    const w = variable(random([2, 2], 22));
    expect(() => fusedDense(x, w, { activation: 'softmax' as FusedActivation })).toThrow(ValueError);
    expect(() => fusedDense(x, w, { activation: 'softmax' as FusedActivation })).toThrow(
      /^fusedDense: unknown activation 'softmax'; expected 'linear', 'relu', 'sigmoid' or 'tanh'/,
    );
    expect(() => fusedDense(x, w, 'relu' as never)).toThrow(/^fusedDense: options must be an object/);
    expect(() => fusedDense(x, w, [] as never)).toThrow(/^fusedDense: options must be an object .*; got an array/);
    expect(() => fusedDense(x, w, { activation: null as never })).toThrow(/^fusedDense: unknown activation null/);
    expect(() => fusedDense(null as never, w)).toThrow(/^fusedDense: x must be a Var, a Tensor or a number; got null/);
    expect(() => fusedDense(x, [[1, 2]] as never)).toThrow(
      /^fusedDense: weight must be a Var, a Tensor or a number; got an array/,
    );
    expect(() => fusedDense(x, w, { bias: [1, 2] as never, activation: 'sigmoid' })).toThrow(
      /^fusedDense: bias must be a Var, a Tensor or a number; got an array/,
    );
    expect(() => fusedDense(x, variable(random([3, 2], 23)))).toThrow(/^fusedDense: inner dimensions differ/);
  });

  it('takes a null bias as no bias', () => {
    const x = variable(random([2, 3], 26));
    const w = variable(random([3, 2], 27));
    const out = fusedDense(x, w, { bias: null, activation: 'tanh' });
    expect(out.parents).toHaveLength(2);
    expect(out.parents[0]).toBe(x);
    expect(out.parents[1]).toBe(w);
    expect(out.toArray()).toEqual(fusedDense(x, w, { activation: 'tanh' }).toArray());
  });

  it('equals the separate ops bit for bit on random layouts, bias shapes and special values (property)', () => {
    // Batched and broadcast operands, strided and offset views, every bias shape that broadcasts to the product,
    // NaN, ±Infinity, −0 and huge values; values and gradients compared with Object.is, with and without createGraph.
    const specials = [Number.NaN, Infinity, -Infinity, 0, -0, 1e30, -1e30];
    const rng = new T.Rng(11);
    const pick = <V>(items: readonly V[]): V =>
      items[Math.floor(rng.uniform([1], 0, items.length, { dtype: 'float64' }).item())]!;
    const values = (shape: number[], dtype: 'float32' | 'float64', special: boolean): Tensor => {
      const t = rng.uniform(shape, -3, 3, { dtype });
      if (!special) return t;
      return T.where(
        T.less(rng.uniform(shape, 0, 1), 0.2),
        T.astype(
          T.reshape(
            T.tensor(shape.length === 0 ? [pick(specials)] : Array.from({ length: t.size }, () => pick(specials)), {
              dtype: 'float64',
            }),
            shape,
          ),
          dtype,
        ),
        t,
      );
    };
    const view = (t: Tensor): Tensor => {
      const choice = pick([0, 1, 2]);
      if (choice === 1 && t.rank >= 2) return T.swapAxes(T.swapAxes(t, -1, -2).contiguous(), -1, -2); // column-major
      if (choice === 2)
        return T.slice(
          T.pad(
            t,
            t.shape.map(() => [1, 0] as [number, number]),
          ),
          t.shape.map(() => 1),
          t.shape.map((d) => d + 1),
        );
      return t;
    };
    const same = (a: Tensor, b: Tensor): boolean => {
      const x = Array.from(a.contiguous().data.subarray(a.contiguous().offset, a.contiguous().offset + a.size));
      const y = Array.from(b.contiguous().data.subarray(b.contiguous().offset, b.contiguous().offset + b.size));
      return x.length === y.length && x.every((value, index) => Object.is(value, y[index]));
    };
    for (let run = 0; run < 120; run++) {
      const dtype = pick(['float32', 'float64'] as const);
      const special = run % 3 === 0;
      const [m, k, n] = [pick([1, 2, 3]), pick([0, 1, 3]), pick([1, 2, 4])];
      const [xShape, wShape] = pick([
        [
          [m, k],
          [k, n],
        ],
        [
          [2, m, k],
          [k, n],
        ],
        [
          [m, k],
          [2, k, n],
        ],
        [
          [2, 1, m, k],
          [3, k, n],
        ],
      ] as const);
      const x = view(values([...xShape], dtype, special));
      const w = view(values([...wShape], dtype, special));
      const productShape = T.matmul(x, w).shape;
      const biasShape = pick([null, [n], [1, n], [m, 1], [m, n], [...productShape], []]);
      const b = biasShape === null ? undefined : view(values(biasShape, dtype, special));
      const activation = pick(activations);
      for (const createGraph of [false, true]) {
        const fusedInputs = [variable(x), variable(w), ...(b ? [variable(b)] : [])];
        const plainInputs = [variable(x), variable(w), ...(b ? [variable(b)] : [])];
        const fused = fusedDense(fusedInputs[0]!, fusedInputs[1]!, { bias: fusedInputs[2], activation });
        const plain = composed(plainInputs[0]!, plainInputs[1]!, plainInputs[2], activation);
        expect(fused.shape).toEqual(plain.shape);
        expect(same(fused.value, plain.value), `values, run ${run}`).toBe(true);
        const seed = rng.uniform([...fused.shape], -1, 1, { dtype });
        fused.backward(seed, { createGraph });
        plain.backward(seed, { createGraph });
        fusedInputs.forEach((input, index) =>
          expect(
            same(input.grad!.value, plainInputs[index]!.grad!.value),
            `gradient ${index}, run ${run}, createGraph ${createGraph}`,
          ).toBe(true),
        );
      }
    }
  });

  it('gives the gradients of the separate ops bit for bit for tiny, larger and batched layers', () => {
    for (const [xShape, wShape] of [
      [
        [4, 3],
        [3, 4],
      ],
      [
        [20, 30],
        [30, 10],
      ],
      [
        [2, 5, 3],
        [3, 4],
      ],
    ] as const) {
      for (const activation of activations) {
        const values = [random([...xShape], 28), random([...wShape], 29), random([wShape[1]], 30)];
        const fusedInputs = values.map((value) => variable(value));
        const plainInputs = values.map((value) => variable(value));
        weighted(fusedDense(fusedInputs[0]!, fusedInputs[1]!, { bias: fusedInputs[2], activation })).backward();
        weighted(composed(plainInputs[0]!, plainInputs[1]!, plainInputs[2], activation)).backward();
        fusedInputs.forEach((input, index) =>
          expect(Array.from(input.grad!.value.data), `${xShape} ${activation} input ${index}`).toEqual(
            Array.from(plainInputs[index]!.grad!.value.data),
          ),
        );
      }
    }
  });

  it('accepts tensors as constants, like every op', () => {
    const x: Tensor = random([2, 2], 24);
    const w = variable(random([2, 3], 25));
    sum(fusedDense(x, w, { bias: T.zeros([3], { dtype: 'float64' }), activation: 'relu' })).backward();
    expect(w.grad!.shape).toEqual([2, 3]);
  });
});
