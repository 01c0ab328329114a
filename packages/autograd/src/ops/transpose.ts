import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { ownedArray } from './owned-attrs';
import { inversePermutation } from './permutation';

const transposeOp = /* @__PURE__ */ defineOp<[Tensor], { axes: readonly number[] | undefined }>({
  name: 'transpose',
  forward: ([x], { axes }) => T.transpose(x, axes),
  // A permutation moves elements without changing them: the gradient goes through the inverse permutation.
  backward: (grad, [x], _out, { axes }) => [
    axes === undefined ? transpose(grad) : transpose(grad, inversePermutation(axes, x.rank, 'transpose')),
  ],
});

/** Permutes the axes (reverses them when `axes` is omitted): `out[i_axes[0], ...] = x[i_0, ...]`; a view. */
export function transpose(x: VarLike, axes?: readonly number[]): Var {
  return transposeOp([x], { axes: ownedArray(axes) });
}
