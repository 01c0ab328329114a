import { batches } from '@chainrule/nn';
import { Rng, ShapeError, ValueError, arange, reshape, take, tensor, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

// Ten examples: x row i is [2i, 2i + 1], label y[i] = i (int32), so a batch shows which examples it holds.
const x = reshape(arange(20), [10, 2]);
const y = arange(10, { dtype: 'int32' });
const labelsOf = (t: { toArray(): unknown }) => t.toArray() as number[];

describe('batches', () => {
  it('cuts the examples in order into batches of size, the last one smaller; views of the data', () => {
    const loader = batches({ x, y }, { size: 4 });
    expect(loader.length).toBe(3);
    const seen = [...loader];
    expect(seen.map((batch) => labelsOf(batch.y))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(seen[2]!.x.toArray()).toEqual([
      [16, 17],
      [18, 19],
    ]);
    expect(seen[0]!.x.data).toBe(x.data); // a slice: no copy
    expect(seen[0]!.y.dtype).toBe('int32');
  });

  it('dropLast leaves out the short batch', () => {
    const loader = batches({ x, y }, { size: 4, dropLast: true });
    expect(loader.length).toBe(2);
    expect([...loader].map((batch) => labelsOf(batch.y))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    expect([...batches({ x }, { size: 5, dropLast: true })].length).toBe(2);
  });

  it('shuffled, each pass visits every example once in an order drawn from rng, keeping x and y aligned', () => {
    const loader = batches({ x, y }, { size: 3, shuffle: true, rng: new Rng(42) });
    const reference = new Rng(42);
    for (let epoch = 0; epoch < 3; epoch++) {
      const order = labelsOf(reference.permutation(10));
      const pass = [...loader];
      expect(pass.map((batch) => batch.y.shape[0])).toEqual([3, 3, 3, 1]);
      const labels = pass.flatMap((batch) => labelsOf(batch.y));
      expect(labels).toEqual(order);
      for (const batch of pass) {
        expect(batch.x.toArray()).toEqual(take(x, batch.y, 0).toArray());
      }
    }
  });

  it('draws a new order every pass, and the same seed repeats the whole run', () => {
    const run = (seed: number) => {
      const loader = batches({ y }, { size: 10, shuffle: true, rng: new Rng(seed) });
      return [0, 1, 2].map(() => labelsOf([...loader][0]!.y));
    };
    const first = run(7);
    expect(first[0]).not.toEqual(first[1]);
    expect(run(7)).toEqual(first);
    expect(run(8)).not.toEqual(first);
  });

  it('an empty dataset gives no batches', () => {
    expect([...batches({ x: zeros([0, 2]) }, { size: 2 })].length).toBe(0);
  });

  it('rejects bad data and options with typed errors', () => {
    expect(() => batches({ x, y: arange(9) }, { size: 2 })).toThrow(ShapeError);
    expect(() => batches({ x, y: arange(9) }, { size: 2 })).toThrow(
      /^batches: data.y has 9 examples but data.x has 10 \(x \[10,2\], y \[9\]\); expected the same first axis/,
    );
    expect(() => batches({ x: tensor(1) }, { size: 2 })).toThrow(/^batches: data.x is 0-d/);
    expect(() => batches({}, { size: 2 })).toThrow(/^batches: data has no tensors/);
    expect(() => batches(x as never, { size: 2 })).toThrow(/^batches: data must be an object of named tensors/);
    expect(() => batches({ x: [1, 2] as never }, { size: 2 })).toThrow(
      /^batches: data.x must be a Tensor; got an array/,
    );
    expect(() => batches({ x }, { size: 0 })).toThrow(
      /^batches: options.size must be a positive integer; got number 0/,
    );
    expect(() => batches({ x }, { size: 2.5 })).toThrow(ValueError);
    expect(() => batches({ x }, { size: 2, shuffle: true })).toThrow(/^batches: shuffling needs options.rng/);
    expect(() => batches({ x }, { size: 2, rng: new Rng(0) })).toThrow(/but shuffle is false/);
    expect(() => batches({ x }, { size: 2, batchSize: 3 } as never)).toThrow(/^batches: unknown option 'batchSize'/);
    expect(() => batches({ x }, { size: 2, dropLast: 1 } as never)).toThrow(/options.dropLast must be true or false/);
  });
});
