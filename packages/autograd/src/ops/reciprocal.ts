import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { neg } from './neg';
import { square } from './square';

/**
 * Element-wise reciprocal: `out = 1/x`.
 * @function
 */
export const reciprocal: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'reciprocal',
  forward: ([x]) => T.reciprocal(x),
  // d/dx (1/x) = −1/x² = −out²: reuse the saved output.
  backward: (grad, _inputs, out) => [mul(neg(grad), square(out))],
});
