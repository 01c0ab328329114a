import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { ownedArray } from './owned-attrs';
import { reshape } from './reshape';

const squeezeOp = /* @__PURE__ */ defineOp<[Tensor], { axis: number | readonly number[] | undefined }>({
  name: 'squeeze',
  forward: ([x], { axis }) => T.squeeze(x, axis),
  // Removing size-1 axes only relabels elements: the gradient is reshaped back.
  backward: (grad, [x]) => [reshape(grad, x.shape)],
});

/** Removes size-1 axes (the given ones, or all of them when `axis` is omitted); a view. */
export function squeeze(x: VarLike, axis?: number | readonly number[]): Var {
  return squeezeOp([x], { axis: ownedArray(axis) });
}
