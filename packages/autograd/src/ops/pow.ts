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
 * @function
 */
export const pow: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'pow',
  forward: ([a, b]) => T.pow(a, b),
  // ∂out/∂a = b·aᵇ⁻¹, ∂out/∂b = aᵇ·ln a = out·ln a; broadcast axes summed back.
  backward: (grad, [a, b], out) => [
    a.requiresGrad ? unbroadcast(mul(grad, mul(b, pow(a, sub(exponentWithoutZeroPower(a, b), 1)))), a.shape) : null,
    b.requiresGrad ? unbroadcast(mul(grad, mul(out, log(baseWithoutZeros(a, b)))), b.shape) : null,
  ],
});

// NOTE: the convention at a base of 0 is PyTorch's (pow_backward_self / pow_backward_exponent). Two products are
// 0·∞ = NaN at single points: b·a^(b−1) where a = 0 and b = 0 (0·0⁻¹), and out·ln a where a = 0 and b ≥ 0 (0·(−∞),
// or 1·(−∞) at b = 0). There ∂out/∂a is 0 (aᵇ is 1 whatever a when b = 0) and ∂out/∂b is 0 (aᵇ is 0 for every b > 0
// when a = 0; at b = 0 that is the right-hand derivative). Putting 1 in place of those zeros inside the power or the
// log gives these values; the masks are constants, so the result stays differentiable. Where a = 0 and b < 0 the log
// is kept: ∂out/∂b = ∞·(−∞) = −∞, the limit of aᵇ·ln a as a → 0⁺ (masking it too gave ∞·0 = NaN). The exponent is
// replaced only where a and b are both 0: at a ≠ 0, b = 0 the factor a^(b−1) = 1/a is finite and its b-derivative
// a^(b−1)·ln a is needed for the second derivative ∂²out/∂b∂a = a^(b−1)·(1 + b·ln a).
// Second derivatives are those of these formulas: exact wherever a ≠ 0, and at a = 0 whatever the constant masks give
// (the Hessian at (a, b) = (0, 1) comes out [[0, 1], [0, 0]], as from PyTorch's formulas, while the mixed partial's
// limit from a > 0 is −∞: a singularity these conventions do not report).
// The masks are applied whether or not a zero is present: the rule never branches on values (a compiled step
// replays it on other values).
function exponentWithoutZeroPower(a: Var, b: Var): Var {
  const both = T.mul(T.equal(a.value, 0), T.equal(b.value, 0));
  return where(both, 1, b);
}

function baseWithoutZeros(a: Var, b: Var): Var {
  const zeroBaseNonNegativeExponent = T.mul(T.equal(a.value, 0), T.greaterEqual(b.value, 0));
  return where(zeroBaseNonNegativeExponent, 1, a);
}
