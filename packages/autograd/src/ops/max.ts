import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';
import { ownedArray } from './owned-attrs';
import { type Axis, type ReduceAttrs, keepReducedAxes, keptShape } from './reduce-attrs';

const maxOp = /* @__PURE__ */ defineOp<[Tensor], ReduceAttrs>({
  name: 'max',
  forward: ([x], { axis, keepDims }) => T.max(x, axis, keepDims),
  // ∂out/∂x_i = 1/k where x_i is one of the k elements equal to the maximum, 0 elsewhere (a constant mask).
  backward: (grad, [x], out, attrs) => [
    mul(keepReducedAxes(grad, x, attrs, 'max'), extremumWeights(x, out, attrs, 'max')),
  ],
});

/**
 * Maximum over `axis` (a number, an array of numbers, or all axes when undefined). The gradient flows to the
 * positions of the maximum; ties share it evenly (each of k tied elements gets 1/k).
 */
export function max(x: VarLike, axis?: Axis, keepDims = false): Var {
  return maxOp([x], { axis: ownedArray(axis), keepDims });
}

/** Internal: 1/k at the k positions where `x` equals its reduced extremum `out`, 0 elsewhere (shape of x). */
export function extremumWeights(x: Var, out: Var, attrs: ReduceAttrs, op: string): Tensor {
  const kept = attrs.keepDims ? out.value : T.reshape(out.value, keptShape(x.shape, attrs.axis, op));
  const mask = T.equal(x.value, kept);
  return T.div(mask, T.sum(mask, attrs.axis, true));
}
