import { type NestedArray, Rng, type Shape, Tensor, tensor } from '@chainrule/tensor';
import { Var } from '@chainrule/autograd';
import { expect } from 'vitest';

/** A float64 tensor from nested arrays. */
export function f64(values: NestedArray): Tensor {
  return tensor(values, { dtype: 'float64' });
}

/** Seeded uniform float64 values in [low, high). */
export function random(shape: Shape, seed: number, low = -2, high = 2): Tensor {
  return new Rng(seed).uniform(shape, low, high, { dtype: 'float64' });
}

/** Asserts that `actual` has the nested shape of `expected` and every element within `tolerance` (absolute + relative). */
export function expectClose(actual: Var | Tensor | NestedArray, expected: NestedArray, tolerance = 1e-12): void {
  const values = actual instanceof Var || actual instanceof Tensor ? actual.toArray() : actual;
  compare(values, expected, tolerance, []);
}

function compare(actual: NestedArray, expected: NestedArray, tolerance: number, path: number[]): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `element [${path.join(',')}] should be a number`).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected) || !Number.isFinite(expected)) {
      expect(a, `element [${path.join(',')}]`).toBe(expected);
      return;
    }
    const error = Math.abs(a - expected);
    expect(error, `element [${path.join(',')}]: ${a} vs ${expected}`).toBeLessThanOrEqual(
      tolerance * (1 + Math.abs(expected)),
    );
    return;
  }
  expect(Array.isArray(actual), `element [${path.join(',')}] should be an array`).toBe(true);
  const list = actual as readonly NestedArray[];
  expect(list.length, `length at [${path.join(',')}]`).toBe(expected.length);
  expected.forEach((item, index) => compare(list[index]!, item, tolerance, [...path, index]));
}
