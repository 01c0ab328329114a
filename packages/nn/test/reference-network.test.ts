import { constant } from '@chainrule/autograd';
import { Dense, SGD, Sequential, Sigmoid, sse, uniform } from '@chainrule/nn';
import * as T from '@chainrule/tensor';
import { Rng, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from './helpers';

const f64 = { dtype: 'float64' } as const;
const X = tensor(
  [
    [0, 0, 1],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 1],
  ],
  f64,
);
const y = tensor([[0], [1], [1], [0]], f64);

/** One iteration of the tutorial's hand-written backprop; returns the new weights and the loss before the update. */
function tutorialStep(w1: Tensor, w2: Tensor): { w1: Tensor; w2: Tensor; loss: number; output: Tensor } {
  const layer1 = T.sigmoid(T.matmul(X, w1));
  const output = T.sigmoid(T.matmul(layer1, w2));
  const error = T.sub(y, output);
  // d_w2 = layer1ᵀ·(2(y − out)·out(1 − out)); d_w1 = Xᵀ·((2(y − out)·out(1 − out))·W2ᵀ · layer1(1 − layer1))
  const delta2 = T.mul(T.mul(2, error), T.mul(output, T.sub(1, output)));
  const dW2 = T.matmul(T.transpose(layer1), delta2);
  const dW1 = T.matmul(T.transpose(X), T.mul(T.matmul(delta2, T.transpose(w2)), T.mul(layer1, T.sub(1, layer1))));
  return { w1: T.add(w1, dW1), w2: T.add(w2, dW2), loss: T.sum(T.square(error)).item(), output };
}

function maxDifference(a: Tensor, b: Tensor): number {
  const left = flat(a);
  const right = flat(b);
  return Math.max(...left.map((value, index) => Math.abs(value - right[index]!)));
}

describe('the reference network (Dense 3→4, sigmoid, Dense 4→1, sigmoid, sse, SGD lr 1)', () => {
  it.each([
    ['Sigmoid modules', false],
    ["Dense's activation: 'sigmoid'", true],
  ] as const)(
    'follows the tutorial hand-written backprop step by step for 1500 steps, in float64 (%s)',
    (_name, fused) => {
      const rng = new Rng(1);
      const initialW1 = rng.uniform([3, 4], 0, 1, f64);
      const initialW2 = rng.uniform([4, 1], 0, 1, f64);

      const activation = fused ? 'sigmoid' : 'linear';
      const hidden = new Dense(3, 4, {
        bias: false,
        init: uniform(0, 1),
        rng: new Rng(99),
        dtype: 'float64',
        activation,
      });
      const output = new Dense(4, 1, {
        bias: false,
        init: uniform(0, 1),
        rng: new Rng(99),
        dtype: 'float64',
        activation,
      });
      const model = fused
        ? new Sequential(hidden, output)
        : new Sequential(hidden, new Sigmoid(), output, new Sigmoid());
      hidden.weight.value = initialW1;
      output.weight.value = initialW2;
      const optimizer = new SGD(model.parameters(), { lr: 1 });
      const inputs = constant(X);
      const targets = constant(y);

      let w1 = initialW1;
      let w2 = initialW2;
      let worstWeightDifference = 0;
      let worstLossDifference = 0;
      const losses: number[] = [];
      for (let step = 0; step < 1500; step++) {
        optimizer.zeroGrad();
        const loss = sse(model.forward(inputs), targets);
        loss.backward();
        optimizer.step();

        const reference = tutorialStep(w1, w2);
        w1 = reference.w1;
        w2 = reference.w2;
        losses.push(reference.loss);
        worstLossDifference = Math.max(worstLossDifference, Math.abs(loss.item() - reference.loss));
        const [first, second] = model.parameters();
        worstWeightDifference = Math.max(
          worstWeightDifference,
          maxDifference(first!.value, w1),
          maxDifference(second!.value, w2),
        );
      }
      expect(worstLossDifference).toBeLessThan(1e-12);
      expect(worstWeightDifference).toBeLessThan(1e-9);

      const predictions = flat(model.forward(inputs).value);
      const expected = flat(T.sigmoid(T.matmul(T.sigmoid(T.matmul(X, w1)), w2)));
      predictions.forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(1e-9));

      // The tutorial's outcome: the loss falls at every step and the predictions approach 0, 1, 1, 0.
      losses.slice(1).forEach((loss, index) => expect(loss).toBeLessThan(losses[index]!));
      [0, 1, 1, 0].forEach((target, index) => expect(Math.abs(predictions[index]! - target)).toBeLessThan(0.05));
    },
  );
});
