// Nested arrays as untrusted input: shape inference walks them in a loop and tensors have at most MAX_RANK (64)
// axes, so a self-containing array or nesting a million deep is a ShapeError, never a stack overflow or a process
// that runs out of memory; nesting up to 64 deep is legal and works everywhere, printing and toArray included.
import { describe, expect, it } from 'vitest';
import { MAX_RANK, ShapeError, sum, tensor } from '@chainrule/tensor';

const nestedArray = (depth: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
};

describe('nesting depth', () => {
  it('the limit is NumPy’s: 64 axes', () => expect(MAX_RANK).toBe(64));

  it('64 levels make a rank-64 tensor that sums, prints and converts back', () => {
    const t = tensor(nestedArray(64) as never);
    expect(t.rank).toBe(64);
    expect(sum(t).item()).toBe(1);
    expect(String(t)).toContain(`${'['.repeat(64)}1${']'.repeat(64)}`);
    expect(t.toArray()).toEqual(nestedArray(64));
  });

  it('a million levels is a ShapeError naming the limit, not a stack overflow', () => {
    const deep = nestedArray(1_000_000);
    expect(() => tensor(deep as never)).toThrow(ShapeError);
    expect(() => tensor(deep as never)).toThrow(/more than 64 deep/);
  });

  it('a cycle below a long first row is found without walking the row', () => {
    const row: unknown[] = new Array(100_000).fill(0);
    row[0] = row;
    expect(() => tensor(row as never)).toThrow(/contains itself at \[0\]/);
  });
});
