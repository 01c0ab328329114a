// Every public function that takes a tensor rejects anything else with a ValueError naming it, never a TypeError;
// and a rejected internal call leaves nothing behind that could skip the validation of a later `new Tensor`.
import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  Tensor,
  ValueError,
  broadcastTo,
  expandDims,
  flatten,
  fullLike,
  onesLike,
  pad,
  permute,
  slice,
  squeeze,
  sumTo,
  swapAxes,
  transpose,
  zerosLike,
} from '@chainrule/tensor';
import { type BadInputCase, bad, expectTypedError } from './catalogue';

const notTensors: [string, unknown][] = [
  ['null', null],
  ['a nested array', [[1, 2]]],
  [
    'a tensor-like object',
    { shape: [2], size: 2, dtype: 'float32', strides: [1], offset: 0, data: new Float32Array(2) },
  ],
];

const calls: [string, (x: never) => unknown][] = [
  ['zerosLike', (x) => zerosLike(x)],
  ['onesLike', (x) => onesLike(x)],
  ['fullLike', (x) => fullLike(x, 1)],
  ['flatten', (x) => flatten(x)],
  ['transpose', (x) => transpose(x)],
  ['permute', (x) => permute(x, [0])],
  ['swapAxes', (x) => swapAxes(x, 0, 0)],
  ['expandDims', (x) => expandDims(x, 0)],
  ['squeeze', (x) => squeeze(x)],
  ['broadcastTo', (x) => broadcastTo(x, [2])],
  ['slice', (x) => slice(x, [0])],
  ['pad', (x) => pad(x, [[0, 0]])],
  ['sumTo', (x) => sumTo(x, [1])],
];

const rows: BadInputCase[] = calls.flatMap(([op, call]) =>
  notTensors.map(([what, value]) =>
    bad(`${op}: ${what}`, ValueError, new RegExp(`^${op}: expected a Tensor`), () => [value] as [never], call),
  ),
);

describe('functions taking a tensor reject anything else', () => {
  it.each(rows)('$name', (row) => expectTypedError(row));
});

describe('a rejected call leaves the Tensor constructor validating', () => {
  it('new Tensor still checks its layout after zerosLike(fake) threw', () => {
    expect(() =>
      zerosLike({
        dtype: 'float32',
        size: 1,
        get shape(): never {
          throw new Error('boom');
        },
      } as never),
    ).toThrow();
    expect(() => new Tensor(new Float32Array(1), [5], [1])).toThrow(ShapeError);
  });
});
