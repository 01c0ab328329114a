import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { add } from './add';
import { div } from './div';

/**
 * Element-wise `out = ln(1 + x)`, exact for tiny x (the kernel `log1p`); −Infinity at −1, NaN below.
 * @function
 */
export const log1p: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'log1p',
  forward: ([x]) => T.log1p(x),
  // d/dx ln(1 + x) = 1/(1 + x).
  backward: (grad, [x]) => [div(grad, add(x, 1))],
});
