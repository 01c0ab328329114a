import { type Var, add, defineOp, mean, mul, neg, reshape, square, sub, sum } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type LossInput, pairedInputs } from './loss-inputs';

const names: readonly [string, string] = ['prediction', 'target'];

// The gradient of the sum of squared errors, as an op of its own (so that second order goes through it), over the
// tensor kernel `squaredErrorGrad`: out = (prediction − target)·(grad + grad), `grad` the loss's (one element).
const squaredErrorGrad = defineOp<[Tensor, Tensor, Tensor]>({
  name: 'squaredErrorGrad',
  forward: ([prediction, target, grad]) => T.squaredErrorGrad(prediction, target, grad),
  // ∂out/∂prediction = 2·grad, ∂out/∂target = −2·grad (times the incoming g); ∂out/∂grad = Σ 2(prediction − target)·g.
  backward: (g, [prediction, target, grad]) => {
    const scaled = prediction.requiresGrad || target.requiresGrad ? mul(g, add(grad, grad)) : null;
    return [
      prediction.requiresGrad ? scaled : null,
      target.requiresGrad ? neg(scaled!) : null,
      grad.requiresGrad ? reshape(mul(sum(mul(g, sub(prediction, target))), 2), grad.shape) : null,
    ];
  },
});

// One op with one kernel each way, as PyTorch's mse_loss: one graph node instead of three (sub, square, sum).
const sumOfSquaredErrors = defineOp<[Tensor, Tensor]>({
  name: 'sse',
  forward: ([prediction, target]) => T.squaredErrorSum(prediction, target),
  // ∂L/∂prediction = −2(target − prediction)·grad = (prediction − target)·(grad + grad); ∂L/∂target is its negative.
  backward: (grad, [prediction, target]) => {
    const gradient = squaredErrorGrad(prediction, target, grad);
    return [prediction.requiresGrad ? gradient : null, target.requiresGrad ? neg(gradient) : null];
  },
});

/** Sum of squared errors, the tutorial's loss: `L = Σ (target − prediction)²` over every element (shapes must match). */
export function sse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('sse', names, prediction, target, true);
  return sumOfSquaredErrors(predicted, expected);
}

/** Mean squared error: `L = (1/n) Σ (prediction − target)²` over the n elements (shapes must match, n ≥ 1). */
export function mse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('mse', names, prediction, target);
  return mean(square(sub(predicted, expected)));
}
