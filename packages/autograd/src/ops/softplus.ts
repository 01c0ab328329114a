import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { sigmoid } from './sigmoid';

/**
 * Softplus, element-wise: `out = log(1 + eˣ)`, computed stably (the kernel `softplus`, PyTorch's β = 1).
 * @function
 */
export const softplus: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'softplus',
  forward: ([x]) => T.softplus(x),
  // d/dx log(1 + eˣ) = eˣ/(1 + eˣ) = σ(x).
  backward: (grad, [x]) => [mul(grad, sigmoid(x))],
});
