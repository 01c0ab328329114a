import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../define-op';
import type { Var } from '../var';
import { ownedNestedArray } from './owned-attrs';
import { slice } from './slice';

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
