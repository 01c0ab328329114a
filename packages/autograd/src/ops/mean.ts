import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { broadcastTo } from './broadcast-to';
import { div } from './div';
import { ownedArray } from './owned-attrs';
import { type Axis, type ReduceAttrs, keepReducedAxes } from './reduce-attrs';

const meanOp = /* @__PURE__ */ defineOp<[Tensor], ReduceAttrs>({
  name: 'mean',
  forward: ([x], { axis, keepDims }) => T.mean(x, axis, keepDims),
  // ∂out/∂x_i = 1/n, n = number of elements averaged into out: broadcast back and divide by n.
  backward: (grad, [x], out, attrs) => [
    broadcastTo(keepReducedAxes(div(grad, out.size === 0 ? 1 : x.size / out.size), x, attrs, 'mean'), x.shape),
  ],
});

/** Mean over `axis` (a number, an array of numbers, or all axes when undefined): `out = (1/n) Σ_axis x`. */
export function mean(x: VarLike, axis?: Axis, keepDims = false): Var {
  return meanOp([x], { axis: ownedArray(axis), keepDims });
}
