import { describe, expect, it } from 'vitest';
import { interpolate, renderLossChart } from '../../src/render/chart';

/** `losses[k]`: the loss after k iterations, falling. */
const falling = (iterations: number): number[] =>
  Array.from({ length: iterations + 1 }, (_, k) => 1.2 * Math.exp(-k / (iterations / 5 + 1)) + 0.002);

describe('renderLossChart: the iteration axis', () => {
  const short = Array.from({ length: 40 }, (_, index) => index + 1);
  it.each([...short, 99, 1234, 30_234, 1_000_000])('ends with a tick and a label at iteration %i', (n) => {
    for (const columns of [40, 80]) {
      const lines = renderLossChart(falling(n), { columns }).split('\n');
      const [rule, labels] = lines.slice(-2) as [string, string];
      expect(labels.endsWith(` ${n.toLocaleString('en-US')}`), labels).toBe(true);
      expect(rule.endsWith('┴'), rule).toBe(true);
      expect(rule.length).toBe(labels.length); // the last label ends under the last column
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
    }
  });

  it('writes iterations and losses with thousands separators, never a long run of digits', () => {
    const chart = renderLossChart(falling(1_000_000), { columns: 80 });
    expect(chart).toContain('1,000,000');
    expect(chart).not.toMatch(/(?<![.\d])\d{4,}/);
    expect(chart).not.toMatch(/e\+/);
    const large = renderLossChart([25_000, 12_000, 3_000], { columns: 80 });
    expect(large).toContain('25,000');
    expect(large).not.toMatch(/(?<![.\d])\d{4,}/);
  });

  it('says "1 iteration", not "1 iterations"', () => {
    const chart = renderLossChart([1.303, 1.052], { columns: 80 });
    expect(chart.split('\n')[0]).toMatch(/ over 1 iteration$/);
    expect(renderLossChart(falling(2), { columns: 80 }).split('\n')[0]).toMatch(/ over 2 iterations$/);
  });
});

describe('renderLossChart: the first step', () => {
  it('spreads the steps of a short run over the width instead of drawing them as a spike beside the axis', () => {
    // The demo's first three iterations: 1.303 → 1.052 → 1.001 → 0.9993.
    for (const losses of [
      [1.303, 1.052],
      [1.303, 1.052, 1.001, 0.9993],
    ]) {
      const plot = renderLossChart(losses, { columns: 80 }).split('\n').slice(1, -2);
      expect(plot.join('\n')).not.toContain('│'); // no vertical run: every row is reached in a later column
      const firstColumn = plot.map((line) => line[11] ?? ' ').filter((character) => character !== ' ');
      expect(firstColumn.length).toBeLessThanOrEqual(2);
    }
  });
});

describe('interpolate', () => {
  it('spreads values evenly, keeping the first and the last', () => {
    expect(interpolate([0, 10], 6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(interpolate([4, 0, 8], 5)).toEqual([4, 2, 0, 4, 8]);
    expect(interpolate([3], 3)).toEqual([3, 3, 3]);
  });
});
