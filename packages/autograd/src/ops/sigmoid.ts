import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { sigmoidGrad } from './sigmoid-grad';

/**
 * Logistic sigmoid, element-wise: `out = 1 / (1 + e⁻ˣ)`; the stable kernel gives exactly 0 or 1 far out, never NaN.
 * @function
 */
export const sigmoid: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'sigmoid',
  forward: ([x]) => T.sigmoid(x),
  // σ'(x) = σ(x)·(1 − σ(x)) = out·(1 − out): the saved output serves, no exp again (TF.js's Sigmoid grad does this).
  backward: (grad, _inputs, out) => [sigmoidGrad(out, grad)],
});
