import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import { Var } from '../engine/var';
import { unbroadcast } from './broadcast-to';

const whereOp: (condition: VarLike, a: VarLike, b: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor, Tensor, Tensor]>(
  {
    name: 'where',
    forward: ([condition, a, b]) => T.where(condition, a, b),
    // ∂out/∂a = [condition ≠ 0], ∂out/∂b = [condition = 0]; the condition gets no gradient.
    backward: (grad, [condition, a, b]) => {
      const zero = T.scalar(0, { dtype: grad.dtype });
      return [
        null,
        a.requiresGrad ? unbroadcast(whereOp(condition, grad, zero), a.shape) : null,
        b.requiresGrad ? unbroadcast(whereOp(condition, zero, grad), b.shape) : null,
      ];
    },
  },
);

/**
 * Element-wise choice with NumPy broadcasting: `out = condition ≠ 0 ? a : b`. The condition (a 0/1 mask such as
 * `T.greater(x, 0)`, of either dtype) is not differentiated; a number for `a` or `b` takes the other's dtype.
 */
export function where(condition: VarLike, a: VarLike, b: VarLike): Var {
  return whereOp(condition, toOperand(a, b, condition), toOperand(b, a, condition));
}

function toOperand(value: VarLike, other: VarLike, condition: VarLike): VarLike {
  if (typeof value !== 'number') return value;
  const like = typeof other !== 'number' ? other : condition;
  const dtype = like instanceof Var ? like.dtype : like instanceof T.Tensor ? like.dtype : 'float32';
  return T.scalar(value, { dtype });
}
