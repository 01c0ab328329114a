import * as T from '@chainrule/tensor';
import { Rng, type Tensor } from '@chainrule/tensor';
import { type Var, grad, matmul, sigmoid, square, sub, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64 } from './helpers';

// The tutorial's data and network: Dense(3→4) → sigmoid → Dense(4→1) → sigmoid, SSE loss, no biases.
const X = f64([
  [0, 0, 1],
  [0, 1, 1],
  [1, 0, 1],
  [1, 1, 1],
]);
const y = f64([[0], [1], [1], [0]]);

function loss(w1: Var, w2: Var): Var {
  const layer1 = sigmoid(matmul(X, w1));
  const output = sigmoid(matmul(layer1, w2));
  return sum(square(sub(y, output)));
}

/** The tutorial's hand-derived updates (it adds them to the weights, i.e. they are −∂L/∂W). */
function tutorialUpdates(w1: Tensor, w2: Tensor): [Tensor, Tensor] {
  const layer1 = T.sigmoid(T.matmul(X, w1));
  const output = T.sigmoid(T.matmul(layer1, w2));
  const delta2 = T.mul(T.mul(2, T.sub(y, output)), T.mul(output, T.sub(1, output)));
  const dWeights2 = T.matmul(T.transpose(layer1), delta2);
  const delta1 = T.mul(T.matmul(delta2, T.transpose(w2)), T.mul(layer1, T.sub(1, layer1)));
  const dWeights1 = T.matmul(T.transpose(X), delta1);
  return [dWeights1, dWeights2];
}

describe('reference network', () => {
  const rng = new Rng(42);
  const w1 = rng.uniform([3, 4], 0, 1, { dtype: 'float64' });
  const w2 = rng.uniform([4, 1], 0, 1, { dtype: 'float64' });

  it('gives both weight gradients equal to minus the tutorial update, to 1e-12 (backward)', () => {
    const weights1 = variable(w1);
    const weights2 = variable(w2);
    loss(weights1, weights2).backward();
    const [d1, d2] = tutorialUpdates(w1, w2);
    expectClose(weights1.grad!, T.neg(d1).toArray(), 1e-12);
    expectClose(weights2.grad!, T.neg(d2).toArray(), 1e-12);
  });

  it('gives the same gradients through grad(f, [0, 1])', () => {
    const [g1, g2] = grad(loss, [0, 1])(w1, w2);
    const [d1, d2] = tutorialUpdates(w1, w2);
    expectClose(g1!, T.neg(d1).toArray(), 1e-12);
    expectClose(g2!, T.neg(d2).toArray(), 1e-12);
  });

  it('trains like the tutorial: 1500 steps of gradient descent, loss falling, predictions near 0, 1, 1, 0', () => {
    const weights1 = variable(w1);
    const weights2 = variable(w2);
    const losses: number[] = [];
    for (let step = 0; step < 1500; step++) {
      const value = loss(weights1, weights2);
      losses.push(value.item());
      value.backward();
      weights1.value = T.sub(weights1.value, weights1.grad!.value);
      weights2.value = T.sub(weights2.value, weights2.grad!.value);
      weights1.zeroGrad();
      weights2.zeroGrad();
    }
    for (let step = 1; step < losses.length; step++) expect(losses[step]).toBeLessThan(losses[step - 1]!);
    const predictions = T.sigmoid(T.matmul(T.sigmoid(T.matmul(X, weights1.value)), weights2.value));
    const targets = [0, 1, 1, 0];
    targets.forEach((target, row) => expect(Math.abs(predictions.get(row, 0) - target)).toBeLessThan(0.05));
  });
});
