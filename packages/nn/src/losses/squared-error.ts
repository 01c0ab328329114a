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
    const pData = p.data;
    const tData = t.data;
    const pOffset = p.offset;
    const tOffset = t.offset;
    let total = 0;
    if (p.dtype === 'float64') {
      for (let i = 0; i < p.size; i++) {
        const error = tData[tOffset + i]! - pData[pOffset + i]!;
        total += error * error;
      }
      return T.scalar(total, float64);
    }
    for (let i = 0; i < p.size; i++) {
      const error = Math.fround(tData[tOffset + i]! - pData[pOffset + i]!);
      total += Math.fround(error * error);
    }
    return T.scalar(total, float32);
  },
  // ∂L/∂prediction = −2(target − prediction) = 2(prediction − target), ∂L/∂target = 2(target − prediction).
  backward: (grad, [prediction, target]) => {
    const gradient = isRecording()
      ? mul(grad, mul(sub(prediction, target), 2))
      : new Var(twiceErrorTimes(grad.value.item(), prediction.value, target.value));
    return [prediction.requiresGrad ? gradient : null, target.requiresGrad ? neg(gradient) : null];
  },
});

const float64: T.DTypeOptions = { dtype: 'float64' };
const float32: T.DTypeOptions = { dtype: 'float32' };
const sseNames: readonly [string, string] = ['prediction', 'target'];

/** `g · (2·(prediction − target))` in one loop, rounding each step to the dtype as `sub` and `mul` would. */
function twiceErrorTimes(g: number, prediction: Tensor, target: Tensor): Tensor {
  const p = prediction.contiguous();
  const t = target.contiguous();
  const result = T.zerosLike(p);
  const out = result.data;
  const pData = p.data;
  const tData = t.data;
  const pOffset = p.offset;
  const tOffset = t.offset;
  if (out instanceof Float64Array) {
    for (let i = 0; i < out.length; i++) out[i] = g * (2 * (pData[pOffset + i]! - tData[tOffset + i]!));
  } else {
    for (let i = 0; i < out.length; i++)
      out[i] = g * Math.fround(2 * Math.fround(pData[pOffset + i]! - tData[tOffset + i]!));
  }
  return result;
}

/** Sum of squared errors, the tutorial's loss: `L = Σ (target − prediction)²` over every element (shapes must match). */
export function sse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('sse', sseNames, prediction, target, true);
  return sumOfSquaredErrors(predicted, expected);
}

/** Mean squared error: `L = (1/n) Σ (prediction − target)²` over the n elements (shapes must match, n ≥ 1). */
export function mse(prediction: LossInput, target: LossInput): Var {
  const [predicted, expected] = pairedInputs('mse', ['prediction', 'target'], prediction, target);
  return mean(square(sub(predicted, expected)));
}
