import * as T from '@chainrule/tensor';
import type { GeluApproximation, GeluOptions, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { add } from './add';
import { exp } from './exp';
import { mul } from './mul';
import { square } from './square';
import { sub } from './sub';
import { tanh } from './tanh';
import { unbroadcast } from './broadcast-to';
import { where } from './where';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const CUBIC = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
/** Beyond this |x|, the tanh form's 1 − tanh²(u) is 0 in float64 (u > 2300). */
const TANH_TAIL = 40;

/**
 * gelu''(x) from differentiable ops, so that gelu has third derivatives too. Exact: φ(x)·(2 − x²), φ the normal
 * density. Tanh form, with u = k(x + c·x³), t = tanh u, u' = k(1 + 3c·x²): (1 − t²)·(k(1 + 6c·x²) − x·t·u'²).
 */
function secondDerivative(x: Var, approximate: string): Var {
  if (approximate !== 'tanh') {
    // NOTE: as 2φ − x·(x·φ): φ underflows to 0 long before x² overflows, so every product stays finite (φ·(2 − x²)
    // would be 0·(−∞) = NaN once x² overflows, above |x| ≈ 1.8e19 in float32).
    const density = mul(exp(mul(square(x), -0.5)), INV_SQRT_2PI);
    return sub(mul(density, 2), mul(x, mul(x, density)));
  }
  // NOTE: gelu'' is 0 in float64 beyond |x| = TANH_TAIL (1 − t² underflows), but there x³ and u'² overflow for huge
  // |x| and 0·∞ would give NaN: those elements are computed at x = 0 and replaced by 0, through constant masks.
  const tail = T.greater(T.abs(x.value), TANH_TAIL);
  const inside = where(tail, 0, x);
  const x2 = square(inside);
  const t = tanh(mul(mul(inside, add(1, mul(x2, CUBIC))), SQRT_2_OVER_PI));
  const slope = mul(add(1, mul(x2, 3 * CUBIC)), SQRT_2_OVER_PI);
  const bend = mul(add(1, mul(x2, 6 * CUBIC)), SQRT_2_OVER_PI);
  return where(tail, 0, mul(sub(1, square(t)), sub(bend, mul(mul(inside, t), square(slope)))));
}

const geluGradOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], Required<GeluOptions>>({
  name: 'geluGrad',
  forward: ([x, dy], { approximate }) => T.geluGrad(x, dy, { approximate }),
  // ∂out/∂x = dy·gelu''(x), ∂out/∂dy = gelu'(x); broadcast axes summed back.
  backward: (grad, [x, dy], _out, { approximate }) => [
    x.requiresGrad ? unbroadcast(mul(grad, mul(dy, secondDerivative(x, approximate))), x.shape) : null,
    dy.requiresGrad ? unbroadcast(geluGrad(x, grad, { approximate }), dy.shape) : null,
  ],
});

/** The gradient through a GELU from its input `x`: `out = dy · gelu′(x)` (the kernel `geluGrad` of tensor). */
export function geluGrad(x: VarLike, dy: VarLike, options: GeluOptions = {}): Var {
  return geluGradOp([x, dy], { approximate: approximation('geluGrad', options) });
}

/** Internal: GELU's `approximate` option ('none' by default); an unknown value is reported by the tensor kernel. */
export function approximation(op: string, options: GeluOptions): GeluApproximation {
  if (options === null || typeof options !== 'object') {
    throw new T.ValueError(`${op}: options must be an object such as { approximate: 'tanh' }; got ${String(options)}`);
  }
  return options.approximate ?? 'none';
}
