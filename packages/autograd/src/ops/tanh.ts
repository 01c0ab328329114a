import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { mul } from './mul';
import { square } from './square';
import { sub } from './sub';

/** Hyperbolic tangent, element-wise: `out = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)`. */
export const tanh: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'tanh',
  forward: ([x]) => T.tanh(x),
  // tanh'(x) = 1 − tanh²(x) = 1 − out²: reuse the saved output, differentiable again.
  backward: (grad, _inputs, out) => [mul(grad, sub(1, square(out)))],
});
