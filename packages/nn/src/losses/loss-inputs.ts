import { Var, isVar } from '@chainrule/autograd';
import { DTypeError, ShapeError, type Tensor, ValueError, formatShape, isTensor, shapesEqual } from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';

/** A loss argument: a graph node, or a tensor used as a constant. */
export type LossInput = Var | Tensor;

/** Wraps a loss argument as a Var (a Tensor becomes a constant); anything else is a ValueError naming the loss. */
export function lossVar(op: string, name: string, value: LossInput): Var {
  if (isVar(value)) return value;
  if (isTensor(value)) return new Var(value);
  throw new ValueError(`${op}: ${name} must be a Var or a Tensor; got ${describeValue(value)}`);
}

/**
 * The two element-wise arguments of a loss, checked: equal shapes (no silent broadcasting, which would turn a
 * `[4,1]` prediction and a `[4]` target into a `[4,4]` loss), one dtype, and, unless `allowEmpty`, at least one element.
 */
export function pairedInputs(
  op: string,
  names: readonly [string, string],
  first: LossInput,
  second: LossInput,
  allowEmpty = false,
): [Var, Var] {
  const a = lossVar(op, names[0], first);
  const b = lossVar(op, names[1], second);
  if (!shapesEqual(a.shape, b.shape)) {
    throw new ShapeError(
      `${op}: ${names[0]} and ${names[1]} shapes differ: ${formatShape(a.shape)} vs ${formatShape(b.shape)}; expected equal shapes`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw new DTypeError(`${op}: ${names[0]} is ${a.dtype} but ${names[1]} is ${b.dtype}; expected one dtype`);
  }
  if (!allowEmpty && a.size === 0) {
    throw new ShapeError(
      `${op}: inputs of shape ${formatShape(a.shape)} are empty; expected at least one element to average`,
    );
  }
  return [a, b];
}
