import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { unbroadcast } from './broadcast-to';

/**
 * The gradient through a tanh from its output `y`: `out = dy · (1 − y²)` (the kernel `tanhGrad` of tensor).
 * @function
 */
export const tanhGrad: (y: VarLike, dy: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'tanhGrad',
  forward: ([y, dy]) => T.tanhGrad(y, dy),
  // ∂out/∂y = −2·y·dy, ∂out/∂dy = 1 − y²; broadcast axes summed back.
  backward: (grad, [y, dy]) => [
    y.requiresGrad ? unbroadcast(mul(grad, mul(-2, mul(y, dy))), y.shape) : null,
    dy.requiresGrad ? unbroadcast(tanhGrad(y, grad), dy.shape) : null,
  ],
});
