import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import { isRecording } from '../recording';
import { Var } from '../var';
import { unbroadcast } from './sum-to';
import { swapAxes } from './swap-axes';

const transposeA: T.MatmulOptions = { transposeA: true };
const transposeB: T.MatmulOptions = { transposeB: true };

/**
 * Matrix product (rank >= 2, batch axes broadcast): `out[..., i, j] = Σ_p a[..., i, p] · b[..., p, j]`.
 */
export const matmul: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'matmul',
  forward: ([a, b]) => T.matmul(a, b),
  // ∂L/∂a = ∂L/∂out · bᵀ, ∂L/∂b = aᵀ · ∂L/∂out (transposes of the last two axes); broadcast batch axes summed back.
  // The transposes are views: the matmul kernel reads them in place, nothing is copied.
  // NOTE: without createGraph the same formulas run on tensors directly: no graph nodes, and the transposes are
  // matmul's transpose flags rather than views.
  backward: (grad, [a, b]) =>
    isRecording()
      ? [
          a.requiresGrad ? unbroadcast(matmul(grad, swapAxes(b, -1, -2)), a.shape) : null,
          b.requiresGrad ? unbroadcast(matmul(swapAxes(a, -1, -2), grad), b.shape) : null,
        ]
      : [
          a.requiresGrad ? new Var(T.sumTo(T.matmul(grad.value, b.value, transposeB), a.shape)) : null,
          b.requiresGrad ? new Var(T.sumTo(T.matmul(a.value, grad.value, transposeA), b.shape)) : null,
        ],
});
