import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { unbroadcast } from './broadcast-to';

/**
 * Element-wise maximum with NumPy broadcasting: `out = max(a, b)`.
 * @function
 */
export const maximum: (a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor]>({
  name: 'maximum',
  forward: ([a, b]) => T.maximum(a, b),
  // ∂out/∂a = [a > b], ∂out/∂b = [b > a]: constant masks. NOTE: at ties (a = b) each side gets half, as in PyTorch.
  backward: (grad, [a, b]) => {
    const toA = T.add(T.greater(a.value, b.value), T.mul(T.equal(a.value, b.value), 0.5));
    return [
      a.requiresGrad ? unbroadcast(mul(grad, toA), a.shape) : null,
      b.requiresGrad ? unbroadcast(mul(grad, T.sub(1, toA)), b.shape) : null,
    ];
  },
});
