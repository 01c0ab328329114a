/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Smallest and largest of a non-empty list. */
export function range(values: readonly number[]): { min: number; max: number } {
  if (values.length === 0) throw new Error('range: no values');
  return { min: Math.min(...values), max: Math.max(...values) };
}
