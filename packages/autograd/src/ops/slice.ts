import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { ownedArray, ownedNestedArray } from './owned-attrs';

// slice and pad are each other's adjoint: the backward of one is the other, so they share this file.

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

/** Padding per axis: `[before, after]` element counts (axes past the list are not padded). */
export type Padding = readonly (readonly [number, number])[];

const padOp = /* @__PURE__ */ defineOp<[Tensor], { padding: Padding; value: number }>({
  name: 'pad',
  forward: ([x], { padding, value }) => T.pad(x, padding, value),
  // The padded border is constant: x's gradient is the window of the output gradient where x was copied.
  backward: (grad, [x], _out, { padding }) => {
    const begin = x.shape.map((_dim, axis) => padding[axis]?.[0] ?? 0);
    return [
      slice(
        grad,
        begin,
        begin.map((start, axis) => start + x.shape[axis]!),
      ),
    ];
  },
});

/** Pads each axis with `padding[i] = [before, after]` copies of `value` (default 0); the inverse of `slice`. */
export function pad(x: VarLike, padding: Padding, value = 0): Var {
  return padOp([x], { padding: ownedNestedArray(padding), value });
}
