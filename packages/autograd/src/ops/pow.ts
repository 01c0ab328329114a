import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { log } from './log';
import { mul } from './mul';
import { sub } from './sub';
import { unbroadcast } from './sum-to';
import { where } from './where';

/**
 * Element-wise power with NumPy broadcasting: `out = aᵇ` (`pow(x, 2)` takes a number exponent).
 * NOTE: for a < 0 the real power has no derivative with respect to b (ln a is undefined), so that gradient is NaN.
 */
export const pow: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'pow',
  forward: ([a, b]) => T.pow(a, b),
  // ∂out/∂a = b·aᵇ⁻¹, ∂out/∂b = aᵇ·ln a = out·ln a; broadcast axes summed back.
  backward: (grad, [a, b], out) => [
    a.requiresGrad ? unbroadcast(mul(grad, mul(b, pow(a, sub(replaceZeros(b), 1)))), a.shape) : null,
    b.requiresGrad ? unbroadcast(mul(grad, mul(out, log(replaceZeros(a)))), b.shape) : null,
  ],
});

// NOTE: where b = 0, b·a^(b−1) is 0·0⁻¹ = NaN at a = 0, and where a = 0, out·ln a is 0·(−∞) = NaN; the limits are 0.
// Putting 1 in place of those zeros inside the power/log keeps both the value and its derivatives finite
// (the mask is a constant, so the result stays differentiable).
function replaceZeros(x: Var): Var {
  if (!hasZero(x.value)) return x;
  return where(T.equal(x.value, 0), T.onesLike(x.value), x);
}

function hasZero(t: Tensor): boolean {
  if (!t.isContiguous()) return hasZero(t.contiguous());
  const data = t.data;
  for (let i = t.offset, end = t.offset + t.size; i < end; i++) if (data[i] === 0) return true;
  return false;
}
