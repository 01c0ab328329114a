import { type DType, scalar } from '@chainrule/tensor';
import { CODY_ERF } from '@chainrule/tensor/internal';
import type { OnnxLoweringContext, OnnxValue } from '../lowering';

// erfc for float64 graphs, where ONNX Runtime's CPU provider has no Erf: W. J. Cody's rational approximations
// (Math. Comp. 23 (1969) 631-637, SPECFUN's CALERF), the same coefficients (shared through @chainrule/tensor/internal) and steps as
// @chainrule/tensor's erf:
//   |z| ≤ 0.46875      erfc(z) = 1 − z·A(z²)/B(z²)
//   0.46875 < |z| ≤ 4  erfc(|z|) = e^(−z²)·C(|z|)/D(|z|)
//   |z| > 4            erfc(|z|) = e^(−z²)/|z| · (1/√π − w·P(w)/Q(w)),  w = 1/z²
// and erfc(z) = 2 − erfc(|z|) for z < 0. Every branch is computed and Where picks one per element.

const { A, B, C, D, P, Q, threshold: THRESHOLD, erfcZero: ERFC_ZERO } = CODY_ERF;

/** Internal: erfc(z) element-wise, in `dtype` (float64 graphs). */
export function erfc(node: OnnxLoweringContext<unknown>, z: OnnxValue, dtype: DType): OnnxValue {
  const c = (value: number) => node.constant(scalar(value, { dtype }));
  const add = (a: OnnxValue, b: OnnxValue) => node.node('Add', [a, b]);
  const mul = (a: OnnxValue, b: OnnxValue) => node.node('Mul', [a, b]);
  const div = (a: OnnxValue, b: OnnxValue) => node.node('Div', [a, b]);
  const y = node.node('Abs', [z]);

  // 1 − z·A(z²)/B(z²)
  const z2 = mul(z, z);
  let numerator = mul(c(A[4]!), z2);
  let denominator: OnnxValue = z2;
  for (let i = 0; i < 3; i++) {
    numerator = mul(add(numerator, c(A[i]!)), z2);
    denominator = mul(add(denominator, c(B[i]!)), z2);
  }
  const small = node.node('Sub', [c(1), div(mul(z, add(numerator, c(A[3]!))), add(denominator, c(B[3]!)))]);

  // C(y)/D(y)
  numerator = mul(c(C[8]!), y);
  denominator = y;
  for (let i = 0; i < 7; i++) {
    numerator = mul(add(numerator, c(C[i]!)), y);
    denominator = mul(add(denominator, c(D[i]!)), y);
  }
  const middle = div(add(numerator, c(C[7]!)), add(denominator, c(D[7]!)));

  // (1/√π − w·P(w)/Q(w))/y with w = 1/y²
  const w = node.node('Reciprocal', [mul(y, y)]);
  numerator = mul(c(P[5]!), w);
  denominator = w;
  for (let i = 0; i < 4; i++) {
    numerator = mul(add(numerator, c(P[i]!)), w);
    denominator = mul(add(denominator, c(Q[i]!)), w);
  }
  const correction = div(mul(w, add(numerator, c(P[4]!))), add(denominator, c(Q[4]!)));
  const far = div(node.node('Sub', [c(1 / Math.sqrt(Math.PI)), correction]), y);

  // NOTE: e^(−y²) as e^(−r²)·e^(−(y−r)(y+r)) with r = y rounded down to a multiple of 1/16: r² is exact, so the
  // rounding error of y² (which e^(−y²) would magnify by 2y² in relative terms) never enters (Cody's device).
  const rounded = div(node.node('Floor', [mul(y, c(16))]), c(16));
  const gaussian = mul(
    node.node('Exp', [mul(node.node('Neg', [rounded]), rounded)]),
    node.node('Exp', [mul(node.node('Neg', [node.node('Sub', [y, rounded])]), add(y, rounded))]),
  );
  const ratio = node.node('Where', [node.node('LessOrEqual', [y, c(4)]), middle, far]);
  const underflow = node.node('GreaterOrEqual', [y, c(ERFC_ZERO)]);
  const tail = node.node('Where', [underflow, c(0), mul(gaussian, ratio)]);
  const large = node.node('Where', [node.node('Less', [z, c(0)]), node.node('Sub', [c(2), tail]), tail]);
  return node.node('Where', [node.node('LessOrEqual', [y, c(THRESHOLD)]), small, large]);
}
