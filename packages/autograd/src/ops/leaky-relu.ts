import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';

const leakyReluOp = /* @__PURE__ */ defineOp<[Tensor], { negativeSlope: number }>({
  name: 'leakyRelu',
  forward: ([x], { negativeSlope }) => T.leakyRelu(x, negativeSlope),
  // ∂out/∂x = 1 for x > 0, negativeSlope otherwise: a constant factor. NOTE: negativeSlope at x = 0, as in PyTorch.
  backward: (grad, [x], _out, { negativeSlope }) => [mul(grad, T.where(T.greater(x.value, 0), 1, negativeSlope))],
});

/** Leaky rectifier, element-wise: `out = x` for `x > 0`, `negativeSlope·x` otherwise (default 0.01, as PyTorch). */
export function leakyRelu(x: VarLike, negativeSlope = 0.01): Var {
  return leakyReluOp([x], { negativeSlope });
}
