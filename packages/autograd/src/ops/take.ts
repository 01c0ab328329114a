import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { type VarLike, defineOp } from '../engine/define-op';
import type { Var } from '../engine/var';
import { reshape } from './reshape';

// take and scatterAdd are each other's adjoint: the backward of one is the other, so they share this file.

/** Indices as an op accepts them: an int32 tensor (or a constant Var of one), or a list of integers. */
export type Indices = Var | Tensor | readonly number[];

const takeOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], { axis: number | undefined }>({
  name: 'take',
  forward: ([x, indices], { axis }) => T.take(x, indices, axis),
  // ∂out/∂x sends each output slice's gradient back to the slice it was read from; repeated indices add up there.
  backward: (grad, [x, indices], _out, { axis }) => [
    axis === undefined
      ? reshape(scatterAdd(grad, indices, 0, x.size), x.shape)
      : scatterAdd(grad, indices, axis, x.shape[axis < 0 ? axis + x.rank : axis]!),
    null,
  ],
});

/**
 * Gathers slices of `x` along `axis` at `indices` (int32, any shape; negative from the end):
 * `out[a..., k..., b...] = x[a..., indices[k...], b...]` (NumPy's `take`; flat when `axis` is omitted). The
 * gradient scatters back with `scatterAdd`, so rows picked twice get both gradients; the indices get none.
 *
 * ```ts
 * const embedding = variable(rng.normal([10, 4]));
 * const rows = take(embedding, tensor([3, 3, 7], { dtype: 'int32' }), 0); // [3, 4]
 * ```
 */
export function take(x: VarLike, indices: Indices, axis?: number): Var {
  return takeOp([x, indexInput('take', indices)], { axis });
}

const scatterAddOp = /* @__PURE__ */ defineOp<[Tensor, Tensor], { axis: number; dim: number }>({
  name: 'scatterAdd',
  forward: ([updates, indices], { axis, dim }) => T.scatterAdd(updates, indices, axis, dim),
  // scatterAdd is linear and take's adjoint: each update's gradient is the output gradient read at its index.
  backward: (grad, [_updates, indices], _out, { axis }) => [take(grad, indices, axis), null],
});

/**
 * The adjoint of `take`: zeros with `dim` entries along `axis`, each slice of `updates` added at its index
 * (`out[a..., indices[k...], b...] += updates[a..., k..., b...]`). Differentiable in `updates` (its gradient is
 * `take`), so gradients of `take` can be differentiated again.
 */
export function scatterAdd(updates: VarLike, indices: Indices, axis: number, dim: number): Var {
  return scatterAddOp([updates, indexInput('scatterAdd', indices)], { axis, dim });
}

/** A list of indices as an int32 tensor (a graph input like any other); Vars and Tensors pass unchanged. */
function indexInput(op: string, indices: Indices): Var | Tensor {
  if (!Array.isArray(indices)) return indices as Var | Tensor;
  indices.forEach((index: unknown, position) => {
    if (typeof index !== 'number' || !Number.isInteger(index)) {
      throw new T.ValueError(`${op}: indices[${position}] = ${String(index)} is not an integer index`);
    }
  });
  return T.tensor(indices as number[], { dtype: 'int32' });
}
