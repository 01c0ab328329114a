import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import { isRecording } from '../recording';
import { Var } from '../var';
import { mul } from './mul';
import { sub } from './sub';

/** Logistic sigmoid, element-wise: `out = 1 / (1 + e⁻ˣ)`; the stable kernel gives exactly 0 or 1 far out, never NaN. */
export const sigmoid: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'sigmoid',
  forward: ([x]) => T.sigmoid(x),
  // σ'(x) = σ(x)·(1 − σ(x)) = out·(1 − out): reuse the saved output, written with Var ops so σ'' works too.
  // NOTE: when the backward pass is not recorded (no createGraph), one fused loop gives the same numbers as the three
  // ops, without their two intermediate tensors; with createGraph the Var expression is recorded as usual.
  backward: (grad, _inputs, out) => [
    isRecording() ? mul(grad, mul(out, sub(1, out))) : new Var(sigmoidGradient(grad.value, out.value)),
  ],
});

/** `grad ⊙ (out ⊙ (1 − out))` in one loop, rounding each step to the dtype as the three separate ops would. */
function sigmoidGradient(grad: Tensor, out: Tensor): Tensor {
  const g = grad.contiguous();
  const o = out.contiguous();
  const result = T.zerosLike(o);
  const y = o.data;
  const dy = g.data;
  const dx = result.data;
  const n = dx.length;
  if (dx instanceof Float64Array) {
    for (let i = 0; i < n; i++) {
      const value = y[o.offset + i]!;
      dx[i] = dy[g.offset + i]! * (value * (1 - value));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const value = y[o.offset + i]!;
      dx[i] = dy[g.offset + i]! * Math.fround(value * Math.fround(1 - value));
    }
  }
  return result;
}
