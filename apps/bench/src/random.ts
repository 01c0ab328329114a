/**
 * Seeded uniform numbers for the benchmarks' inputs and initial weights, so every implementation
 * starts from the same numbers (mulberry32: 32-bit state, period 2^32; plenty for test data).
 */
export function uniformArray(seed: number, count: number, low = 0, high = 1): Float64Array {
  let state = seed >>> 0;
  const values = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const unit = ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
    values[index] = low + (high - low) * unit;
  }
  return values;
}

/** `count` integers in [0, classes), seeded (labels for the classification benchmark). */
export function labelArray(seed: number, count: number, classes: number): Int32Array {
  const units = uniformArray(seed, count);
  return Int32Array.from(units, (unit) => Math.min(classes - 1, Math.floor(unit * classes)));
}
