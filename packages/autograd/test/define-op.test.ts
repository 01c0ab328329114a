import * as T from '@chainrule/tensor';
import { ShapeError, type Tensor } from '@chainrule/tensor';
import { GraphError, checkGrad, defineOp, mul, sigmoid, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from './helpers';

// The README's example: softplus(x) = log(1 + eˣ), written stably as max(x, 0) + log(1 + e^−|x|).
const softplus = defineOp<[Tensor]>({
  name: 'softplus',
  forward: ([x]) => T.add(T.relu(x), T.log(T.add(1, T.exp(T.neg(T.abs(x)))))),
  // d/dx log(1 + eˣ) = σ(x).
  backward: (grad, [x]) => [mul(grad, sigmoid(x))],
});

// An op with attributes: out = factor · x.
const scale = defineOp<[Tensor], { factor: number }>({
  name: 'scale',
  forward: ([x], { factor }) => T.mul(x, factor),
  backward: (grad, _inputs, _out, { factor }) => [mul(grad, factor)],
});

// A variadic op without attributes: out = Σ_i x_i.
const addAll = defineOp<Tensor[]>({
  name: 'addAll',
  forward: (xs) => xs.reduce((total, x) => T.add(total, x)),
  backward: (grad, xs) => xs.map(() => grad),
});

describe('defineOp', () => {
  it('defines a user op (softplus) with values and gradients that check out', () => {
    const x = f64([-1e4, -1, 0, 2, 1e4]);
    expectClose(softplus(x), [0, Math.log1p(Math.exp(-1)), Math.log(2), Math.log1p(Math.exp(2)), 1e4]);
    checkGrad(softplus, [random([2, 3], 1, -3, 3)], { order: 2 });
    expect(softplus(variable([1])).op).toBe('softplus');
  });
  it('passes typed attributes to forward and backward', () => {
    expectClose(scale([f64([1, 2])], { factor: 3 }), [3, 6]);
    checkGrad((x) => scale([x], { factor: -2.5 }), [random([3], 2)], { order: 2 });
  });
  it('supports any number of inputs', () => {
    expectClose(addAll(f64([1]), f64([2]), f64([3, 4])), [6, 7]);
    checkGrad((a, b, c) => addAll(a, b, c), [random([2], 3), random([2], 4), random([2], 5)]);
  });
  it('rejects a backward that returns the wrong number of gradients, naming the op and the shapes', () => {
    const twoInputs = defineOp<[Tensor, Tensor]>({
      name: 'forgetful',
      forward: ([a, b]) => T.mul(a, b),
      // @ts-expect-error: one gradient for two inputs is a compile error
      backward: (grad, [, b]) => [mul(grad, b)],
    });
    const out = sum(twoInputs(variable(f64([[1, 2]])), variable(f64([3]))));
    expect(() => out.backward()).toThrow(GraphError);
    expect(() => sum(twoInputs(variable(f64([[1, 2]])), variable(f64([3])))).backward()).toThrow(
      /forgetful: backward returned 1 gradients \(\[1,2\]\) for 2 inputs of shapes \[1,2\], \[1\]; expected one gradient \(or null\) per input/,
    );
  });
  it('rejects a gradient of the wrong shape, naming the op and both shapes', () => {
    const unsummed = defineOp<[Tensor, Tensor]>({
      name: 'unsummed',
      forward: ([a, b]) => T.add(a, b),
      backward: (grad) => [grad, grad], // forgets to sum the broadcast gradient back
    });
    const out = sum(
      unsummed(
        variable(
          f64([
            [1, 2],
            [3, 4],
          ]),
        ),
        variable(f64([1, 1])),
      ),
    );
    expect(() => out.backward()).toThrow(ShapeError);
    expect(() =>
      sum(
        unsummed(
          variable(
            f64([
              [1, 2],
              [3, 4],
            ]),
          ),
          variable(f64([1, 1])),
        ),
      ).backward(),
    ).toThrow(
      "unsummed: backward returned a gradient of shape [2,2] for input 1 of shape [2]; expected the input's shape",
    );
  });
  it('rejects gradients that are not Vars, forwards that do not return a Tensor, and bad definitions', () => {
    const tensorGradient = defineOp<[Tensor]>({
      name: 'tensorGradient',
      forward: ([x]) => x,
      backward: (grad) => [grad.value as never],
    });
    expect(() => sum(tensorGradient(variable([1]))).backward()).toThrow(
      /tensorGradient: backward returned an object \(Tensor\) as gradient 0; expected a Var or null/,
    );
    const noTensor = defineOp<[Tensor]>({ name: 'noTensor', forward: () => 1 as never, backward: (grad) => [grad] });
    expect(() => noTensor(variable([1]))).toThrow(/noTensor: forward must return a Tensor; got number 1/);
    expect(() => defineOp({ name: '', forward: () => T.scalar(0), backward: () => [] })).toThrow(GraphError);
  });
});
