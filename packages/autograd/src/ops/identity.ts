import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';

/**
 * Internal: `out = x` as a new graph node (gives each argument of `grad(f)` its own node).
 * @function
 */
export const identity: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'identity',
  forward: ([x]) => x,
  // ∂out/∂x = 1.
  backward: (grad) => [grad],
});
