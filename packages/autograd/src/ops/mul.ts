import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { unbroadcast } from './broadcast-to';

/**
 * Element-wise product with NumPy broadcasting: `out = a ⊙ b`.
 * @function
 */
export const mul: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'mul',
  forward: ([a, b]) => T.mul(a, b),
  // ∂out/∂a = b, ∂out/∂b = a; broadcast axes are summed back to each input's shape.
  backward: (grad, [a, b]) => [
    a.requiresGrad ? unbroadcast(mul(grad, b), a.shape) : null,
    b.requiresGrad ? unbroadcast(mul(grad, a), b.shape) : null,
  ],
});
