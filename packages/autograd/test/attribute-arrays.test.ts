import type { Tensor } from '@chainrule/tensor';
import {
  type Var,
  broadcastTo,
  logSumExp,
  max,
  mean,
  min,
  mul,
  pad,
  permute,
  reshape,
  slice,
  squeeze,
  sum,
  sumTo,
  transpose,
  variable,
} from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, random } from './helpers';

/** One op called with an attribute array that the caller may change after the forward. */
interface Case {
  readonly name: string;
  readonly input: Tensor;
  /** Calls the op with fresh attribute arrays and returns the result and a function that mutates those arrays. */
  readonly call: (x: Var) => { readonly out: Var; readonly mutate: () => void };
}

const reductions = { sum, mean, max, min, logSumExp };

const cases: Case[] = [
  {
    name: 'slice (begin and end)',
    input: random([3, 4], 1),
    call: (x) => {
      const begin = [1, 0];
      const end = [3, 2];
      return {
        out: slice(x, begin, end),
        mutate: () => {
          begin[0] = 0;
          begin[1] = 1;
          end[0] = 2;
        },
      };
    },
  },
  {
    name: 'pad (inner and outer padding arrays)',
    input: random([2, 3], 2),
    call: (x) => {
      const first: [number, number] = [1, 0];
      const padding: [number, number][] = [first, [0, 2]];
      return {
        out: pad(x, padding),
        mutate: () => {
          first[0] = 0;
          first[1] = 1;
          padding[1] = [2, 0];
        },
      };
    },
  },
  {
    name: 'permute (axes)',
    input: random([2, 3, 4], 3),
    call: (x) => {
      const axes = [2, 0, 1];
      return { out: permute(x, axes), mutate: () => axes.splice(0, 3, 1, 2, 0) };
    },
  },
  {
    name: 'transpose (axes)',
    input: random([2, 3, 4], 4),
    call: (x) => {
      const axes = [1, 2, 0];
      return { out: transpose(x, axes), mutate: () => axes.splice(0, 3, 2, 0, 1) };
    },
  },
  {
    name: 'squeeze (axes)',
    input: random([1, 3, 1], 5),
    call: (x) => {
      const axes = [0];
      return { out: squeeze(x, axes), mutate: () => axes.splice(0, 1, 2) };
    },
  },
  ...Object.entries(reductions).map(
    ([name, reduce]): Case => ({
      name: `${name} (axis array)`,
      input: random([2, 3, 4], 6),
      call: (x) => {
        const axes = [0, 2];
        return { out: reduce(x, axes), mutate: () => axes.splice(0, 2, 1) };
      },
    }),
  ),
  {
    name: 'reshape (shape)',
    input: random([2, 6], 7),
    call: (x) => {
      const shape = [3, 4];
      return { out: reshape(x, shape), mutate: () => shape.splice(0, 2, 4, 3) };
    },
  },
  {
    name: 'broadcastTo (shape)',
    input: random([3, 1], 8),
    call: (x) => {
      const shape = [2, 3, 4];
      return { out: broadcastTo(x, shape), mutate: () => shape.splice(0, 3, 3, 5) };
    },
  },
  {
    name: 'sumTo (shape)',
    input: random([2, 3, 4], 9),
    call: (x) => {
      const shape = [3, 1];
      return { out: sumTo(x, shape), mutate: () => shape.splice(0, 2, 1, 4) };
    },
  },
];

/** x's gradient of Σ w·op(x), with a fixed random weight w so that every output position counts differently. */
function gradient(testCase: Case, mutateBeforeBackward: boolean): Tensor {
  const x = variable(testCase.input);
  const { out, mutate } = testCase.call(x);
  const weights = random(out.shape, 100);
  const loss = sum(mul(out, weights));
  if (mutateBeforeBackward) mutate();
  loss.backward();
  return x.grad!.value;
}

describe('array attributes', () => {
  it.each(cases)('$name: mutating the array after the forward does not change the gradient', (testCase) => {
    const expected = gradient(testCase, false);
    expectClose(gradient(testCase, true), expected.toArray());
  });
  it('does not freeze or otherwise change the caller’s array', () => {
    const axes = [0, 2];
    sum(sum(variable(random([2, 3, 4], 10)), axes)).backward();
    expect(Object.isFrozen(axes)).toBe(false);
    expect(axes).toEqual([0, 2]);
  });
});
