import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { reshape } from './reshape';

const expandDimsOp = /* @__PURE__ */ defineOp<[Tensor], { axis: number }>({
  name: 'expandDims',
  forward: ([x], { axis }) => T.expandDims(x, axis),
  // Inserting a size-1 axis only relabels elements: the gradient is reshaped back.
  backward: (grad, [x]) => [reshape(grad, x.shape)],
});

/** Inserts a size-1 axis at `axis` (negative counts from the end of the result); a view. */
export function expandDims(x: VarLike, axis: number): Var {
  return expandDimsOp([x], { axis });
}
