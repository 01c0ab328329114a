import { type Var, add, defineOp, mean, mul, neg, square, sub } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type LossInput, pairedInputs } from './loss-inputs';

const names: readonly [string, string] = ['prediction', 'target'];

// One op, as PyTorch's mse_loss is: one graph node instead of three (sub, square, sum).
const sumOfSquaredErrors = defineOp<[Tensor, Tensor]>({
  name: 'sse',
  forward: ([prediction, target]) => T.sum(T.square(T.sub(target, prediction))),
  // ∂L/∂prediction = −2(target − prediction)·grad = (prediction − target)·(grad + grad); ∂L/∂target is its negative.
  backward: (grad, [prediction, target]) => {
    const gradient = mul(sub(prediction, target), add(grad, grad));
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
