import * as T from '@chainrule/tensor';
import type { Shape, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { ownedArray } from './owned-attrs';

const reshapeOp = /* @__PURE__ */ defineOp<[Tensor], { shape: Shape }>({
  name: 'reshape',
  forward: ([x], { shape }) => T.reshape(x, shape),
  // Reshaping only relabels elements (row-major order kept): the gradient is reshaped back.
  backward: (grad, [x]) => [reshape(grad, x.shape)],
});

/** The same elements in row-major order with a new `shape` (one entry may be −1); a view when `x` is contiguous. */
export function reshape(x: VarLike, shape: Shape): Var {
  return reshapeOp([x], { shape: ownedArray(shape) });
}
