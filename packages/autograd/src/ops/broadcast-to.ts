import * as T from '@chainrule/tensor';
import type { Shape, Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { ownedArray } from './owned-attrs';
import { sumTo } from './sum-to';

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
