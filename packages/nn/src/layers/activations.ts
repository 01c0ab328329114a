import { Var, type VarLike, defineOp, isVar, logSumExp, mul, sub, sum } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { ShapeError, type Tensor, ValueError, isTensor } from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';

export { relu, sigmoid, tanh } from '@chainrule/autograd';

// One op rather than a composite: the maximum that keeps it stable is read from the input's values, which a composite
// would record as a constant (an exported graph would freeze the example's maximum); as an op the graph holds `softmax`.
const softmaxOp = defineOp<[Tensor], { axis: number }>({
  name: 'softmax',
  // NOTE: subtracting the maximum keeps every exponent ≤ 0, so large logits (±1e4) give no overflow and no NaN.
  forward: ([x], { axis }) => {
    const exponentials = T.exp(T.sub(x, T.max(x, axis, true)));
    return T.div(exponentials, T.sum(exponentials, axis, true));
  },
  // ∂out_i/∂x_j = out_i·(δ_ij − out_j), so the vector-Jacobian product is out ⊙ (grad − Σ_axis grad ⊙ out).
  backward: (grad, _inputs, out, { axis }) => [mul(out, sub(grad, sum(mul(grad, out), axis, true)))],
});

/**
 * Softmax along `axis` (default the last): `out_i = e^(x_i − m) / Σ_j e^(x_j − m)` with `m = max_j x_j`, one op
 * (`softmax`) whose gradient is `out ⊙ (grad − Σ grad ⊙ out)`. Finite for logits of any finite size.
 */
export function softmax(x: VarLike, axis = -1): Var {
  const input = asVar('softmax', x);
  return softmaxOp([input], { axis: checkAxis('softmax', input, axis) });
}

/**
 * Log-softmax along `axis` (default the last): `out_i = x_i − log Σ_j e^(x_j)`, through the stable `logSumExp`;
 * finite for logits of any finite size. Its gradient is `grad − softmax(x)·Σ grad`.
 */
export function logSoftmax(x: VarLike, axis = -1): Var {
  const input = asVar('logSoftmax', x);
  const normalized = checkAxis('logSoftmax', input, axis);
  return sub(input, logSumExp(input, normalized, true));
}

function asVar(op: string, x: VarLike): Var {
  if (isVar(x)) return x;
  if (isTensor(x)) return new Var(x);
  if (typeof x === 'number') return new Var(T.scalar(x));
  throw new ValueError(`${op}: expected a Var, a Tensor or a number; got ${describeValue(x)}`);
}

function checkAxis(op: string, x: Var, axis: number): number {
  if (typeof axis !== 'number') {
    throw new ShapeError(`${op}: axis must be a single integer; got ${describeValue(axis)}`);
  }
  return T.normalizeAxes(axis, x.rank, op, x.shape)[0]!;
}
