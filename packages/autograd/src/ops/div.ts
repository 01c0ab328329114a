import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { neg } from './neg';
import { unbroadcast } from './broadcast-to';

/**
 * Element-wise quotient with NumPy broadcasting: `out = a / b`.
 * @function
 */
export const div: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'div',
  forward: ([a, b]) => T.div(a, b),
  // ∂out/∂a = 1/b, ∂out/∂b = −a/b² = −out/b (reusing out); broadcast axes summed back.
  backward: (grad, [a, b], out) => [
    a.requiresGrad ? unbroadcast(div(grad, b), a.shape) : null,
    b.requiresGrad ? unbroadcast(neg(div(mul(grad, out), b)), b.shape) : null,
  ],
});
