import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { activationGradient } from './activation-gradient';

/** Hyperbolic tangent, element-wise: `out = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`. */
export const tanh: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'tanh',
  forward: ([x]) => T.tanh(x),
  // tanh'(x) = 1 − tanh²(x) = 1 − out²: reuse the saved output, differentiable again (see activationGradient).
  backward: (grad, _inputs, out) => [activationGradient('tanh', grad, out)],
});
