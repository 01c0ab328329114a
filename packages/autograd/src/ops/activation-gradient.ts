import * as T from '@chainrule/tensor';
import type { FusedActivation, Tensor } from '@chainrule/tensor';
import { isRecording } from '../recording';
import { Var } from '../var';
import { mul } from './mul';
import { square } from './square';
import { sub } from './sub';

/**
 * Internal: ∂L/∂z from `grad` = ∂L/∂out for `out = f(z)`, each derivative read from the saved output (so the
 * backward needs no input): σ' = out(1 − out), tanh' = 1 − out², relu' = [out > 0] (0 at 0, as PyTorch and JAX),
 * linear' = 1 (`grad` itself).
 *
 * NOTE: a recorded pass (createGraph) builds the Var expression, so second derivatives work; otherwise one fused loop
 * computes the same numbers (each step rounded to the dtype as the separate ops would) without their intermediates.
 */
export function activationGradient(activation: FusedActivation, grad: Var, out: Var): Var {
  if (activation === 'linear') return grad;
  if (!isRecording()) return new Var(activationGradientTensor(activation, grad.value, out.value));
  if (activation === 'sigmoid') return mul(grad, mul(out, sub(1, out)));
  if (activation === 'tanh') return mul(grad, sub(1, square(out)));
  return mul(grad, T.greater(out.value, 0)); // relu: a constant mask, second derivative 0
}

/** Internal: `grad ⊙ f'(out)` on tensors, one loop per activation and dtype (`grad` itself for `'linear'`). */
export function activationGradientTensor(activation: FusedActivation, grad: Tensor, out: Tensor): Tensor {
  if (activation === 'linear') return grad;
  const g = grad.contiguous();
  const o = out.contiguous();
  const result = T.zerosLike(o);
  const dz = result.data;
  const dy = g.data;
  const y = o.data;
  const go = g.offset;
  const yo = o.offset;
  const n = dz.length;
  const float64 = dz instanceof Float64Array;
  if (activation === 'sigmoid') {
    if (float64) for (let i = 0; i < n; i++) dz[i] = dy[go + i]! * (y[yo + i]! * (1 - y[yo + i]!));
    else for (let i = 0; i < n; i++) dz[i] = dy[go + i]! * Math.fround(y[yo + i]! * Math.fround(1 - y[yo + i]!));
  } else if (activation === 'tanh') {
    if (float64) for (let i = 0; i < n; i++) dz[i] = dy[go + i]! * (1 - y[yo + i]! * y[yo + i]!);
    else for (let i = 0; i < n; i++) dz[i] = dy[go + i]! * Math.fround(1 - Math.fround(y[yo + i]! * y[yo + i]!));
  } else {
    for (let i = 0; i < n; i++) dz[i] = dy[go + i]! * (y[yo + i]! > 0 ? 1 : 0);
  }
  return result;
}
