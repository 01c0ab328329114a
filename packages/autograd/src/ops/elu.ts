import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { exp } from './exp';
import { mul } from './mul';
import { where } from './where';

const eluOp = /* @__PURE__ */ defineOp<[Tensor], { alpha: number }>({
  name: 'elu',
  forward: ([x], { alpha }) => T.elu(x, alpha),
  // ∂out/∂x = 1 for x > 0, α·eˣ otherwise (α at x = 0, as in PyTorch).
  // NOTE: eˣ of the non-positive side only (positives replaced by 0): exp of a large positive x would overflow, and
  // the masked-out ∞ would turn into 0·∞ = NaN in the second derivative. α·eˣ, not out + α, keeps tiny eˣ exact.
  backward: (grad, [x], _out, { alpha }) => {
    const positive = T.greater(x.value, 0);
    return [mul(grad, where(positive, 1, mul(alpha, exp(where(positive, 0, x)))))];
  },
});

/** ELU, element-wise: `out = x` for `x > 0`, `alpha·(eˣ − 1)` otherwise (default α = 1, as PyTorch). */
export function elu(x: VarLike, alpha = 1): Var {
  return eluOp([x], { alpha });
}
