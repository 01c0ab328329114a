import * as T from '@chainrule/tensor';
import type { Shape, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { broadcastTo } from './broadcast-to';
import { ownedArray } from './owned-attrs';

const sumToOp = /* @__PURE__ */ defineOp<[Tensor], { shape: Shape }>({
  name: 'sumTo',
  forward: ([x], { shape }) => T.sumTo(x, shape),
  // sumTo is the adjoint of broadcastTo: every broadcast copy of an element receives that element's gradient.
  backward: (grad, [x]) => [broadcastTo(grad, x.shape)],
});

/** Sums the broadcast axes away so `x` gets `shape` (the inverse of `broadcastTo`): `out[j] = Σ_{i ↦ j} x[i]`. */
export function sumTo(x: VarLike, shape: Shape): Var {
  return sumToOp([x], { shape: ownedArray(shape) });
}

/** Internal: the gradient of a broadcast input, summed back to the input's own shape (unchanged when shapes match). */
export function unbroadcast(grad: Var, shape: Shape): Var {
  return T.shapesEqual(grad.shape, shape) ? grad : sumTo(grad, shape);
}
