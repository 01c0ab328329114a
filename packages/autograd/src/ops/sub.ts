import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { neg } from './neg';
import { unbroadcast } from './broadcast-to';

/**
 * Element-wise difference with NumPy broadcasting: `out = a − b`.
 * @function
 */
export const sub: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'sub',
  forward: ([a, b]) => T.sub(a, b),
  // ∂out/∂a = 1, ∂out/∂b = −1; broadcast axes are summed back to each input's shape.
  backward: (grad, [a, b]) => [
    a.requiresGrad ? unbroadcast(grad, a.shape) : null,
    b.requiresGrad ? unbroadcast(neg(grad), b.shape) : null,
  ],
});
