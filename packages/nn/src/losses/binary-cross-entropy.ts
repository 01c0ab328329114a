import { type Var, defineOp, mean, mul, neg, sigmoid, sub } from '@chainrule/autograd';
import { Tensor } from '@chainrule/tensor';
import { type LossInput, pairedInputs } from './loss-inputs';

// Element-wise binary cross-entropy of logits x against targets y (same shape and dtype, checked by the caller).
const binaryCrossEntropyElements = defineOp<[Tensor, Tensor]>({
  name: 'binaryCrossEntropyWithLogits',
  forward: ([logits, targets]) => {
    const x = logits.contiguous();
    const y = targets.contiguous();
    const out = x.dtype === 'float64' ? new Float64Array(x.size) : new Float32Array(x.size);
    for (let i = 0; i < out.length; i++) {
      const a = x.data[x.offset + i]!;
      const b = y.data[y.offset + i]!;
      // NOTE: max(x, 0) − x·y + log(1 + e^−|x|) equals −y·log σ(x) − (1 − y)·log(1 − σ(x)) but never exponentiates
      // a positive number, so logits of ±1e4 stay finite; log1p keeps precision when e^−|x| is tiny.
      out[i] = Math.max(a, 0) - a * b + Math.log1p(Math.exp(-Math.abs(a)));
    }
    return new Tensor(out, x.shape);
  },
  // ∂/∂x = σ(x) − y exactly (for x > 0: 1 − y − σ(−x); for x < 0: −y + σ(x); both σ(x) − y, also at x = 0); ∂/∂y = −x.
  backward: (grad, [x, y]) => [
    x.requiresGrad ? mul(grad, sub(sigmoid(x), y)) : null,
    y.requiresGrad ? mul(grad, neg(x)) : null,
  ],
});

/**
 * Binary cross-entropy from logits, averaged over every element:
 * `L = (1/n) Σ [max(x, 0) − x·y + log(1 + e^−|x|)]`, which equals `−y·log σ(x) − (1 − y)·log(1 − σ(x))` computed
 * stably (finite at logits ±1e4). Targets `y` are probabilities in [0, 1] of the logits' shape; `∂L/∂x = (σ(x) − y)/n`.
 */
export function binaryCrossEntropyWithLogits(logits: LossInput, target: LossInput): Var {
  const [x, y] = pairedInputs('binaryCrossEntropyWithLogits', ['logits', 'target'], logits, target);
  return mean(binaryCrossEntropyElements(x, y));
}
