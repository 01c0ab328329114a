import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';

/**
 * Element-wise negation: `out = −x`.
 * @function
 */
export const neg: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'neg',
  forward: ([x]) => T.neg(x),
  // ∂out/∂x = −1.
  backward: (grad) => [neg(grad)],
});
