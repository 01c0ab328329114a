import { type DType, scalar } from '@chainrule/tensor';
import type { OnnxLoweringContext, OnnxValue } from '../lowering';
import { erfc } from './erfc';

// Functions that ONNX has no operator for (log1p, expm1), or that ONNX Runtime's CPU provider lacks in float64
// (Softplus, Erf), written with primitives in forms that keep chainrule's accuracy: no cancellation near 0, no
// overflow in the tails. Each takes the dtype of the values it works on.

type Context = OnnxLoweringContext<unknown>;

/** A scalar constant of `dtype` (default: the node's first input's). */
export function constantOf(node: Context, value: number, dtype: DType = node.inputs[0]!.dtype): OnnxValue {
  return node.constant(scalar(value, { dtype }));
}

/**
 * `ln(1 + x)` accurate near 0 (Kahan's device): with `u = 1 + x` rounded, `ln(u)·x/(u − 1)` corrects the rounding of
 * `u`, and `x` itself where `u` rounded to 1. `x/(u − 1)` is taken as 1 where `u − 1 = x` (large x, and x = ±∞).
 */
export function log1p(node: Context, x: OnnxValue, dtype: DType): OnnxValue {
  const one = constantOf(node, 1, dtype);
  const u = node.node('Add', [one, x]);
  const d = node.node('Sub', [u, one]);
  const ratio = node.node('Where', [node.node('Equal', [d, x]), one, node.node('Div', [x, d])]);
  const isOne = node.node('Equal', [d, constantOf(node, 0, dtype)]);
  return node.node('Where', [isOne, x, node.node('Mul', [node.node('Log', [u]), ratio])]);
}

/**
 * `eˣ − 1` accurate near 0 (Kahan's device): for |x| < 1, `(u − 1)·x/ln(u)` with `u = eˣ` rounded, and `x` where `u`
 * rounded to 1; elsewhere `eˣ − 1` loses nothing (and gives −1 and ∞ in the tails).
 */
export function expm1(node: Context, x: OnnxValue, dtype: DType): OnnxValue {
  const u = node.node('Exp', [x]);
  const um1 = node.node('Sub', [u, constantOf(node, 1, dtype)]);
  const corrected = node.node('Mul', [um1, node.node('Div', [x, node.node('Log', [u])])]);
  const near = node.node('Where', [node.node('Equal', [um1, constantOf(node, 0, dtype)]), x, corrected]);
  const small = node.node('Less', [node.node('Abs', [x]), constantOf(node, 1, dtype)]);
  return node.node('Where', [small, near, um1]);
}

/**
 * `log(1 + eˣ)`: ONNX's Softplus in float32 (ONNX Runtime computes it in the same stable form as chainrule), and
 * `max(x, 0) + log1p(e^−|x|)` in float64, where ONNX Runtime has no Softplus.
 */
export function softplus(node: Context, x: OnnxValue, dtype: DType): OnnxValue {
  if (dtype === 'float32') return node.node('Softplus', [x]);
  const tail = log1p(node, node.node('Exp', [node.node('Neg', [node.node('Abs', [x])])]), dtype);
  return node.node('Add', [node.node('Relu', [x]), tail]);
}

/**
 * `x·σ(t)` as `x/(1 + e^−t)`: accurate in relative terms for every t. NOTE: not x·Sigmoid(t): ONNX Runtime's float32
 * Sigmoid is off by up to 6.5e-8 in absolute terms and 0 below t = −18, which x multiplies (silu was off by 2.2e-6 at
 * x = −16.4). Where `e^−t` overflows the result is ±0, the limit; at x = −∞ (t = −∞ too) 0 replaces ∞/∞.
 */
export function timesSigmoid(node: Context, x: OnnxValue, t: OnnxValue, dtype: DType): OnnxValue {
  const one = constantOf(node, 1, dtype);
  const value = node.node('Div', [x, node.node('Add', [one, node.node('Exp', [node.node('Neg', [t])])])]);
  return zeroAtNegativeInfinity(node, x, value, dtype);
}

/** `value`, with 0 where `x` is −∞ (the limit of x·f(x) for an f that vanishes faster than 1/x). */
export function zeroAtNegativeInfinity(node: Context, x: OnnxValue, value: OnnxValue, dtype: DType): OnnxValue {
  const isNegativeInfinity = node.node('Equal', [x, constantOf(node, Number.NEGATIVE_INFINITY, dtype)]);
  return node.node('Where', [isNegativeInfinity, constantOf(node, 0, dtype), value]);
}

/**
 * The standard normal CDF Φ(x): `0.5·(1 + Erf(x/√2))` in float32 (ONNX's Erf; in the far negative tail it gives 0
 * where Φ is below float32's spacing near 1), and `0.5·erfc(−x/√2)` in float64, where ONNX Runtime has no Erf:
 * W. J. Cody's rational approximations written out, as chainrule computes it, accurate far into the tail.
 */
export function normalCdf(node: Context, x: OnnxValue, dtype: DType): OnnxValue {
  const half = constantOf(node, 0.5, dtype);
  if (dtype === 'float32') {
    const erf = node.node('Erf', [node.node('Mul', [x, constantOf(node, Math.SQRT1_2, dtype)])]);
    return node.node('Mul', [half, node.node('Add', [constantOf(node, 1, dtype), erf])]);
  }
  const z = node.node('Mul', [node.node('Neg', [x]), constantOf(node, Math.SQRT1_2, dtype)]);
  return node.node('Mul', [half, erfc(node, z, dtype)]);
}
