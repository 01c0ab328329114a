// erf against 60-digit references (mpmath's erf and erfc, rounded to float64). JavaScript has no Math.erf; the
// kernel is W. J. Cody's rational Chebyshev approximations, good to a few float64 ulps.
import { describe, expect, it } from 'vitest';
import { erf, tensor } from '@chainrule/tensor';

const f64 = { dtype: 'float64' } as const;

// [x, erf(x)] from mpmath (mp.dps = 60): each of Cody's three intervals, their edges (0.46875, 4) and the tail.
const known: [number, number][] = [
  [1e-10, 1.1283791670955126e-10],
  [0.1, 0.1124629160182849],
  [0.3, 0.32862675945912745],
  [0.46875, 0.49261347321793797],
  [0.5, 0.5204998778130465],
  [1, 0.8427007929497149],
  [1.5, 0.9661051464753108],
  [2, 0.9953222650189527],
  [3, 0.9999779095030014],
  [4, 0.9999999845827421],
  [5, 0.9999999999984626],
  [6, 1],
];

describe('erf', () => {
  it('matches the references to 2 units in the last place, and is odd', () => {
    const values = erf(tensor([...known.map(([x]) => x), ...known.map(([x]) => -x)], f64)).toArray() as number[];
    known.forEach(([x, expected], i) => {
      expect(Math.abs(values[i]! - expected), `erf(${x})`).toBeLessThanOrEqual(2 * 2 ** -52 * Math.abs(expected));
      expect(values[i + known.length], `erf(${-x})`).toBe(-values[i]!);
    });
  });

  it('gives 0, ±1 and NaN where it should; float32 rounds once', () => {
    expect(erf(tensor([0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 30, Number.NaN], f64)).toArray()).toEqual(
      [0, 1, -1, 1, Number.NaN],
    );
    expect(erf(tensor([0.5])).item()).toBe(Math.fround(0.5204998778130465));
  });
});
