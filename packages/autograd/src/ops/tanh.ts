import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { tanhGrad } from './tanh-grad';

/**
 * Hyperbolic tangent, element-wise: `out = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`.
 * @function
 */
export const tanh: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'tanh',
  forward: ([x]) => T.tanh(x),
  // tanh'(x) = 1 − tanh²(x) = 1 − out²: the saved output serves.
  backward: (grad, _inputs, out) => [tanhGrad(out, grad)],
});
