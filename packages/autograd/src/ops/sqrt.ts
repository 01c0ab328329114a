import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { div } from './div';
import { mul } from './mul';

/**
 * Element-wise square root: `out = √x`.
 * @function
 */
export const sqrt: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'sqrt',
  forward: ([x]) => T.sqrt(x),
  // d/dx √x = 1/(2√x) = 1/(2·out): reuse the saved output (Infinity at x = 0, as the derivative is).
  backward: (grad, _inputs, out) => [div(grad, mul(out, 2))],
});
