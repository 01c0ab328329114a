// Printing as untrusted output: whatever the shape, toString (and so console.log, which goes through the same
// inspect hook) shows at most 1000 elements and a text whose length is bounded by the rank, never the full tensor;
// a cheap broadcast view of 2^28 or 3^64 elements prints as quickly as a small tensor.
import { describe, expect, it } from 'vitest';
import { arange, broadcastTo, reshape, scalar, zeros } from '@chainrule/tensor';

/** The numbers shown in a tensor's text, without its `shape=[...]` tail. */
const shownNumbers = (text: string): string[] => text.slice(0, text.lastIndexOf(', shape=')).match(/-?\d+/g) ?? [];

describe('printing is summarised for every shape', () => {
  it('1.7 million elements on eight axes of 6 (none longer than NumPy elides) show at most 1000 of them', () => {
    const t = reshape(arange(6 ** 8), [6, 6, 6, 6, 6, 6, 6, 6]);
    const text = String(t);
    const numbers = shownNumbers(text);
    expect(numbers.length).toBeLessThanOrEqual(1000);
    expect(numbers[0]).toBe('0');
    expect(numbers.at(-1)).toBe(String(6 ** 8 - 1));
    expect(text).toContain('...');
    expect(text.length).toBeLessThan(20_000);
    expect(text.endsWith('shape=[6,6,6,6,6,6,6,6], dtype=float32)')).toBe(true);
  });

  it('a rank-28 broadcast view of 2^28 elements prints a short summary (it used to abort the process)', () => {
    const text = String(broadcastTo(scalar(7), new Array<number>(28).fill(2)));
    expect(shownNumbers(text).length).toBeLessThanOrEqual(1000);
    expect(text.length).toBeLessThan(50_000);
    expect(text).toContain('...');
  });

  it('a rank-64 broadcast view of 3^64 elements too', () => {
    const text = String(broadcastTo(scalar(1), new Array<number>(64).fill(3)));
    expect(shownNumbers(text).length).toBeLessThanOrEqual(1000);
    expect(text.length).toBeLessThan(200_000);
  });

  it('node:util inspect (what console.log uses) gives the same bounded text', async () => {
    const utilModule: string = 'node:util';
    const { inspect } = (await import(utilModule)) as { inspect: (value: unknown) => string };
    const t = broadcastTo(scalar(7), new Array<number>(28).fill(2));
    expect(inspect(t)).toBe(String(t));
  });

  it('an empty tensor prints as [] with its shape, however long its other axes', () => {
    expect(String(zeros([2 ** 50, 0]))).toBe('tensor([], shape=[1125899906842624,0], dtype=float32)');
    expect(String(zeros([0, 3], { dtype: 'float64' }))).toBe('tensor([], shape=[0,3], dtype=float64)');
  });

  it('shapes NumPy already summarises print as NumPy prints them', () => {
    const text = String(reshape(arange(1100), [100, 11]));
    expect(text.split('\n')).toHaveLength(7);
    expect(text.startsWith('tensor([[   0,    1,    2, ...,    8,    9,   10],')).toBe(true);
  });
});
