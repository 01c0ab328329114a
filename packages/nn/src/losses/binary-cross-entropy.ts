import { type Var, defineOp, mean, mul, neg, sigmoid, sub } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type LossInput, pairedInputs } from './loss-inputs';

// Element-wise binary cross-entropy of logits x against targets y (same shape and dtype, checked by the caller).
const binaryCrossEntropyElements = defineOp<[Tensor, Tensor]>({
  name: 'binaryCrossEntropyWithLogits',
  // NOTE: max(x, 0) − x·y + log(1 + e^−|x|) equals −y·log σ(x) − (1 − y)·log(1 − σ(x)) but never exponentiates a
  // positive number, so logits of ±1e4 stay finite; log1p keeps precision when e^−|x| is tiny. At infinite logits the
  // formula gives ∞ − ∞ or ∞·0 = NaN; the limit there is 0 for the matching label (y = 1 at +∞, y = 0 at −∞), else ∞.
  forward: ([x, y]) => {
    const loss = T.add(T.sub(T.relu(x), T.mul(x, y)), T.log1p(T.exp(T.neg(T.abs(x)))));
    const limit = T.where(T.greater(x, 0), T.where(T.equal(y, 1), 0, Infinity), T.where(T.equal(y, 0), 0, Infinity));
    return T.where(T.equal(T.abs(x), Infinity), limit, loss);
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
 * stably (finite at logits ±1e4, and 0 at infinite logits with the matching label). Targets `y` are probabilities in
 * [0, 1] of the logits' shape; `∂L/∂x = (σ(x) − y)/n`.
 */
export function binaryCrossEntropyWithLogits(logits: LossInput, target: LossInput): Var {
  const [x, y] = pairedInputs('binaryCrossEntropyWithLogits', ['logits', 'target'], logits, target);
  return mean(binaryCrossEntropyElements(x, y));
}
