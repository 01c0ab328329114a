import { scalar } from '@chainrule/tensor';
import type { OnnxLowering, OnnxLoweringContext, OnnxValue } from '../lowering';

/** Past any axis length: ONNX clamps Slice's ends to the dimension, so this means "to the end". */
const toTheEnd = Number.MAX_SAFE_INTEGER;

/** `axis` counted from the start for a tensor of `rank` axes (chainrule validated it when the op ran). */
export function positive(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Reshape to `shape` (−1 allowed). A 0 in ONNX's shape copies the input's dimension unless `allowzero` is set. */
export function reshapeTo(node: OnnxLoweringContext<unknown>, x: OnnxValue, shape: readonly number[]): OnnxValue {
  const attributes = shape.includes(0) ? { allowzero: { int: 1 } } : undefined;
  return node.node('Reshape', [x, node.int64s(shape)], attributes);
}

function transposeTo(node: OnnxLoweringContext<unknown>, perm: readonly number[]): OnnxValue {
  return node.node('Transpose', [node.inputs[0]!], { perm: { ints: perm } });
}

/** Moving and relabelling elements: reshapes, permutations, inserted and removed axes, windows, padding, joins. */
export const shapeLowerings: Readonly<Record<string, OnnxLowering<never>>> = {
  // The recorded shape, not the traced one: a −1 stays −1, so a dynamic batch axis passes through.
  reshape: (node: OnnxLoweringContext<{ readonly shape: readonly number[] }>) =>
    reshapeTo(node, node.inputs[0]!, node.attrs.shape),
  flatten: (node) => reshapeTo(node, node.inputs[0]!, [-1]),
  transpose: (node: OnnxLoweringContext<{ readonly axes: readonly number[] | undefined }>) => {
    const rank = node.inputs[0]!.shape.length;
    const { axes } = node.attrs;
    const perm = axes === undefined ? [...Array(rank).keys()].reverse() : axes.map((axis) => positive(axis, rank));
    return transposeTo(node, perm);
  },
  permute: (node: OnnxLoweringContext<{ readonly axes: readonly number[] }>) => {
    const rank = node.inputs[0]!.shape.length;
    return transposeTo(
      node,
      node.attrs.axes.map((axis) => positive(axis, rank)),
    );
  },
  swapAxes: (node: OnnxLoweringContext<{ readonly axis1: number; readonly axis2: number }>) => {
    const rank = node.inputs[0]!.shape.length;
    const perm = [...Array(rank).keys()];
    const a = positive(node.attrs.axis1, rank);
    const b = positive(node.attrs.axis2, rank);
    [perm[a], perm[b]] = [perm[b]!, perm[a]!];
    return transposeTo(node, perm);
  },
  // chainrule's negative axis counts from the end of the result, as ONNX's does.
  expandDims: (node: OnnxLoweringContext<{ readonly axis: number }>) => {
    const x = node.inputs[0]!;
    return node.node('Unsqueeze', [x, node.int64s([positive(node.attrs.axis, x.shape.length + 1)])]);
  },
  // Without an axis, chainrule removes every size-1 axis of the traced shape: those are named explicitly.
  squeeze: (node: OnnxLoweringContext<{ readonly axis: number | readonly number[] | undefined }>) => {
    const x = node.inputs[0]!;
    const rank = x.shape.length;
    const { axis } = node.attrs;
    const axes =
      axis === undefined
        ? x.shape.flatMap((dim, index) => (dim === 1 ? [index] : []))
        : (typeof axis === 'number' ? [axis] : axis).map((entry) => positive(entry, rank));
    if (axes.length === 0) return node.node('Identity', [x]);
    return node.node('Squeeze', [x, node.int64s(axes)]);
  },
  broadcastTo: (node: OnnxLoweringContext<{ readonly shape: readonly number[] }>) =>
    node.node('Expand', [node.inputs[0]!, node.int64s(node.attrs.shape)]),
  // Missing bounds are whole axes; negative ones count from the end in both.
  slice: (
    node: OnnxLoweringContext<{ readonly begin: readonly number[]; readonly end: readonly number[] | undefined }>,
  ) => {
    const x = node.inputs[0]!;
    const { begin, end } = node.attrs;
    const count = Math.max(begin.length, end?.length ?? 0);
    if (count === 0) return node.node('Identity', [x]);
    const axes = [...Array(count).keys()];
    const starts = axes.map((axis) => begin[axis] ?? 0);
    const ends = axes.map((axis) => end?.[axis] ?? toTheEnd);
    return node.node('Slice', [x, node.int64s(starts), node.int64s(ends), node.int64s(axes)]);
  },
  pad: (
    node: OnnxLoweringContext<{ readonly padding: readonly (readonly [number, number])[]; readonly value: number }>,
  ) => {
    const x = node.inputs[0]!;
    const { padding, value } = node.attrs;
    const axes = [...Array(x.shape.length).keys()];
    const pads = [...axes.map((axis) => padding[axis]?.[0] ?? 0), ...axes.map((axis) => padding[axis]?.[1] ?? 0)];
    const fill = node.constant(scalar(value, { dtype: x.dtype }));
    return node.node('Pad', [x, node.int64s(pads), fill], { mode: { string: 'constant' } });
  },
  concat: (node: OnnxLoweringContext<{ readonly axis: number }>) =>
    node.node('Concat', node.inputs, { axis: { int: positive(node.attrs.axis, node.inputs[0]!.shape.length) } }),
  // A new axis for each input, then a join along it.
  stack: (node: OnnxLoweringContext<{ readonly axis: number }>) => {
    const axis = positive(node.attrs.axis, node.inputs[0]!.shape.length + 1);
    const axes = node.int64s([axis]);
    const expanded = node.inputs.map((x) => node.node('Unsqueeze', [x, axes]));
    return node.node('Concat', expanded, { axis: { int: axis } });
  },
};
