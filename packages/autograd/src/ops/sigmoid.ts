import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { activationGradient } from './activation-gradient';

/** Logistic sigmoid, element-wise: `out = 1 / (1 + e⁻ˣ)`; the stable kernel gives exactly 0 or 1 far out, never NaN. */
export const sigmoid: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'sigmoid',
  forward: ([x]) => T.sigmoid(x),
  // σ'(x) = σ(x)·(1 − σ(x)) = out·(1 − out): reuse the saved output, differentiable again (see activationGradient).
  backward: (grad, _inputs, out) => [activationGradient('sigmoid', grad, out)],
});
