import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { reshape } from './reshape';
import { slice } from './slice';

const stackOp = /* @__PURE__ */ defineOp<Tensor[], { axis: number }>({
  name: 'stack',
  forward: (xs, { axis }) => T.stack(xs, axis),
  // Input i is copied to index i of the new axis: its gradient is that index of the output gradient.
  backward: (grad, xs, _out, { axis }) => {
    const along = axis < 0 ? axis + grad.rank : axis;
    return xs.map((x, i) => {
      if (!x.requiresGrad) return null;
      const begin = new Array<number>(grad.rank).fill(0);
      const end = grad.shape.slice();
      begin[along] = i;
      end[along] = i + 1;
      return reshape(slice(grad, begin, end), x.shape);
    });
  },
});

/** Stacks tensors of one shape along a new axis `axis` (default 0): `out[..., i, ...] = xs[i]`. */
export function stack(xs: readonly VarLike[], axis = 0): Var {
  return stackOp(xs, { axis });
}
