import { describe, expect, it } from 'vitest';
import { arange, reshape, tensor, transpose, zeros } from '@chainrule/tensor';

describe('toString', () => {
  it('prints integers in a NumPy-like grid with shape and dtype', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toString(),
    ).toBe('tensor([[1, 2],\n        [3, 4]], shape=[2,2], dtype=float32)');
    expect(
      tensor(
        [
          [-1, 20],
          [3, 4],
        ],
        { dtype: 'float64' },
      ).toString(),
    ).toBe('tensor([[-1, 20],\n        [ 3,  4]], shape=[2,2], dtype=float64)');
  });

  it('prints float32 values by their shortest float32 decimal, aligning decimal points', () => {
    expect(tensor([0.1, 0.25, 3]).toString()).toBe('tensor([0.1 , 0.25, 3.  ], shape=[3], dtype=float32)');
    expect(tensor([0.1], { dtype: 'float64' }).toString()).toBe('tensor([0.1], shape=[1], dtype=float64)');
    expect(tensor([1 / 3]).toString()).toBe('tensor([0.33333334], shape=[1], dtype=float32)');
    expect(tensor([1 / 3], { dtype: 'float64' }).toString()).toBe('tensor([0.33333333], shape=[1], dtype=float64)');
  });

  it('switches to scientific notation for very large or small magnitudes', () => {
    expect(tensor([1e-7, 1], { dtype: 'float64' }).toString()).toBe('tensor([1e-07, 1e+00], shape=[2], dtype=float64)');
    expect(tensor([1.25e10, 0.5], { dtype: 'float64' }).toString()).toBe(
      'tensor([1.25e+10, 5.00e-01], shape=[2], dtype=float64)',
    );
    expect(tensor([123456789, 1]).toString()).toBe('tensor([123456792,         1], shape=[2], dtype=float32)');
  });

  it('prints nan and inf, 0-d tensors and empty tensors', () => {
    expect(tensor([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5]).toString()).toBe(
      'tensor([ nan,  inf, -inf,  1.5], shape=[4], dtype=float32)',
    );
    expect(tensor(2.5).toString()).toBe('tensor(2.5, shape=[], dtype=float32)');
    expect(zeros([0]).toString()).toBe('tensor([], shape=[0], dtype=float32)');
    expect(zeros([2, 0]).toString()).toBe('tensor([], shape=[2,0], dtype=float32)');
  });

  it('separates the blocks of a 3-d tensor with a blank line and reads views in logical order', () => {
    expect(reshape(arange(8), [2, 2, 2]).toString()).toBe(
      'tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], shape=[2,2,2], dtype=float32)',
    );
    expect(
      transpose(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ).toString(),
    ).toBe('tensor([[1, 3],\n        [2, 4]], shape=[2,2], dtype=float32)');
  });

  it('elides large tensors with ... keeping three items at each end of each axis', () => {
    expect(arange(2000).toString()).toBe(
      'tensor([   0,    1,    2, ..., 1997, 1998, 1999], shape=[2000], dtype=float32)',
    );
    const text = reshape(arange(1100), [100, 11]).toString();
    const lines = text.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe('tensor([[   0,    1,    2, ...,    8,    9,   10],');
    expect(lines[3]).toBe('        ...,');
    expect(lines[6]).toBe('        [1089, 1090, 1091, ..., 1097, 1098, 1099]], shape=[100,11], dtype=float32)');
  });

  it('wraps long rows at 75 characters', () => {
    const text = arange(30).toString();
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line.length).toBeLessThanOrEqual(75);
    expect(lines[1]!.startsWith('        ')).toBe(true);
  });
});

describe('inspect hook', () => {
  it('is found by util.inspect and console.log through Symbol.for', async () => {
    // The specifier is a variable so that type-checking needs no Node typings (the package itself never imports Node).
    const utilModule: string = 'node:util';
    const { inspect } = (await import(utilModule)) as { inspect: (value: unknown) => string };
    const t = tensor([1, 2]);
    expect(inspect(t)).toBe(t.toString());
    expect(inspect({ weights: t })).toContain('tensor([1, 2], shape=[2], dtype=float32)');
    expect(typeof (t as unknown as Record<symbol, unknown>)[Symbol.for('nodejs.util.inspect.custom')]).toBe('function');
  });
});
