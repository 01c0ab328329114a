import { normalizeAxes } from '@chainrule/tensor';
import type { OnnxLowering, OnnxLoweringContext, OnnxValue } from '../lowering';
import { reshapeTo } from './shape';

/** What every chainrule reduction records. */
interface ReduceAttrs {
  readonly axis: number | readonly number[] | undefined;
  readonly keepDims: boolean;
}

/**
 * A reduction over the recorded axes. Opset 17 takes ReduceSum's axes as an input and the others' as an attribute;
 * an empty axis list means "all axes" to ONNX but "none" to chainrule, so reducing no axis is an Identity.
 */
function reduction(opType: string, axesAsInput: boolean): OnnxLowering<ReduceAttrs> {
  return (node) => {
    const x = node.inputs[0]!;
    const { axis, keepDims } = node.attrs;
    const axes = normalizeAxes(axis, x.shape.length, node.op, x.shape);
    if (axes.length === 0) return node.node('Identity', [x]);
    const keepdims = { int: keepDims ? 1 : 0 };
    if (axesAsInput) return node.node(opType, [x, node.int64s(axes)], { keepdims });
    return node.node(opType, [x], { axes: { ints: axes }, keepdims });
  };
}

/**
 * `sumTo(x, shape)`: sum over the leading axes and every axis where `shape` has 1 (a no-op where `x` has 1 too, so the
 * graph does not depend on whether a batch axis happened to be 1 when traced), then drop the leading ones.
 */
function sumTo(node: OnnxLoweringContext<{ readonly shape: readonly number[] }>): OnnxValue {
  const x = node.inputs[0]!;
  const target = node.attrs.shape;
  const lead = x.shape.length - target.length;
  const axes = [...x.shape.keys()].filter((axis) => axis < lead || target[axis - lead] === 1);
  const summed = axes.length === 0 ? x : node.node('ReduceSum', [x, node.int64s(axes)], { keepdims: { int: 1 } });
  return lead === 0 && axes.length > 0 ? summed : reshapeTo(node, summed, target);
}

/** Reductions over axes. */
export const reductionLowerings: Readonly<Record<string, OnnxLowering<never>>> = {
  sum: reduction('ReduceSum', true),
  mean: reduction('ReduceMean', false),
  max: reduction('ReduceMax', false),
  min: reduction('ReduceMin', false),
  logSumExp: reduction('ReduceLogSumExp', false),
  sumTo,
};
