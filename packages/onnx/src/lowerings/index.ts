import type { OnnxLowering, OnnxLoweringContext } from '../lowering';
import { activationLowerings } from './activations';
import { elementwiseLowerings } from './elementwise';
import { gatherLowerings } from './gather';
import { matmul } from './matmul';
import { reductionLowerings } from './reductions';
import { shapeLowerings } from './shape';

/** The layer ops of @chainrule/nn that are ops rather than compositions of autograd's. */
const layerLowerings: Readonly<Record<string, OnnxLowering<never>>> = {
  // ONNX's Softmax (opset 13 and later) normalises along one axis, as chainrule's does.
  softmax: (node: OnnxLoweringContext<{ readonly axis: number }>) =>
    node.node('Softmax', node.inputs, { axis: { int: node.attrs.axis } }),
};

/**
 * Internal: the built-in lowerings, by chainrule op name. Every op of @chainrule/autograd that ONNX can express, and
 * the ops @chainrule/nn defines for its layers. Losses (`sse`, `binaryCrossEntropyWithLogits`) are training-only and
 * not here.
 */
export const builtinLowerings: Readonly<Record<string, OnnxLowering<never>>> = Object.freeze({
  ...elementwiseLowerings,
  ...activationLowerings,
  matmul,
  ...reductionLowerings,
  ...shapeLowerings,
  ...gatherLowerings,
  ...layerLowerings,
});
