import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { reshape } from './reshape';

/**
 * All elements as a 1-D tensor in row-major order: `out = reshape(x, [size])`.
 * @function
 */
export const flatten: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'flatten',
  forward: ([x]) => T.flatten(x),
  // Flattening only relabels elements: the gradient is reshaped back to x's shape.
  backward: (grad, [x]) => [reshape(grad, x.shape)],
});
