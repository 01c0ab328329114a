import { Var, defineOp, isRecording, mean, mul, neg, square, sub } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type LossInput, pairedInputs } from './loss-inputs';

// NOTE: one graph node and one loop instead of three of each (sub, square, sum): the reference network's loss then
// costs one node in the backward walk. Each step rounds to the dtype as the separate tensor ops would (and the sum
// accumulates in float64 as `sum` does), so the numbers are the same. With createGraph the backward is recorded as
// Var ops (second order works); without, one fused loop computes it.
const sumOfSquaredErrors = defineOp<[Tensor, Tensor]>({
  name: 'sse',
  forward: ([prediction, target]) => {
    const p = prediction.contiguous();
    const t = target.contiguous();
    const round = p.dtype === 'float64' ? unrounded : Math.fround;
    let total = 0;
    for (let i = 0; i < p.size; i++) {
      const error = round(t.data[t.offset + i]! - p.data[p.offset + i]!);
      total += round(error * error);
    }
    return T.scalar(total, { dtype: p.dtype });
  },
  // ∂L/∂prediction = −2(target − prediction) = 2(prediction − target), ∂L/∂target = 2(target − prediction).
  backward: (grad, [prediction, target]) => {
    const gradient = isRecording()
      ? mul(grad, mul(sub(prediction, target), 2))
      : new Var(twiceErrorTimes(grad.value.item(), prediction.value, target.value));
    return [prediction.requiresGrad ? gradient : null, target.requiresGrad ? neg(gradient) : null];
  },
});

/** `g · (2·(prediction − target))` in one loop, rounding each step to the dtype as `sub` and `mul` would. */
function twiceErrorTimes(g: number, prediction: Tensor, target: Tensor): Tensor {
  const p = prediction.contiguous();
  const t = target.contiguous();
  const result = T.zerosLike(p);
  const out = result.data;
  const round = out instanceof Float64Array ? unrounded : Math.fround;
  for (let i = 0; i < out.length; i++) out[i] = g * round(2 * round(p.data[p.offset + i]! - t.data[t.offset + i]!));
  return result;
}

function unrounded(x: number): number {
  return x;
}

/** Sum of squared errors, the tutorial's loss: `L = Σ (target − prediction)²` over every element (shapes must match). */
export function sse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('sse', ['prediction', 'target'], prediction, target, true);
  return sumOfSquaredErrors(predicted, expected);
}

/** Mean squared error: `L = (1/n) Σ (prediction − target)²` over the n elements (shapes must match, n ≥ 1). */
export function mse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('mse', ['prediction', 'target'], prediction, target);
  return mean(square(sub(predicted, expected)));
}
