import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';

/**
 * Element-wise exponential: `out = eˣ`. NOTE: overflows to Infinity for x > ~88.7 (float32) / ~709.8 (float64), as eˣ does.
 * @function
 */
export const exp: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'exp',
  forward: ([x]) => T.exp(x),
  // d/dx eˣ = eˣ = out: reuse the saved output.
  backward: (grad, _inputs, out) => [mul(grad, out)],
});
