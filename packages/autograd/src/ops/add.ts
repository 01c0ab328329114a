import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { unbroadcast } from './broadcast-to';

/**
 * Element-wise sum with NumPy broadcasting: `out = a + b`.
 * @function
 */
export const add: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'add',
  forward: ([a, b]) => T.add(a, b),
  // ∂out/∂a = ∂out/∂b = 1; broadcast axes are summed back to each input's shape.
  backward: (grad, [a, b]) => [
    a.requiresGrad ? unbroadcast(grad, a.shape) : null,
    b.requiresGrad ? unbroadcast(grad, b.shape) : null,
  ],
});
