import { type DType, Rng, type Tensor, matmul as tensorMatmul, transpose } from '@chainrule/tensor';
import * as T from '@chainrule/tensor';
import {
  type Var,
  add,
  defineOp,
  exp,
  gradients,
  matmul,
  mul,
  relu,
  reshape,
  sigmoid,
  square,
  sum,
  swapAxes,
  tanh,
  variable,
} from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64 } from './helpers';

const dtypes: DType[] = ['float32', 'float64'];

function uniform(shape: number[], seed: number, dtype: DType): Tensor {
  return new Rng(seed).uniform(shape, -2, 2, { dtype });
}

/**
 * ∂f/∂inputs twice: by a plain backward pass (no createGraph: the backward rules may run fused tensor code) and with
 * createGraph (the rules are recorded as Var ops). Both must give the same numbers, bit for bit.
 */
function bothWays(f: (...inputs: Var[]) => Var, values: Tensor[]): [Tensor[], Tensor[]] {
  const plainInputs = values.map((value) => variable(value));
  f(...plainInputs).backward();
  const recordedInputs = values.map((value) => variable(value));
  f(...recordedInputs).backward(undefined, { createGraph: true });
  return [plainInputs.map((input) => input.grad!.value), recordedInputs.map((input) => input.grad!.value)];
}

describe('backward rules without createGraph give the numbers of their recorded form', () => {
  it.each(dtypes)('sigmoid, tanh and relu, with contiguous and with broadcast upstream gradients (%s)', (dtype) => {
    const x = uniform([3, 4], 1, dtype);
    const w = uniform([3, 4], 2, dtype);
    const cases: [(...inputs: Var[]) => Var, Tensor[]][] = [];
    for (const activation of [sigmoid, tanh, relu]) {
      cases.push([(a) => sum(activation(a)), [x]]); // the upstream gradient is a broadcast view of ones
      cases.push([(a, b) => sum(mul(activation(a), b)), [x, w]]);
    }
    for (const [f, values] of cases) {
      const [plain, recorded] = bothWays(f, values);
      plain.forEach((gradient, index) => expect(gradient.toArray()).toEqual(recorded[index]!.toArray()));
    }
  });

  it.each(dtypes)('matmul, including broadcast batch axes and transposed views (%s)', (dtype) => {
    const cases: [Tensor, Tensor][] = [
      [uniform([4, 3], 3, dtype), uniform([3, 5], 4, dtype)],
      [uniform([2, 4, 3], 5, dtype), uniform([3, 5], 6, dtype)], // b's gradient is summed over the batch
      [transpose(uniform([3, 4], 7, dtype)), transpose(uniform([5, 3], 8, dtype))],
    ];
    for (const [a, b] of cases) {
      const [plain, recorded] = bothWays((x, y) => sum(mul(matmul(x, y), matmul(x, y))), [a, b]);
      expect(plain[0]!.shape).toEqual(a.shape);
      expect(plain[1]!.shape).toEqual(b.shape);
      plain.forEach((gradient, index) => expect(gradient.toArray()).toEqual(recorded[index]!.toArray()));
    }
  });

  it('matmul: ∂/∂a = grad·bᵀ and ∂/∂b = aᵀ·grad', () => {
    const a = uniform([4, 3], 9, 'float64');
    const b = uniform([3, 2], 10, 'float64');
    const [[gradA, gradB]] = bothWays((x, y) => sum(matmul(x, y)), [a, b]);
    const ones = T.ones([4, 2], { dtype: 'float64' });
    expect(gradA!.toArray()).toEqual(tensorMatmul(ones, transpose(b)).toArray());
    expect(gradB!.toArray()).toEqual(tensorMatmul(transpose(a), ones).toArray());
  });
});

