import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { log } from './log';
import { mul } from './mul';
import { sub } from './sub';
import { unbroadcast } from './broadcast-to';
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
    a.requiresGrad ? unbroadcast(mul(grad, mul(b, pow(a, sub(exponentWithoutZeroPower(a, b), 1)))), a.shape) : null,
    b.requiresGrad ? unbroadcast(mul(grad, mul(out, log(baseWithoutZeros(a)))), b.shape) : null,
  ],
});

// NOTE: two products are 0·∞ = NaN at single points although their limits are 0: b·a^(b−1) where a = 0 and b = 0
// (0·0⁻¹), and out·ln a where a = 0 (0·(−∞)). Putting 1 in place of those zeros inside the power/log keeps the
// value finite there, and the mask is a constant, so the result stays differentiable. The exponent is replaced only
// where a and b are both 0: at a ≠ 0, b = 0 the factor a^(b−1) = 1/a is finite and its b-derivative
// a^(b−1)·ln a is needed for the second derivative ∂²out/∂b∂a = a^(b−1)·(1 + b·ln a).
function exponentWithoutZeroPower(a: Var, b: Var): Var {
  if (!hasZero(a.value) || !hasZero(b.value)) return b;
  const both = T.mul(T.equal(a.value, 0), T.equal(b.value, 0));
  return where(both, 1, b);
}

function baseWithoutZeros(a: Var): Var {
  if (!hasZero(a.value)) return a;
  return where(T.equal(a.value, 0), T.onesLike(a.value), a);
}

function hasZero(t: Tensor): boolean {
  if (!t.isContiguous()) return hasZero(t.contiguous());
  const data = t.data;
  for (let i = t.offset, end = t.offset + t.size; i < end; i++) if (data[i] === 0) return true;
  return false;
}
