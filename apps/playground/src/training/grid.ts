/**
 * The centres of a `resolution × resolution` grid over `[low, high]²`, row by row from the top (largest x2) and
 * left to right (x1), as `features` input columns: x1, x2 and, for the tutorial, its constant 1.
 */
export function gridInputs(resolution: number, domain: readonly [number, number], features: number): Float64Array {
  const [low, high] = domain;
  const cell = (high - low) / resolution;
  const inputs = new Float64Array(resolution * resolution * features);
  for (let row = 0; row < resolution; row++) {
    for (let column = 0; column < resolution; column++) {
      const offset = (row * resolution + column) * features;
      inputs[offset] = low + (column + 0.5) * cell;
      inputs[offset + 1] = high - (row + 0.5) * cell;
      for (let extra = 2; extra < features; extra++) inputs[offset + extra] = 1;
    }
  }
  return inputs;
}
