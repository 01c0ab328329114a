import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { mul } from './mul';

const clipOp = /* @__PURE__ */ defineOp<[Tensor], { min: number; max: number }>({
  name: 'clip',
  forward: ([x], { min, max }) => T.clip(x, min, max),
  // ∂out/∂x = [min ≤ x ≤ max], a constant mask. NOTE: 1 at the bounds themselves, as PyTorch's clamp backward gives.
  backward: (grad, [x], _out, { min, max }) => [
    mul(grad, T.mul(T.greaterEqual(x.value, min), T.lessEqual(x.value, max))),
  ],
});

/** Clamps each element into `[min, max]` (PyTorch's `clamp`, NumPy's `clip`); ±Infinity leaves a side open. */
export function clip(x: VarLike, min: number, max: number): Var {
  return clipOp([x], { min, max });
}
