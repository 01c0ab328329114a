import type { CheckOutcome } from './types';

/** Largest |a[i] - b[i]|; Infinity when the lengths differ or a value is not finite. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let index = 0; index < a.length; index++) {
    const difference = Math.abs(a[index]! - b[index]!);
    if (!Number.isFinite(difference)) return Infinity;
    if (difference > worst) worst = difference;
  }
  return worst;
}

/** Checks `|actual[i] - expected[i]| <= tolerance` for every i, with a one-line account. */
export function compareWithin(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): CheckOutcome {
  if (actual.length !== expected.length) {
    return { ok: false, detail: `${actual.length} numbers, expected ${expected.length}` };
  }
  const difference = maxAbsDifference(actual, expected);
  return {
    ok: difference <= tolerance,
    detail:
      tolerance === 0
        ? `max |Δ| ${formatDifference(difference)} (must be exact)`
        : `max |Δ| ${formatDifference(difference)} (tolerance ${tolerance.toExponential(0)})`,
  };
}

function formatDifference(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value === 0 ? '0' : value.toExponential(1);
}
