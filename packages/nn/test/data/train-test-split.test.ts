import { trainTestSplit } from '@chainrule/nn';
import { Rng, ShapeError, ValueError, arange, reshape, take } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

const x = reshape(arange(20), [10, 2]);
const y = arange(10, { dtype: 'int32' });
const labelsOf = (t: { toArray(): unknown }) => t.toArray() as number[];

describe('trainTestSplit', () => {
  it('shuffled (the default): the test part is the first ceil(testSize·n) of the permutation, the rest trains', () => {
    const { train, test } = trainTestSplit({ x, y }, { testSize: 0.25, rng: new Rng(3) });
    const order = labelsOf(new Rng(3).permutation(10));
    expect(labelsOf(test.y)).toEqual(order.slice(0, 3)); // ceil(2.5) = 3, as scikit-learn rounds
    expect(labelsOf(train.y)).toEqual(order.slice(3));
    expect(test.x.toArray()).toEqual(take(x, test.y, 0).toArray());
    expect(train.x.toArray()).toEqual(take(x, train.y, 0).toArray());
    expect(train.y.dtype).toBe('int32');
  });

  it('takes a count of test examples, and keeps the order with shuffle: false (test last, views)', () => {
    const { train, test } = trainTestSplit({ x, y }, { testSize: 2, shuffle: false });
    expect(labelsOf(train.y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(labelsOf(test.y)).toEqual([8, 9]);
    expect(test.x.toArray()).toEqual([
      [16, 17],
      [18, 19],
    ]);
    expect(train.x.data).toBe(x.data);
    expect(trainTestSplit({ y }, { testSize: 1, rng: new Rng(0) }).test.y.shape).toEqual([1]);
  });

  it('the same seed gives the same split', () => {
    const a = trainTestSplit({ y }, { testSize: 0.5, rng: new Rng(9) });
    const b = trainTestSplit({ y }, { testSize: 0.5, rng: new Rng(9) });
    expect(labelsOf(a.test.y)).toEqual(labelsOf(b.test.y));
    expect([...labelsOf(a.test.y), ...labelsOf(a.train.y)].sort((p, q) => p - q)).toEqual(labelsOf(y));
  });

  it('rejects splits that leave a part empty, bad sizes and a missing rng', () => {
    expect(() => trainTestSplit({ y }, { testSize: 10, rng: new Rng(0) })).toThrow(
      /^trainTestSplit: testSize 10 of 10 examples leaves 0 for training and 10 for testing; expected at least one in each/,
    );
    expect(() => trainTestSplit({ y }, { testSize: 0.99, rng: new Rng(0) })).toThrow(ValueError);
    expect(() => trainTestSplit({ y }, { testSize: 0, rng: new Rng(0) })).toThrow(
      /^trainTestSplit: testSize must be a fraction in \(0, 1\) or a whole number of examples >= 1; got number 0/,
    );
    expect(() => trainTestSplit({ y }, { testSize: 1.5, rng: new Rng(0) })).toThrow(ValueError);
    expect(() => trainTestSplit({ y }, { testSize: 0.2 })).toThrow(/^trainTestSplit: shuffling needs options.rng/);
    expect(() => trainTestSplit({ x, y: arange(3) }, { testSize: 0.2, rng: new Rng(0) })).toThrow(ShapeError);
    expect(() => trainTestSplit({ y }, { testSize: 0.2, seed: 1 } as never)).toThrow(/unknown option 'seed'/);
  });
});