describe('the backward walk', () => {
  it('ignores gradients left on nodes by a walk that threw', () => {
    const failing = defineOp<[Tensor]>({
      name: 'failing',
      forward: ([x]) => T.neg(x),
      backward: () => {
        throw new Error('backward failed on purpose');
      },
    });
    const x = variable(f64([1, 2]));
    const y = mul(x, 3);
    // Both branches reach y; the sum(y) branch may leave a pending gradient on y before `failing` throws.
    expect(() => add(sum(y), sum(failing(y))).backward()).toThrow('backward failed on purpose');
    expect(() => add(sum(failing(y)), sum(y)).backward()).toThrow('backward failed on purpose');
    expect(x.grad).toBeNull();
    sum(y).backward();
    expectClose(x.grad!, [3, 3]);
  });

  it('survives a backward rule that runs its own walk over nodes the outer walk is still summing into', () => {
    // q = x², L = Σ e^q + Σ viaGradients(q) where viaGradients(q) = q² has its derivative 2q computed by gradients().
    const viaGradients = defineOp<[Tensor]>({
      name: 'viaGradients',
      forward: ([q]) => T.square(q),
      backward: (grad, [q]) => {
        const [twiceQ] = gradients(sum(square(q)), [q], { createGraph: true });
        return [mul(grad, twiceQ!)];
      },
    });
    const values = [0.5, -1, 1.5];
    const expected = values.map((v) => 2 * v * Math.exp(v * v) + 4 * v ** 3);
    for (const order of ['exp first', 'custom first']) {
      const x = variable(f64(values));
      const q = mul(x, x);
      const terms = [sum(exp(q)), sum(viaGradients(q))];
      const loss = order === 'exp first' ? add(terms[0]!, terms[1]!) : add(terms[1]!, terms[0]!);
      loss.backward(undefined, { createGraph: true });
      expectClose(x.grad!, expected, 1e-12);
    }
  });

  it('gives an input listed twice in gradients() its gradient twice', () => {
    const x = variable(f64([1, 2]));
    const [first, second] = gradients(sum(mul(x, x)), [x, x]);
    expectClose(first!, [2, 4]);
    expectClose(second!, [2, 4]);
  });

  it('passes transposed views to matmul in the recorded backward too', () => {
    const a = variable(
      f64([
        [1, 2],
        [3, 4],
      ]),
    );
    const b = variable(
      f64([
        [5, 6],
        [7, 8],
      ]),
    );
    const [gradA] = gradients(sum(matmul(a, b)), [a], { createGraph: true });
    expectClose(gradA!, [
      [11, 15],
      [11, 15],
    ]);
    expect(swapAxes(b, -1, -2).value.data).toBe(b.value.data); // the transpose shares b's buffer
  });
});

describe('a seed passed by the caller', () => {
  for (const dtype of dtypes) {
    it(`never comes back as a gradient the caller could write into (${dtype})`, () => {
      const seed = T.tensor(
        [
          [1, 2],
          [3, -0],
        ],
        { dtype },
      );
      const x = variable(T.zeros([2, 2], { dtype }));
      add(x, 0).backward(seed); // add passes ∂L/∂out through unchanged, so x's gradient is the seed's values
      expect(x.grad!.value.data).not.toBe(seed.data);
      expect(Array.from(x.grad!.value.data)).toEqual([1, 2, 3, -0]);
      x.grad!.value.data.fill(7);
      expect(Array.from(seed.data)).toEqual([1, 2, 3, -0]);

      const [gradient] = gradients(x, [x], { seed });
      expect(gradient!.value.data).not.toBe(seed.data);
      gradient!.value.data.fill(9);
      expect(Array.from(seed.data)).toEqual([1, 2, 3, -0]);

      const seedVar = variable(seed);
      const y = variable(T.zeros([2, 2], { dtype }));
      reshape(reshape(y, [4]), [2, 2]).backward(seedVar); // through views of the seed
      expect(y.grad!.value.data).not.toBe(seed.data);
      expect(y.grad!.toArray()).toEqual([
        [1, 2],
        [3, -0],
      ]);
    });
  }
});

describe('the shared ones seed of scalar outputs', () => {
  for (const dtype of dtypes) {
    it(`never reaches a leaf gradient that the user could write into (${dtype})`, () => {
      const x = variable(T.scalar(3, { dtype }));
      // add's backward passes ∂L/∂out through unchanged, and a leaf root gets the seed itself.
      const reached = [() => add(x, 0), () => x, () => reshape(x, [1, 1])];
      for (const make of reached) {
        for (let pass = 0; pass < 2; pass++) {
          x.zeroGrad();
          make().backward();
          expect(x.grad!.toArray()).toEqual(1);
          x.grad!.value.data.fill(-7); // what a user may do with their own gradient
        }
      }
      const y = variable(T.tensor([2], { dtype }));
      y.zeroGrad();
      sum(mul(y, y)).backward();
      expect(y.grad!.toArray()).toEqual([4]);
    });

    it(`never reaches a gradients() result either (${dtype})`, () => {
      const x = variable(T.scalar(5, { dtype }));
      const [first] = gradients(add(x, 0), [x]);
      first!.value.data.fill(-7);
      const [second] = gradients(add(x, 0), [x]);
      expect(second!.toArray()).toEqual(1);
      const [squareGrad] = gradients(square(x), [x]);
      expect(squareGrad!.toArray()).toEqual(10);
    });
  }
});
