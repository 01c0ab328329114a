import type { OnnxInput, OnnxLowering, OnnxLoweringContext, OnnxValue } from '../lowering';
import { constantOf, expm1, normalCdf, softplus, timesSigmoid, zeroAtNegativeInfinity } from './stable-forms';

// The activations of issue 16 and GELU's derivative. Where ONNX has the op and ONNX Runtime runs it in a dtype with
// chainrule's numbers (Softplus, LeakyRelu, Elu in float32), the op; otherwise a stable composition of primitives.

/** GELU's form, as chainrule records it. */
interface GeluAttrs {
  readonly approximate: 'none' | 'tanh';
}

/** √(2/π) and the cubic coefficient of GELU's tanh form (PyTorch's). */
const GELU_TANH_SCALE = Math.sqrt(2 / Math.PI);
const GELU_TANH_CUBIC = 0.044715;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** u = √(2/π)·(x + 0.044715·x³), the tanh form's argument, scaled by `factor`. */
function tanhArgument(node: OnnxLoweringContext<unknown>, x: OnnxValue, factor: number): OnnxValue {
  const dtype = node.output.dtype;
  const cube = node.node('Mul', [
    node.node('Mul', [node.node('Mul', [constantOf(node, GELU_TANH_CUBIC, dtype), x]), x]),
    x,
  ]);
  return node.node('Mul', [constantOf(node, factor * GELU_TANH_SCALE, dtype), node.node('Add', [x, cube])]);
}

/** gelu′(x) = Φ(x) + x·φ(x), with the second term left out where φ underflows (so ±∞ gives 1 and 0, not NaN). */
function exactGeluDerivative(node: OnnxLoweringContext<unknown>, x: OnnxValue): OnnxValue {
  const dtype = node.output.dtype;
  const cdf = normalCdf(node, x, dtype);
  const exponent = node.node('Mul', [node.node('Mul', [constantOf(node, -0.5, dtype), x]), x]);
  const pdf = node.node('Mul', [node.node('Exp', [exponent]), constantOf(node, INV_SQRT_2PI, dtype)]);
  const sum = node.node('Add', [cdf, node.node('Mul', [x, pdf])]);
  return node.node('Where', [node.node('Equal', [pdf, constantOf(node, 0, dtype)]), cdf, sum]);
}

/**
 * The tanh form's derivative: with p = σ(2u), q = σ(−2u) (so 0.5·(1 + tanh u) = p and 1 − tanh²u = 4pq, without
 * cancellation), gelu′(x) = p + 2x·u′·p·q, u′ = √(2/π)·(1 + 3·0.044715·x²); p alone where p or q underflows.
 */
function tanhGeluDerivative(node: OnnxLoweringContext<unknown>, x: OnnxValue): OnnxValue {
  const dtype = node.output.dtype;
  const one = constantOf(node, 1, dtype);
  const twoU = tanhArgument(node, x, 2);
  const p = node.node('Reciprocal', [node.node('Add', [one, node.node('Exp', [node.node('Neg', [twoU])])])]);
  const q = node.node('Reciprocal', [node.node('Add', [one, node.node('Exp', [twoU])])]);
  const square = node.node('Mul', [node.node('Mul', [constantOf(node, 3 * GELU_TANH_CUBIC, dtype), x]), x]);
  const du = node.node('Mul', [constantOf(node, GELU_TANH_SCALE, dtype), node.node('Add', [one, square])]);
  const twoX = node.node('Mul', [constantOf(node, 2, dtype), x]);
  const sum = node.node('Add', [p, node.node('Mul', [node.node('Mul', [node.node('Mul', [twoX, du]), p]), q])]);
  const zero = constantOf(node, 0, dtype);
  const underflow = node.node('Or', [node.node('Equal', [p, zero]), node.node('Equal', [q, zero])]);
  return node.node('Where', [underflow, p, sum]);
}

/** The activations, clip, and GELU's derivative (what gradient graphs of gelu hold). */
export const activationLowerings: Readonly<Record<string, OnnxLowering<never>>> = {
  softplus: (node) => softplus(node, node.inputs[0]!, node.output.dtype),
  // log σ(x) = −softplus(−x), the same stable form as chainrule's (negation is exact).
  logSigmoid: (node) => {
    const dtype = node.output.dtype;
    return node.node('Neg', [softplus(node, node.node('Neg', [node.inputs[0]!]), dtype)]);
  },
  // silu(x) = x·σ(x) = x/(1 + e^−x)
  silu: (node) => timesSigmoid(node, node.inputs[0]!, node.inputs[0]!, node.output.dtype),
  // NOTE: the ONNX ops' alpha is a float32 attribute, which rounds a float64 slope: float64 graphs compose them.
  leakyRelu: (node: OnnxLoweringContext<{ readonly negativeSlope: number }>) => {
    const x = node.inputs[0]!;
    const slope = node.attrs.negativeSlope;
    if (x.dtype === 'float32') return node.node('LeakyRelu', [x], { alpha: { float: slope } });
    const scaled = node.node('Mul', [x, constantOf(node, slope)]);
    return node.node('Where', [node.node('Greater', [x, constantOf(node, 0)]), x, scaled]);
  },
  // ELU is float32-only in ONNX Runtime (and computes eˣ − 1 there, within 2e-8 of chainrule's expm1 near 0).
  elu: (node: OnnxLoweringContext<{ readonly alpha: number }>) => {
    const x = node.inputs[0]!;
    const { alpha } = node.attrs;
    if (x.dtype === 'float32') return node.node('Elu', [x], { alpha: { float: alpha } });
    const negative = node.node('Mul', [constantOf(node, alpha), expm1(node, x, x.dtype)]);
    return node.node('Where', [node.node('Greater', [x, constantOf(node, 0)]), x, negative]);
  },
  // Clip takes its bounds as inputs (opset 11 and later); ±∞ constants leave a side open, as in chainrule.
  clip: (node: OnnxLoweringContext<{ readonly min: number; readonly max: number }>) =>
    node.node('Clip', [node.inputs[0]!, constantOf(node, node.attrs.min), constantOf(node, node.attrs.max)]),
  // Exact: x·Φ(x). Tanh form: 0.5·x·(1 + tanh u) = x·σ(2u), stable where 1 + tanh u cancels.
  gelu: (node: OnnxLoweringContext<GeluAttrs>) => {
    const x = node.inputs[0]!;
    if (node.attrs.approximate === 'tanh') return timesSigmoid(node, x, tanhArgument(node, x, 2), x.dtype);
    return zeroAtNegativeInfinity(node, x, node.node('Mul', [x, normalCdf(node, x, x.dtype)]), x.dtype);
  },
  // geluGrad(x, dy) = dy·gelu′(x)
  geluGrad: (node: OnnxLoweringContext<GeluAttrs>) => {
    const [x, dy] = node.inputs as readonly [OnnxInput, OnnxInput];
    const derivative = node.attrs.approximate === 'tanh' ? tanhGeluDerivative(node, x) : exactGeluDerivative(node, x);
    return node.node('Mul', [dy, derivative]);
  },
};
