import { describe, expect, it } from 'vitest';
import { gridInputs } from '../../src/training/grid';

describe('gridInputs', () => {
  it('lists cell centres row by row from the top, x1 left to right', () => {
    expect(Array.from(gridInputs(2, [-1, 1], 2))).toEqual([-0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5, -0.5]);
  });

  it("adds the tutorial's constant third input", () => {
    expect(Array.from(gridInputs(1, [0, 1], 3))).toEqual([0.5, 0.5, 1]);
  });
});
