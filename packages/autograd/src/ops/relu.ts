import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { reluGrad } from './relu-grad';

/**
 * Rectified linear unit, element-wise: `out = max(x, 0)`.
 * @function
 */
export const relu: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'relu',
  forward: ([x]) => T.relu(x),
  // d/dx max(x, 0) = [x > 0] = [out > 0].
  // NOTE: relu has no derivative at x = 0; we use 0 there (the mask is out > 0), as PyTorch, JAX and tinygrad do.
  backward: (grad, _inputs, out) => [reluGrad(out, grad)],
});
