import * as T from '@chainrule/tensor';
import type { GeluOptions, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { approximation, geluGrad } from './gelu-grad';

const geluOp = /* @__PURE__ */ defineOp<[Tensor], Required<GeluOptions>>({
  name: 'gelu',
  forward: ([x], { approximate }) => T.gelu(x, { approximate }),
  // gelu'(x) = Φ(x) + x·φ(x) (exact) or the tanh form's derivative: the kernel geluGrad, differentiable again.
  backward: (grad, [x], _out, { approximate }) => [geluGrad(x, grad, { approximate })],
});

/**
 * GELU, element-wise (PyTorch's `gelu`): exact `x·Φ(x) = 0.5·x·(1 + erf(x/√2))`, or with `{ approximate: 'tanh' }`
 * `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`; both accurate in the negative tail.
 */
export function gelu(x: VarLike, options: GeluOptions = {}): Var {
  return geluOp([x], { approximate: approximation('gelu', options) });
}
