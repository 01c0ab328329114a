import { uniformArray } from '../../random';

/**
 * Per-op overhead: `count` element-wise adds of two 4×4 float32 tensors, each add feeding the next
 * (`sum = sum + b`). Inputs are small integers and quarters, so every float32 partial sum is exact and
 * every correct implementation returns exactly `a + count·b`.
 */
export interface PerOpProblem {
  shape: readonly [number, number];
  count: number;
  a: Float32Array;
  b: Float32Array;
}

/** The per-op problem for `count` adds. */
export function perOpProblem(count = 10_000): PerOpProblem {
  return {
    shape: [4, 4],
    count,
    a: Float32Array.from(uniformArray(11, 16, 0, 10), Math.floor),
    b: Float32Array.from(uniformArray(12, 16, 0, 16), (value) => Math.floor(value) / 4),
  };
}

/** The exact result `a + count·b`. */
export function perOpExpected(problem: PerOpProblem): Float64Array {
  return Float64Array.from(problem.a, (value, index) => value + problem.count * problem.b[index]!);
}
