import type { CheckOutcome } from '../../harness/types';
import { uniformArray } from '../../random';

/** Square float32 matmul `C = A·B` of size `n`; A and B uniform in [-1, 1), row-major. */
export interface MatmulProblem {
  n: number;
  a: Float32Array;
  b: Float32Array;
}

/** The problem of size `n`. */
export function matmulProblem(n: number): MatmulProblem {
  return {
    n,
    a: Float32Array.from(uniformArray(100 + n, n * n, -1, 1)),
    b: Float32Array.from(uniformArray(200 + n, n * n, -1, 1)),
  };
}

/** Floating-point operations of one product (a multiply and an add per term). */
export function matmulFlops(n: number): number {
  return 2 * n ** 3;
}

/** Relative tolerance on an entry, scaled by Σ|a_ik·b_kj| (float32 rounding grows with that sum, not with the entry). */
export const MATMUL_TOLERANCE = 1e-5;

/**
 * Checks `result` at `samples` seeded positions against float64 dot products of the same float32 inputs:
 * |c_ij − Σ a_ik b_kj| ≤ tolerance · Σ |a_ik b_kj|.
 */
export function makeMatmulCheck(problem: MatmulProblem, samples = 256): (result: ArrayLike<number>) => CheckOutcome {
  const { n, a, b } = problem;
  const positions = Array.from(uniformArray(300 + n, samples, 0, n * n), Math.floor);
  const expected = positions.map((position) => {
    const row = Math.floor(position / n);
    const column = position % n;
    let sum = 0;
    let scale = 0;
    for (let k = 0; k < n; k++) {
      const term = a[row * n + k]! * b[k * n + column]!;
      sum += term;
      scale += Math.abs(term);
    }
    return { position, sum, scale };
  });
  return (result) => {
    if (result.length !== n * n) return { ok: false, detail: `${result.length} entries, expected ${n * n}` };
    let worst = 0;
    for (const { position, sum, scale } of expected) {
      const error = Math.abs(result[position]! - sum) / scale;
      worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
    }
    return {
      ok: worst <= MATMUL_TOLERANCE,
      detail: `max |Δ|/Σ|ab| ${worst === 0 ? '0' : worst.toExponential(1)} at ${samples} entries (tolerance ${MATMUL_TOLERANCE.toExponential(0)})`,
    };
  };
}
