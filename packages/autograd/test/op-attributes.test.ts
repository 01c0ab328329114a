import { GraphError, add, defineOp, mul, opAttributes, reshape, sum, variable } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { f64 } from './helpers';

describe('opAttributes', () => {
  it("reads the attributes an op recorded on its node, as the op's forward received them", () => {
    const x = variable(f64([[1, 2, 3]]));
    expect(opAttributes(sum(x, 1, true))).toEqual({ axis: 1, keepDims: true });
    expect(opAttributes(reshape(x, [3, -1]))).toEqual({ shape: [3, -1] });
  });

  it("gives a user op's own attributes object", () => {
    const scale = defineOp<[Tensor], { factor: number }>({
      name: 'scale',
      forward: ([x], { factor }) => T.mul(x, factor),
      backward: (grad, _inputs, _out, { factor }) => [mul(grad, factor)], // d/dx (f·x) = f
    });
    const attrs = { factor: 3 };
    expect(opAttributes(scale([variable(f64([1]))], attrs))).toBe(attrs);
  });

  it('is undefined for leaves, ops without attributes and released nodes', () => {
    const x = variable(f64([1, 2]));
    expect(opAttributes(x)).toBeUndefined();
    expect(opAttributes(add(x, x))).toBeUndefined();
    const total = sum(x, 0);
    total.backward();
    expect(opAttributes(total)).toBeUndefined();
  });

  it('rejects a value that is not a Var', () => {
    expect(() => opAttributes(f64([1]) as never)).toThrow(GraphError);
    expect(() => opAttributes(null as never)).toThrow(/^opAttributes: expected a Var; got null/);
  });
});
