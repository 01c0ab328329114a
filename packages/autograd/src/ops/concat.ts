import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { slice } from './slice';

const concatOp = /* @__PURE__ */ defineOp<Tensor[], { axis: number }>({
  name: 'concat',
  forward: (xs, { axis }) => T.concat(xs, axis),
  // Each input is copied into its own window along `axis`: its gradient is that window of the output gradient.
  backward: (grad, xs, _out, { axis }) => {
    const rank = grad.rank;
    const along = axis < 0 ? axis + rank : axis;
    let start = 0;
    return xs.map((x) => {
      const begin = new Array<number>(rank).fill(0);
      const end = grad.shape.slice();
      begin[along] = start;
      start += x.shape[along]!;
      end[along] = start;
      return x.requiresGrad ? slice(grad, begin, end) : null;
    });
  },
});

/** Joins tensors of equal shape except along `axis` (default 0): `out = [xs[0] | xs[1] | ...]` along that axis. */
export function concat(xs: readonly VarLike[], axis = 0): Var {
  return concatOp(xs, { axis });
}
