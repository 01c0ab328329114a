import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { ownedArray } from './owned-attrs';
import { inversePermutation } from './permutation';

const permuteOp = /* @__PURE__ */ defineOp<[Tensor], { axes: readonly number[] }>({
  name: 'permute',
  forward: ([x], { axes }) => T.permute(x, axes),
  // A permutation moves elements without changing them: the gradient goes through the inverse permutation.
  backward: (grad, [x], _out, { axes }) => [permute(grad, inversePermutation(axes, x.rank, 'permute'))],
});

/** Reorders the axes: output axis i is input axis `axes[i]` (the same as `transpose(x, axes)`); a view. */
export function permute(x: VarLike, axes: readonly number[]): Var {
  return permuteOp([x], { axes: ownedArray(axes) });
}
