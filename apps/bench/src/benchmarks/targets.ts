import type { Target } from '../harness/types';

/** Target: `implementation`'s median is at most `limit` times `baseline`'s (time-like metrics). */
export function ratioTarget(implementation: string, baseline: string, limit: number, baselineLabel: string): Target {
  return {
    implementation,
    description: `<= ${limit}x ${baselineLabel}`,
    measure: (medians) => {
      const own = medians.get(implementation);
      const other = medians.get(baseline);
      return own === undefined || other === undefined ? undefined : own / other;
    },
    format: (value) => `${value.toFixed(2)}x`,
    met: (value) => value <= limit,
  };
}

/** Target: `implementation`'s median metric is at most `limit` (times) or at least `limit` (throughputs). */
export function absoluteTarget(
  implementation: string,
  comparison: '<=' | '>=',
  limit: number,
  unit: string,
  digits = 2,
): Target {
  return {
    implementation,
    description: `${comparison} ${limit} ${unit}`,
    measure: (medians) => medians.get(implementation),
    format: (value) => `${value.toFixed(digits)} ${unit}`,
    met: (value) => (comparison === '<=' ? value <= limit : value >= limit),
  };
}

/** Target for throughputs: `implementation`'s median metric is at least `minimum` times `baseline`'s. */
export function speedupTarget(
  implementation: string,
  baseline: string,
  minimum: number,
  baselineLabel: string,
): Target {
  return {
    implementation,
    description: `>= ${minimum.toFixed(1)}x ${baselineLabel}`,
    measure: (medians) => {
      const own = medians.get(implementation);
      const other = medians.get(baseline);
      return own === undefined || other === undefined ? undefined : own / other;
    },
    format: (value) => `${value.toFixed(2)}x`,
    met: (value) => value >= minimum,
  };
}
