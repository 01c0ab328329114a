import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDuration,
  formatIterations,
  formatLoss,
  formatNumber,
  wrapWords,
} from '../../src/render/format';

describe('number formats', () => {
  it('formatNumber: thousands separators, no "+" in an exponent, nothing rounded', () => {
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(1500)).toBe('1,500');
    expect(formatNumber(1_000_000)).toBe('1,000,000');
    expect(formatNumber(-1234.5)).toBe('-1,234.5');
    expect(formatNumber(0.123456789)).toBe('0.123456789');
    expect(formatNumber(1e40)).toBe('1e40');
    expect(formatNumber(2.5e-7)).toBe('2.5e-7');
  });

  it('formatLoss: four significant digits, separators from 1,000', () => {
    expect(formatLoss(1.41234)).toBe('1.412');
    expect(formatLoss(0.0026341)).toBe('0.002634');
    expect(formatLoss(2.6341e-7)).toBe('2.634e-7');
    expect(formatLoss(12_345.6)).toBe('12,350');
    expect(formatLoss(0)).toBe('0.000');
  });

  it('formatIterations: "1 iteration", "1,500 iterations"', () => {
    expect(formatIterations(1)).toBe('1 iteration');
    expect(formatIterations(0)).toBe('0 iterations');
    expect(formatIterations(1500)).toBe('1,500 iterations');
  });

  it('formatCount and formatDuration', () => {
    expect(formatCount(30_234)).toBe('30,234');
    expect(formatDuration(850.4)).toBe('850 ms');
    expect(formatDuration(1244)).toBe('1.24 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});

describe('wrapWords', () => {
  it('keeps a line that fits whole', () => {
    expect(wrapWords('plain SGD, lr 1, 1,500 iterations', 80)).toBe('plain SGD, lr 1, 1,500 iterations');
  });

  it('breaks after a phrase where it can, so a name stays with its value', () => {
    expect(wrapWords('plain SGD, lr 1, 3,000 iterations, seed 1, float64', 39)).toBe(
      'plain SGD, lr 1, 3,000 iterations,\nseed 1, float64',
    );
    expect(wrapWords('chainrule demo: Dense(3→4) → sigmoid → Dense(4→1) → sigmoid, SSE loss', 39)).toBe(
      'chainrule demo: Dense(3→4) → sigmoid →\nDense(4→1) → sigmoid, SSE loss',
    );
  });

  it('never makes a line longer than the width unless one word is', () => {
    const text = 'Final loss 7.005e-4; it fell at all 3,000 iterations; trained in 77 ms.';
    for (let width = 12; width <= 80; width++) {
      const lines = wrapWords(text, width).split('\n');
      expect(lines.join(' ')).toBe(text);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
    }
    expect(wrapWords('a verylongword b', 5)).toBe('a\nverylongword\nb');
  });
});
