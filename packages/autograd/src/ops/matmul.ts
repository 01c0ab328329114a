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
  // ∂L/∂a = ∂L/∂out · bᵀ, ∂L/∂b = aᵀ · ∂L/∂out (transposes of the last two axes; see matmulGradientA/B).
  backward: (grad, [a, b]) => [matmulGradientA(grad, a, b), matmulGradientB(grad, a, b)],
});

// NOTE: a recorded pass (createGraph) builds the gradients from Var ops, with the transposes as views the kernel reads
// in place; otherwise the same formulas run on tensors directly, with matmul's transpose flags: no graph nodes, no
// views. A 2-D product has no batch axes to sum back.

/** Internal: ∂L/∂a of `a · b` given `grad` = ∂L/∂out: `grad · bᵀ`, broadcast batch axes summed back (null unless a requires grad). */
export function matmulGradientA(grad: Var, a: Var, b: Var): Var | null {
  if (!a.requiresGrad) return null;
  if (isRecording()) return unbroadcast(matmul(grad, swapAxes(b, -1, -2)), a.shape);
  return new Var(matmulGradientATensor(grad.value, a.value, b.value));
}

/** Internal: `matmulGradientA` on tensors (an unrecorded pass): `grad · bᵀ` summed back to `a`'s shape. */
export function matmulGradientATensor(grad: Tensor, a: Tensor, b: Tensor): Tensor {
  const product = T.matmul(grad, b, transposeB);
  return product.rank === 2 ? product : T.sumTo(product, a.shape);
}

/** Internal: ∂L/∂b of `a · b` given `grad` = ∂L/∂out: `aᵀ · grad`, broadcast batch axes summed back (null unless b requires grad). */
export function matmulGradientB(grad: Var, a: Var, b: Var): Var | null {
  if (!b.requiresGrad) return null;
  if (isRecording()) return unbroadcast(matmul(swapAxes(a, -1, -2), grad), b.shape);
  return new Var(matmulGradientBTensor(grad.value, a.value, b.value));
}

/** Internal: `matmulGradientB` on tensors (an unrecorded pass): `aᵀ · grad` summed back to `b`'s shape. */
export function matmulGradientBTensor(grad: Tensor, a: Tensor, b: Tensor): Tensor {
  const product = T.matmul(a, grad, transposeA);
  return product.rank === 2 ? product : T.sumTo(product, b.shape);
}
