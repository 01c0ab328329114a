import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { unbroadcast } from './broadcast-to';

/**
 * The gradient through a relu from its output `y`: `out = dy · [y > 0]` (the kernel `reluGrad` of tensor).
 * @function
 */
export const reluGrad: (y: VarLike, dy: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'reluGrad',
  forward: ([y, dy]) => T.reluGrad(y, dy),
  // ∂out/∂dy = [y > 0]; ∂out/∂y = 0 wherever it exists (the mask is piecewise constant), so y gets no gradient.
  backward: (grad, [y, dy]) => [null, dy.requiresGrad ? unbroadcast(reluGrad(y, grad), dy.shape) : null],
});
