import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { div } from './div';

/**
 * Element-wise natural logarithm: `out = ln x` (−Infinity at 0, NaN below).
 * @function
 */
export const log: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'log',
  forward: ([x]) => T.log(x),
  // d/dx ln x = 1/x.
  backward: (grad, [x]) => [div(grad, x)],
});
