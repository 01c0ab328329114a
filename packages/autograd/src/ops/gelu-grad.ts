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

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const CUBIC = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/**
 * gelu''(x) from differentiable ops, so that gelu has third derivatives too. Exact: φ(x)·(2 − x²), φ the normal
 * density. Tanh form, with u = k(x + c·x³), t = tanh u, u' = k(1 + 3c·x²): (1 − t²)·(k(1 + 6c·x²) − x·t·u'²).
 */
function secondDerivative(x: Var, approximate: string): Var {
  const x2 = square(x);
  if (approximate !== 'tanh') return mul(mul(exp(mul(x2, -0.5)), INV_SQRT_2PI), sub(2, x2));
  const t = tanh(mul(mul(x, add(1, mul(x2, CUBIC))), SQRT_2_OVER_PI));
  const slope = mul(add(1, mul(x2, 3 * CUBIC)), SQRT_2_OVER_PI);
  const bend = mul(add(1, mul(x2, 6 * CUBIC)), SQRT_2_OVER_PI);
  return mul(sub(1, square(t)), sub(bend, mul(mul(x, t), square(slope))));
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
