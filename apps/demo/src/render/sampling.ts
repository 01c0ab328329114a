/**
 * `count` evenly spaced indices into a series of `length` values, always the first and the last (all indices when
 * `length <= count`): `round(i·(length − 1)/(count − 1))` for i = 0..count−1.
 */
export function sampleIndices(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, index) => index);
  return Array.from({ length: count }, (_, index) => Math.round((index * (length - 1)) / (count - 1)));
}

/** The smallest and largest value, by a loop (spreading a million values into Math.min overflows the stack). */
export function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { min, max };
}

/** Throws a RangeError naming `op` unless every value is finite (a chart of NaN has no coordinates). */
export function requireFinite(op: string, values: readonly number[]): void {
  const index = values.findIndex((value) => !Number.isFinite(value));
  if (index >= 0) throw new RangeError(`${op}: loss ${index + 1} of ${values.length} is not finite (${values[index]})`);
}
