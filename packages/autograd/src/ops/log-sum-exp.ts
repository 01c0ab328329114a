import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import { Var } from '../engine/var';
import { div } from './div';
import { exp } from './exp';
import { mul } from './mul';
import { ownedArray } from './owned-attrs';
import { type Axis, type ReduceAttrs, keepReducedAxes } from './reduce-attrs';
import { sub } from './sub';
import { sum } from './sum';

const logSumExpOp = /* @__PURE__ */ defineOp<[Tensor], ReduceAttrs>({
  name: 'logSumExp',
  forward: ([x], { axis, keepDims }) => T.logSumExp(x, axis, keepDims),
  // ∂out/∂x_i = e^(x_i − out) = softmax(x)_i.
  backward: (grad, [x], _out, attrs) => {
    // An empty x has an empty gradient; max(x) below rejects zero elements (forward gives −∞ over an empty axis).
    if (x.size === 0) return [new Var(T.zerosLike(x.value))];
    // NOTE: softmax is computed as e^(x − m) / Σ e^(x − m) with m = max(x) held constant (softmax does not depend on
    // the shift, so its derivatives do not either): x − m is exact, whereas x − out loses the low bits of a large
    // out (at x = 1e4 in float32, e^(x − out) would give 0.4999 instead of 0.5).
    const shifted = exp(sub(x, T.max(x.value, attrs.axis, true)));
    const softmax = div(shifted, sum(shifted, attrs.axis, true));
    return [mul(keepReducedAxes(grad, x, attrs, 'logSumExp'), softmax)];
  },
});

/** Numerically stable `out = log Σ_axis eˣ` over `axis` (a number, an array, or all axes when undefined). */
export function logSumExp(x: VarLike, axis?: Axis, keepDims = false): Var {
  return logSumExpOp([x], { axis: ownedArray(axis), keepDims });
}
