import { type Var, mean, square, sub, sum } from '@chainrule/autograd';
import { type LossInput, pairedInputs } from './loss-inputs';

/** Sum of squared errors, the tutorial's loss: `L = Σ (target − prediction)²` over every element (shapes must match). */
export function sse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('sse', ['prediction', 'target'], prediction, target, true);
  return sum(square(sub(expected, predicted)));
}

/** Mean squared error: `L = (1/n) Σ (prediction − target)²` over the n elements (shapes must match, n ≥ 1). */
export function mse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('mse', ['prediction', 'target'], prediction, target);
  return mean(square(sub(predicted, expected)));
}
