import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';

const swapAxesOp = /* @__PURE__ */ defineOp<[Tensor], { axis1: number; axis2: number }>({
  name: 'swapAxes',
  forward: ([x], { axis1, axis2 }) => T.swapAxes(x, axis1, axis2),
  // Swapping two axes is its own inverse: swap the gradient's axes back.
  backward: (grad, _inputs, _out, { axis1, axis2 }) => [swapAxes(grad, axis1, axis2)],
});

/** Exchanges two axes (negative counts from the end): `swapAxes(x, -1, -2)` transposes the last two; a view. */
export function swapAxes(x: VarLike, axis1: number, axis2: number): Var {
  return swapAxesOp([x], { axis1, axis2 });
}
