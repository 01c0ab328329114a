import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { add } from './add';
import { mul } from './mul';
import { sigmoid } from './sigmoid';
import { sub } from './sub';

/**
 * SiLU (swish), element-wise: `out = x·σ(x)` (PyTorch's `silu`).
 * @function
 */
export const silu: (x: VarLike) => Var = /* @__PURE__ */ defineOp<[Tensor]>({
  name: 'silu',
  forward: ([x]) => T.silu(x),
  // d/dx x·σ(x) = σ(x) + x·σ(x)·(1 − σ(x)) = σ(x) + out·(1 − σ(x)).
  backward: (grad, [x], out) => {
    const s = sigmoid(x);
    return [mul(grad, add(s, mul(out, sub(1, s))))];
  },
});
