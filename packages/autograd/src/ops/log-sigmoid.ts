import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { neg } from './neg';
import { sigmoid } from './sigmoid';

/**
 * Log of the sigmoid, element-wise: `out = log σ(x) = −softplus(−x)`, finite for every finite x.
 * @function
 */
export const logSigmoid: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'logSigmoid',
  forward: ([x]) => T.logSigmoid(x),
  // d/dx log σ(x) = σ'(x)/σ(x) = 1 − σ(x) = σ(−x).
  backward: (grad, [x]) => [mul(grad, sigmoid(neg(x)))],
});
