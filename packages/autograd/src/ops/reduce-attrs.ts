import * as T from '@chainrule/tensor';
import type { Shape } from '@chainrule/tensor';
import type { Var } from '../engine/var';
import { reshape } from './reshape';

/** Axes of a reduction: one axis, several (any order, negative from the end), or `undefined` for all. */
export type Axis = number | readonly number[] | undefined;

/** Internal: the attributes every reduction records. */
export interface ReduceAttrs {
  readonly axis: Axis;
  readonly keepDims: boolean;
}

/** Internal: `shape` with the reduced axes kept as size 1 (the shape of a `keepDims` result). */
export function keptShape(shape: Shape, axis: Axis, op: string): number[] {
  const kept = shape.slice();
  for (const reduced of T.normalizeAxes(axis, shape.length, op, shape)) kept[reduced] = 1;
  return kept;
}

/** Internal: a reduction's output gradient reshaped to the `keepDims` shape, so it broadcasts against the input. */
export function keepReducedAxes(grad: Var, input: Var, attrs: ReduceAttrs, op: string): Var {
  if (attrs.keepDims || grad.rank === 0) return grad;
  return reshape(grad, keptShape(input.shape, attrs.axis, op));
}
