import { scalar } from '@chainrule/tensor';
import type { OnnxLowering } from '../lowering';

/** A lowering to one ONNX op of the same inputs, no attributes. */
function direct(opType: string): OnnxLowering {
  return (node) => node.node(opType, node.inputs);
}

/** Element-wise ops with a one-to-one ONNX counterpart (ONNX's binary ops broadcast as NumPy, as chainrule's do). */
export const elementwiseLowerings: Readonly<Record<string, OnnxLowering>> = {
  neg: direct('Neg'),
  abs: direct('Abs'),
  exp: direct('Exp'),
  log: direct('Log'),
  sqrt: direct('Sqrt'),
  tanh: direct('Tanh'),
  sigmoid: direct('Sigmoid'),
  relu: direct('Relu'),
  reciprocal: direct('Reciprocal'),
  identity: direct('Identity'),
  add: direct('Add'),
  sub: direct('Sub'),
  mul: direct('Mul'),
  div: direct('Div'),
  pow: direct('Pow'),
  maximum: direct('Max'),
  minimum: direct('Min'),
  matmul: direct('MatMul'),
  // x² as x·x: one rounding, as chainrule's square.
  square: (node) => node.node('Mul', [node.inputs[0]!, node.inputs[0]!]),
  // chainrule's condition is a number mask (≠ 0 selects a, NaN included); ONNX's Where takes booleans.
  where: (node) => {
    const [condition, a, b] = node.inputs as [
      (typeof node.inputs)[0],
      (typeof node.inputs)[0],
      (typeof node.inputs)[0],
    ];
    const isZero = node.node('Equal', [condition, node.constant(scalar(0, { dtype: condition.dtype }))]);
    return node.node('Where', [node.node('Not', [isZero]), a, b]);
  },
};
