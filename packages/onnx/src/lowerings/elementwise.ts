import { scalar } from '@chainrule/tensor';
import type { OnnxInput, OnnxLowering, OnnxLoweringContext, OnnxValue } from '../lowering';
import { elementTypes } from '../protobuf/onnx-model';
import { expm1, log1p } from './stable-forms';

/** A lowering to one ONNX op of the same inputs, no attributes. */
function direct(opType: string): OnnxLowering {
  return (node) => node.node(opType, node.inputs);
}

/** A scalar constant of the first input's dtype. */
function number(node: OnnxLoweringContext<unknown>, value: number): OnnxValue {
  return node.constant(scalar(value, { dtype: node.inputs[0]!.dtype }));
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
  sin: direct('Sin'),
  cos: direct('Cos'),
  // ONNX has neither: composed without the cancellation of Log(1 + x) and Exp(x) − 1 near 0 (see stable-forms.ts).
  log1p: (node) => log1p(node, node.inputs[0]!, node.output.dtype),
  expm1: (node) => expm1(node, node.inputs[0]!, node.output.dtype),
  identity: direct('Identity'),
  add: direct('Add'),
  sub: direct('Sub'),
  mul: direct('Mul'),
  div: direct('Div'),
  pow: direct('Pow'),
  maximum: direct('Max'),
  minimum: direct('Min'),
  // x² as x·x: one rounding, as chainrule's square.
  square: (node) => node.node('Mul', [node.inputs[0]!, node.inputs[0]!]),
  // chainrule's condition is a number mask (≠ 0 selects a, NaN included); ONNX's Where takes booleans.
  where: (node) => {
    const [condition, a, b] = node.inputs as readonly [OnnxInput, OnnxInput, OnnxInput];
    const isZero = node.node('Equal', [condition, node.constant(scalar(0, { dtype: condition.dtype }))]);
    return node.node('Where', [node.node('Not', [isZero]), a, b]);
  },
  // The derivative ops (what gradient graphs hold), as the tensor kernels compute them, in the same order of roundings.
  // sigmoidGrad(y, dy) = dy·(y·(1 − y))
  sigmoidGrad: (node) => {
    const [y, dy] = node.inputs as readonly [OnnxInput, OnnxInput];
    return node.node('Mul', [dy, node.node('Mul', [y, node.node('Sub', [number(node, 1), y])])]);
  },
  // tanhGrad(y, dy) = dy·(1 − y·y)
  tanhGrad: (node) => {
    const [y, dy] = node.inputs as readonly [OnnxInput, OnnxInput];
    return node.node('Mul', [dy, node.node('Sub', [number(node, 1), node.node('Mul', [y, y])])]);
  },
  // reluGrad(y, dy) = dy·[y > 0] (dy·0 keeps NaN and −0, as the kernel does)
  reluGrad: (node) => {
    const [y, dy] = node.inputs as readonly [OnnxInput, OnnxInput];
    const mask = node.node('Cast', [node.node('Greater', [y, number(node, 0)])], {
      to: { int: elementTypes[node.inputs[0]!.dtype] },
    });
    return node.node('Mul', [dy, mask]);
  },
};
