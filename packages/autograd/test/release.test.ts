import { GraphError, gradients, mul, sigmoid, square, sum, toDot, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64 } from './helpers';

describe('release', () => {
  it('makes a second backward through the same graph a clear error, leaving .grad as it was', () => {
    const x = variable(f64([1, 2]));
    const loss = sum(sigmoid(mul(x, x)));
    loss.backward();
    const first = x.grad!.toArray();
    expect(() => loss.backward()).toThrow(GraphError);
    expect(() => loss.backward()).toThrow(/graph was released after backward.*retainGraph: true/);
    expect(x.grad!.toArray()).toEqual(first);
  });
  it('keeps the graph with retainGraph, and gradients accumulate', () => {
    const x = variable(f64([1, 2]));
    const loss = sum(square(x));
    loss.backward(undefined, { retainGraph: true });
    loss.backward();
    expectClose(x.grad!, [4, 8]);
    expect(() => loss.backward()).toThrow(/released/);
  });
  it('also catches a new output built on a released part', () => {
    const x = variable(f64([1, 2]));
    const hidden = square(x);
    sum(hidden).backward();
    expect(() => sum(mul(hidden, 2)).backward()).toThrow(/released.*at op square/);
  });
  it('releases after gradients() unless retainGraph', () => {
    const x = variable(f64([1]));
    const y = sum(square(x));
    gradients(y, [x], { retainGraph: true });
    gradients(y, [x]);
    expect(() => gradients(y, [x])).toThrow(/released/);
  });
  it('keeps op names, parents, values and shapes, so the graph can still be drawn', () => {
    const x = variable(f64([1, 2]));
    const y = square(x);
    const loss = sum(y);
    loss.backward();
    expect(loss.op).toBe('sum');
    expect(loss.parents).toEqual([y]);
    expect(y.parents).toEqual([x]);
    expect(y.toArray()).toEqual([1, 4]);
    expect(toDot(loss)).toContain('square');
  });
});
