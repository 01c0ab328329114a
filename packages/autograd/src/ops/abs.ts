import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';

/**
 * Element-wise absolute value: `out = |x|`.
 * @function
 */
export const abs: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'abs',
  forward: ([x]) => T.abs(x),
  // d/dx |x| = sign(x), a constant mask (second derivative 0).
  // NOTE: |x| has no derivative at 0; we take sign(0) = 0 there, the subgradient PyTorch and JAX use.
  backward: (grad, [x]) => [mul(grad, T.sign(x.value))],
});
