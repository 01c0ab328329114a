// Every public function that takes a tensor rejects anything else with a ValueError naming it, never a TypeError;
// and a rejected internal call leaves nothing behind that could skip the validation of a later `new Tensor`.
import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  Tensor,
  ValueError,
  add,
  allClose,
  argmax,
  exp,
  matmul,
  mean,
  reshape,
  take,
  tensor,
  where,
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

describe('a Var given to a tensor function is named, with the way out', () => {
  // What @chainrule/autograd's Var carries; tensor recognises it by this brand without importing autograd.
  const aVar = Object.freeze({ [Symbol.for('@chainrule/autograd.Var')]: true, value: tensor([1, 2]) });

  it.each([
    ['mean', () => mean(aVar as never)],
    ['exp', () => exp(aVar as never)],
    ['reshape', () => reshape(aVar as never, [2])],
    ['matmul', () => matmul(aVar as never, tensor([[1]]))],
    ['take', () => take(aVar as never, [0], 0)],
  ])('%s names the autograd op of the same name, or .value', (op, call) => {
    expect(call).toThrow(ValueError);
    expect(call).toThrow(
      `${op}: expected a Tensor; got a Var (use ${op} from @chainrule/autograd on Vars, which keeps the gradient, or pass v.value, its Tensor)`,
    );
  });

  it('in either operand of a binary op, and in where', () => {
    expect(() => add(tensor([1]), aVar as never)).toThrow(
      /^add: expected a Tensor or a number; got a Var \(use add from @chainrule\/autograd on Vars/,
    );
    expect(() => where(aVar as never, 1, 0)).toThrow(/^where: condition must be a Tensor; got a Var \(use where/);
  });

  it('functions with no differentiable form ask for .value', () => {
    expect(() => argmax(aVar as never)).toThrow(
      'argmax: expected a Tensor; got a Var (pass v.value, its Tensor; argmax has no differentiable form in @chainrule/autograd)',
    );
    expect(() => allClose(aVar as never, tensor([1, 2]))).toThrow(
      /^allClose: expected Tensors; got a Var \(pass v.value/,
    );
    expect(() => tensor(aVar as never)).toThrow(
      /^tensor: expected nested arrays, a number or a typed array; got a Var/,
    );
  });

  it('a plain object is still described as an object', () => {
    expect(() => mean({} as never)).toThrow('mean: expected a Tensor; got object');
  });
});
