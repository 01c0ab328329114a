import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { broadcastTo } from './broadcast-to';
import { ownedArray } from './owned-attrs';
import { type Axis, type ReduceAttrs, keepReducedAxes } from './reduce-attrs';

const sumOp = /* @__PURE__ */ defineOp<[Tensor], ReduceAttrs>({
  name: 'sum',
  forward: ([x], { axis, keepDims }) => T.sum(x, axis, keepDims),
  // ∂out/∂x_i = 1 for every x_i summed into out: the gradient is broadcast back over the reduced axes.
  backward: (grad, [x], _out, attrs) => [broadcastTo(keepReducedAxes(grad, x, attrs, 'sum'), x.shape)],
});

/** Sum over `axis` (a number, an array of numbers, or all axes when undefined): `out = Σ_axis x`; `keepDims` keeps size-1 axes. */
export function sum(x: VarLike, axis?: Axis, keepDims = false): Var {
  return sumOp([x], { axis: ownedArray(axis), keepDims });
}
