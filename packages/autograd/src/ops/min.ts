import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { extremumWeights } from './max';
import { mul } from './mul';
import { ownedArray } from './owned-attrs';
import { type Axis, type ReduceAttrs, keepReducedAxes } from './reduce-attrs';

const minOp = /* @__PURE__ */ defineOp<[Tensor], ReduceAttrs>({
  name: 'min',
  forward: ([x], { axis, keepDims }) => T.min(x, axis, keepDims),
  // ∂out/∂x_i = 1/k where x_i is one of the k elements equal to the minimum, 0 elsewhere (a constant mask).
  backward: (grad, [x], out, attrs) => [
    mul(keepReducedAxes(grad, x, attrs, 'min'), extremumWeights(x, out, attrs, 'min')),
  ],
});

/**
 * Minimum over `axis` (a number, an array of numbers, or all axes when undefined). The gradient flows to the
 * positions of the minimum; ties share it evenly (each of k tied elements gets 1/k).
 */
export function min(x: VarLike, axis?: Axis, keepDims = false): Var {
  return minOp([x], { axis: ownedArray(axis), keepDims });
}
