import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { exp } from './exp';
import { mul } from './mul';

/**
 * Element-wise `out = eˣ − 1`, exact for tiny x (the kernel `expm1`, the inverse of `log1p`).
 * @function
 */
export const expm1: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'expm1',
  forward: ([x]) => T.expm1(x),
  // d/dx (eˣ − 1) = eˣ.
  // NOTE: eˣ from exp(x), not out + 1: below x ≈ −37 out rounds to −1 and out + 1 would give 0 instead of eˣ.
  backward: (grad, [x]) => [mul(grad, exp(x))],
});
