import type { Tensor } from '@chainrule/tensor';
import { expect } from 'vitest';

/** The elements of a tensor as a flat row-major array. */
export function flat(t: Tensor): number[] {
  const source = t.contiguous();
  return Array.from(source.data.subarray(source.offset, source.offset + source.size));
}

/** Asserts that two flat number lists have equal length and agree elementwise within `tolerance` (absolute). */
export function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, index) => {
    if (Math.abs(value - expected[index]!) > tolerance) {
      throw new Error(`element ${index}: ${value} vs ${expected[index]} (tolerance ${tolerance})`);
    }
  });
}
