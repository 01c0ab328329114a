// The long chain: `y₀ = x`, then `length` ops alternating `y ← y·c` and `y ← y + d`, all float64 scalars.
// ∂y/∂x = c^(number of multiplications). A graph this deep breaks any recursive graph walk.

/** The input `x`. */
export const CHAIN_START = 0.5;
/** `c` of the multiplications. */
export const CHAIN_FACTOR = 1 + 1e-6;
/** `d` of the additions. */
export const CHAIN_INCREMENT = 1e-6;

/** Whether op number `step` (from 0) multiplies; the others add. */
export function isMultiplication(step: number): boolean {
  return step % 2 === 0;
}

/** Value and derivative of the chain computed by plain float64 arithmetic in the same order. */
export function expectedChain(length: number): { value: number; gradient: number } {
  let value = CHAIN_START;
  let gradient = 1;
  for (let step = 0; step < length; step++) {
    if (isMultiplication(step)) {
      value *= CHAIN_FACTOR;
      gradient *= CHAIN_FACTOR;
    } else {
      value += CHAIN_INCREMENT;
    }
  }
  return { value, gradient };
}

/** What a chain run reports (one JSON line from the child process). */
export interface ChainMeasurement {
  implementation: string;
  length: number;
  buildMilliseconds: number;
  backwardMilliseconds?: number;
  value: number;
  gradient?: number;
  /** V8 heap in use (MB) with the whole graph alive, and after backward. */
  heapAfterBuildMegabytes: number;
  heapAfterBackwardMegabytes?: number;
  /** Peak resident set size of the process (MB), from `process.resourceUsage().maxRSS`. */
  peakRssMegabytes: number;
  /** Set when backward threw (e.g. `RangeError: Maximum call stack size exceeded`). */
  error?: string;
  /** For a failing recursive walk: the longest chain it handled, found by bisection. */
  longestWorkingLength?: number;
}

/** Relative error tolerated on the chain's value and gradient (float64, same operation order). */
export const CHAIN_TOLERANCE = 1e-9;

/** Checks a measurement's value and gradient against `expectedChain`. */
export function checkChain(measurement: ChainMeasurement): { ok: boolean; detail: string } {
  if (measurement.error !== undefined) return { ok: false, detail: measurement.error };
  const expected = expectedChain(measurement.length);
  const valueError = Math.abs(measurement.value - expected.value) / Math.abs(expected.value);
  const gradientError = Math.abs((measurement.gradient ?? NaN) - expected.gradient) / Math.abs(expected.gradient);
  const worst = Math.max(valueError, gradientError);
  return {
    ok: worst <= CHAIN_TOLERANCE,
    detail:
      `value ${measurement.value.toPrecision(10)}, ∂y/∂x ${(measurement.gradient ?? NaN).toPrecision(10)}; ` +
      `max relative error ${Number.isNaN(worst) ? 'NaN' : worst.toExponential(1)} (tolerance ${CHAIN_TOLERANCE.toExponential(0)})`,
  };
}
