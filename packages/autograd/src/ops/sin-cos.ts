import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { neg } from './neg';

// sin and cos are each other's derivatives, so they share this file.

/**
 * Element-wise sine: `out = sin x` (radians).
 * @function
 */
export const sin: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'sin',
  forward: ([x]) => T.sin(x),
  // d/dx sin x = cos x.
  backward: (grad, [x]) => [mul(grad, cos(x))],
});

/**
 * Element-wise cosine: `out = cos x` (radians).
 * @function
 */
export const cos: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'cos',
  forward: ([x]) => T.cos(x),
  // d/dx cos x = −sin x.
  backward: (grad, [x]) => [mul(grad, neg(sin(x)))],
});
