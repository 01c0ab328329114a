import * as T from '@chainrule/tensor';
import type { Shape, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { ownedArray } from './owned-attrs';

// broadcastTo and sumTo are each other's adjoint: the backward of one is the other, so they share this file.

const broadcastToOp = /* @__PURE__ */ defineOp<[Tensor], { shape: Shape }>({
  name: 'broadcastTo',
  forward: ([x], { shape }) => T.broadcastTo(x, shape),
  // Each input element is copied to several outputs, so its gradient is the sum over those copies.
  backward: (grad, [x]) => [sumTo(grad, x.shape)],
});

/** NumPy broadcasting of `x` to `shape` (a view, no copy): `out[i] = x[i mod x.shape]`. */
export function broadcastTo(x: VarLike, shape: Shape): Var {
  return broadcastToOp([x], { shape: ownedArray(shape) });
}

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
