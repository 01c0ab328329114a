// The error function, which JavaScript's Math lacks, for `erf` and the exact GELU.
//
// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637, as in his
// SPECFUN routine CALERF (netlib.org/specfun/erf): three near-minimax rational approximations, good to about 18
// significant digits before rounding, so to a few units in the last place of a float64:
//   |x| ≤ 0.46875      erf(x)  = x·A(x²)/B(x²)
//   0.46875 < |x| ≤ 4  erfc(x) = e^(−x²)·C(|x|)/D(|x|)
//   |x| > 4            erfc(x) = e^(−x²)/|x| · (1/√π − z·P(z)/Q(z)),  z = 1/x²
// and erf = 1 − erfc, erfc(−x) = 2 − erfc(x) elsewhere. The coefficients are Cody's (published to 18 digits),
// written as the float64 values they round to. erfc is computed directly (never as 1 − erf), so it keeps its
// relative accuracy far into the tail, which the exact GELU needs for x·Φ(x) at large negative x.

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
  2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247,
  3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
const ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);
const THRESHOLD = 0.46875;
/** erfc(x) underflows to 0 for x ≥ 26.543 (Cody's XBIG for IEEE double). */
const ERFC_ZERO = 26.543;

/**
 * Internal (shared with @chainrule/onnx's float64 erfc lowering, through @chainrule/tensor/internal): Cody's
 * coefficients above, `threshold` and `erfcZero`.
 */
export const CODY_ERF = { A, B, C, D, P, Q, threshold: THRESHOLD, erfcZero: ERFC_ZERO } as const;

/** erf on the first interval, |x| ≤ 0.46875: x·A(x²)/B(x²). */
function erfSmall(x: number): number {
  const z = x * x;
  const numerator = (((A[4]! * z + A[0]!) * z + A[1]!) * z + A[2]!) * z + A[3]!;
  const denominator = (((z + B[0]!) * z + B[1]!) * z + B[2]!) * z + B[3]!;
  return (x * numerator) / denominator;
}

/** erfc(y) for y > 0.46875. */
function erfcLarge(y: number): number {
  if (y >= ERFC_ZERO) return 0;
  let ratio: number;
  if (y <= 4) {
    let numerator = C[8]! * y;
    let denominator = y;
    for (let i = 0; i < 7; i++) {
      numerator = (numerator + C[i]!) * y;
      denominator = (denominator + D[i]!) * y;
    }
    ratio = (numerator + C[7]!) / (denominator + D[7]!);
  } else {
    const z = 1 / (y * y);
    let numerator = P[5]! * z;
    let denominator = z;
    for (let i = 0; i < 4; i++) {
      numerator = (numerator + P[i]!) * z;
      denominator = (denominator + Q[i]!) * z;
    }
    ratio = (ONE_OVER_SQRT_PI - (z * (numerator + P[4]!)) / (denominator + Q[4]!)) / y;
  }
  // NOTE: e^(−y²) as e^(−r²)·e^(−(y−r)(y+r)) with r = y rounded down to a multiple of 1/16: r² is exact, so the
  // rounding error of y² (which e^(−y²) would magnify by 2y² in relative terms) never enters (Cody's device).
  const rounded = Math.trunc(y * 16) / 16;
  return Math.exp(-rounded * rounded) * Math.exp(-(y - rounded) * (y + rounded)) * ratio;
}

/** The error function `erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt` in float64 (W. J. Cody's approximations). */
export function erfScalar(x: number): number {
  const y = Math.abs(x);
  if (y <= THRESHOLD) return erfSmall(x);
  if (y !== y) return Number.NaN;
  const tail = erfcLarge(y);
  return x < 0 ? tail - 1 : 1 - tail;
}

/** The complementary error function `erfc(x) = 1 − erf(x)`, accurate in relative terms for large x. */
export function erfcScalar(x: number): number {
  const y = Math.abs(x);
  if (y <= THRESHOLD) return 1 - erfSmall(x);
  if (y !== y) return Number.NaN;
  const tail = erfcLarge(y);
  return x < 0 ? 2 - tail : tail;
}
