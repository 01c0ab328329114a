import { Var, type VarLike, div, exp, isVar, logSumExp, sub, sum } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { ShapeError, ValueError, isTensor } from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';

export { relu, sigmoid, tanh } from '@chainrule/autograd';

/**
 * Softmax along `axis` (default the last): `out_i = e^(x_i − m) / Σ_j e^(x_j − m)` with `m = max_j x_j`.
 * NOTE: subtracting the maximum keeps every exponent ≤ 0, so large logits (±1e4) give no overflow and no NaN; the
 * maximum enters as a constant, which changes no gradient because softmax is shift-invariant.
 */
export function softmax(x: VarLike, axis = -1): Var {
  const input = asVar('softmax', x);
  const normalized = checkAxis('softmax', input, axis);
  const shifted = sub(input, T.max(input.value, normalized, true));
  const exponentials = exp(shifted);
  return div(exponentials, sum(exponentials, normalized, true));
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
