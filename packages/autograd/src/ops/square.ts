import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';

/**
 * Element-wise square: `out = x²`.
 * @function
 */
export const square: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'square',
  forward: ([x]) => T.square(x),
  // d/dx x² = 2x.
  backward: (grad, [x]) => [mul(grad, mul(x, 2))],
});
