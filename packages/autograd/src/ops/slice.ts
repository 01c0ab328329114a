import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { ownedArray } from './owned-attrs';
import { pad } from './pad';

const sliceOp = /* @__PURE__ */ defineOp<[Tensor], { begin: readonly number[]; end: readonly number[] | undefined }>({
  name: 'slice',
  forward: ([x], { begin, end }) => T.slice(x, begin, end),
  // ∂out/∂x is 1 inside the window and 0 outside: the gradient is padded with zeros back to x's shape.
  backward: (grad, [x], out, { begin }) => {
    const padding = x.shape.map((dim, axis): [number, number] => {
      const start = begin[axis] === undefined ? 0 : begin[axis]! < 0 ? begin[axis]! + dim : begin[axis]!;
      return [start, dim - start - out.shape[axis]!];
    });
    return [pad(grad, padding)];
  },
});

/**
 * The window `[begin[i], end[i])` on each axis (missing axes whole, negative values counting from the end): a view.
 * Out-of-range bounds throw a ShapeError.
 */
export function slice(x: VarLike, begin: readonly number[], end?: readonly number[]): Var {
  return sliceOp([x], { begin: ownedArray(begin), end: ownedArray(end) });
}
