import { Var, mean, mul, neg, sum, where } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { DTypeError, ShapeError, ValueError, formatShape } from '@chainrule/tensor';
import { logSoftmax } from '../layers/activations';
import { type LossInput, lossVar } from './loss-inputs';

/**
 * Cross-entropy of logits `[batch, classes]`, averaged over the batch, computed through the stable `logSoftmax`
 * (finite at logits ±1e4). `target` is either
 * - class indices, shape `[batch]` (a Tensor, a Var or a number array of integers in `[0, classes)`):
 *   `L = −(1/batch) Σ_b logSoftmax(x)_{b, t_b}`, or
 * - class probabilities of the logits' shape: `L = −(1/batch) Σ_b Σ_c p_{b,c}·logSoftmax(x)_{b,c}`.
 * `∂L/∂x = (softmax(x) − p)/batch` (with `p` the one-hot of the indices).
 */
export function crossEntropy(logits: LossInput, target: LossInput | readonly number[]): Var {
  const x = lossVar('crossEntropy', 'logits', logits);
  if (x.rank !== 2 || x.shape[0] === 0 || x.shape[1] === 0) {
    throw new ShapeError(
      `crossEntropy: logits must have shape [batch, classes] with batch, classes >= 1; got ${formatShape(x.shape)}`,
    );
  }
  const [batch, classes] = x.shape as [number, number];
  const probabilities = isNumberList(target) ? oneHot(target, batch, classes, x) : targetVar(target, x, batch, classes);
  const logProbabilities = logSoftmax(x, 1);
  // NOTE: 0·log 0 = 0: where p = 0 meets a log-probability of −Infinity (a masked class, or one whose log-probability
  // overflows), the product would be NaN; those terms are selected away instead (their gradient is 0).
  const zeroTimesInfinite = T.mul(T.equal(probabilities.value, 0), T.equal(logProbabilities.value, -Infinity));
  const terms = where(zeroTimesInfinite, 0, mul(probabilities, logProbabilities));
  return neg(mean(sum(terms, 1)));
}

function targetVar(target: LossInput, x: Var, batch: number, classes: number): Var {
  const t = lossVar('crossEntropy', 'target', target);
  if (T.shapesEqual(t.shape, x.shape)) {
    if (t.dtype !== x.dtype) {
      throw new DTypeError(
        `crossEntropy: target probabilities are ${t.dtype} but logits are ${x.dtype}; expected one dtype`,
      );
    }
    return t;
  }
  if (t.rank === 1 && t.shape[0] === batch) {
    const indices = t.value.contiguous();
    return oneHot(Array.from(indices.data.subarray(indices.offset, indices.offset + batch)), batch, classes, x);
  }
  throw new ShapeError(
    `crossEntropy: target must be class indices of shape [${batch}] or probabilities of the logits' shape ${formatShape(x.shape)}; got ${formatShape(t.shape)}`,
  );
}

/** A constant `[batch, classes]` tensor with 1 at each row's class index and 0 elsewhere. */
function oneHot(indices: readonly number[], batch: number, classes: number, x: Var): Var {
  if (indices.length !== batch) {
    throw new ShapeError(`crossEntropy: ${indices.length} class indices for a batch of ${batch}; expected one per row`);
  }
  indices.forEach((index, row) => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= classes) {
      throw new ValueError(
        `crossEntropy: target[${row}] = ${String(index)} is not a class index; expected an integer in [0, ${classes})`,
      );
    }
  });
  return new Var(T.oneHot(indices, classes, { dtype: x.dtype }));
}

function isNumberList(value: LossInput | readonly number[]): value is readonly number[] {
  return Array.isArray(value);
}
