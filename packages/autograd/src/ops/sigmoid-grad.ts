import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { sub } from './sub';
import { unbroadcast } from './broadcast-to';

/**
 * The gradient through a sigmoid from its output `y`: `out = dy · y · (1 − y)` (the kernel `sigmoidGrad` of tensor).
 * @function
 */
export const sigmoidGrad: (y: VarLike, dy: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'sigmoidGrad',
  forward: ([y, dy]) => T.sigmoidGrad(y, dy),
  // ∂out/∂y = dy·(1 − 2y), ∂out/∂dy = y·(1 − y); broadcast axes summed back.
  backward: (grad, [y, dy]) => [
    y.requiresGrad ? unbroadcast(mul(grad, mul(dy, sub(1, mul(2, y)))), y.shape) : null,
    dy.requiresGrad ? unbroadcast(sigmoidGrad(y, grad), dy.shape) : null,
  ],
});
