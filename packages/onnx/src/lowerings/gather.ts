import type { OnnxInput, OnnxLowering, OnnxLoweringContext } from '../lowering';
import { elementTypes } from '../protobuf/onnx-model';
import { positive, reshapeTo } from './shape';
import { constantOf } from './stable-forms';

/** `[from, from + 1, ..., to − 1]`. */
function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
}

/**
 * `take(x, indices, axis)`: Gather along the axis (int32 indices, negative ones counted from the end, as in chainrule);
 * without an axis, Gather from `x` flattened.
 */
const take: OnnxLowering<{ readonly axis: number | undefined }> = (node) => {
  const [x, indices] = node.inputs as readonly [OnnxInput, OnnxInput];
  const { axis } = node.attrs;
  if (axis === undefined) return node.node('Gather', [reshapeTo(node, x, [-1]), indices], { axis: { int: 0 } });
  return node.node('Gather', [x, indices], { axis: { int: positive(axis, x.shape.length) } });
};

/**
 * `scatterAdd(updates, indices, axis, dim)`: ScatterND with `reduction="add"` into zeros. ScatterND indexes leading
 * axes, so the index axes of `updates` (shape A + I + B) move to the front (I + A + B), the sums land in zeros of
 * shape [dim] + A + B (made from the updates' own shape, so a dynamic batch axis in A or I passes through), and the
 * summed axis moves back to `axis`. Repeated indices add up in index order, as in chainrule's kernel.
 */
const scatterAdd: OnnxLowering<{ readonly axis: number; readonly dim: number }> = (
  node: OnnxLoweringContext<{ readonly axis: number; readonly dim: number }>,
) => {
  const [updates, indices] = node.inputs as readonly [OnnxInput, OnnxInput];
  const count = indices.shape.length;
  const rank = updates.shape.length;
  const at = positive(node.attrs.axis, rank - count + 1);
  const front = [...range(at, at + count), ...range(0, at), ...range(at + count, rank)];
  const moved = at === 0 ? updates : node.node('Transpose', [updates], { perm: { ints: front } });
  const rest = node.node('Shape', [moved], { start: { int: count } });
  const shape = node.node('Concat', [node.int64s([node.attrs.dim]), rest], { axis: { int: 0 } });
  const zeros = node.node('Expand', [constantOf(node, 0, updates.dtype), shape]);
  const wide = node.node('Cast', [indices], { to: { int: elementTypes.int64 } }); // ScatterND takes int64 indices
  const positions = node.node('Unsqueeze', [wide, node.int64s([-1])]);
  const summed = node.node('ScatterND', [zeros, positions, moved], { reduction: { string: 'add' } });
  if (at === 0) return summed;
  const back = [...range(1, at + 1), 0, ...range(at + 1, rank - count + 1)];
  return node.node('Transpose', [summed], { perm: { ints: back } });
};

/** Gathering slices at int32 indices, and its adjoint. */
export const gatherLowerings: Readonly<Record<string, OnnxLowering<never>>> = {
  take,
  scatterAdd,
};
