// What a backward pass owes its caller beyond the numbers (issue 17, items 6, 7, 8, 11 and 13): gradients that are
// the caller's own, no state shared between passes, all-or-nothing accumulation, no silent differentiation at values
// that changed after the forward pass, and typed errors for misuse of the engine's entry points.
import {
  GraphError,
  type Var,
  add,
  defineOp,
  gradients,
  mul,
  noGrad,
  square,
  sum,
  variable,
} from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

const f64 = (values: number[]) => T.tensor(values, { dtype: 'float64' });

describe('every leaf owns its gradient storage', () => {
  it('two leaves given one gradient by add get separate storage: writing one leaves the other', () => {
    const a = variable(f64([1, 2]));
    const b = variable(f64([3, 4]));
    const c = variable(f64([5, 6]));
    sum(mul(add(a, b), c)).backward();
    expect(a.grad).not.toBe(b.grad);
    expect(a.grad!.value.data).not.toBe(b.grad!.value.data);
    a.grad!.value.data[a.grad!.value.offset] = 100;
    expect(b.grad!.toArray()).toEqual([5, 6]);
  });

  it('also from gradients() when one input is listed twice, and with createGraph', () => {
    const a = variable(f64([1, 2]));
    const [first, second] = gradients(sum(mul(a, 3)), [a, a]);
    expect(first!.value.data).not.toBe(second!.value.data);
    const x = variable(f64([1]));
    const y = variable(f64([2]));
    sum(add(x, y)).backward(undefined, { createGraph: true });
    expect(x.grad).not.toBe(y.grad);
  });
});

describe('nothing a backward rule receives is shared between passes', () => {
  it('a rule that writes into its grad argument changes no later backward pass', () => {
    const vandal = defineOp<[T.Tensor]>({
      name: 'vandal',
      forward: ([x]) => x,
      backward: (grad) => {
        grad.value.data.fill(42);
        return [grad];
      },
    });
    for (const dtype of ['float32', 'float64'] as const) {
      vandal(sum(variable(T.tensor([1], { dtype })))).backward(); // the rule receives the seed of a scalar output
      const x = variable(T.tensor([3], { dtype }));
      sum(square(x)).backward();
      expect(x.grad!.toArray()).toEqual([6]); // d(x²)/dx at 3, not 42
    }
  });
});

describe('accumulation into .grad is all or nothing', () => {
  it('a leaf whose .grad cannot take the new gradient leaves every .grad as it was, and the error names it', () => {
    const a = variable(f64([1, 2]));
    const b = variable(f64([3, 4]));
    const loss = sum(mul(a, b));
    a.grad = null;
    b.grad = variable(f64([1, 2, 3])); // a stale gradient of another shape
    expect(() => loss.backward()).toThrow(GraphError);
    expect(() => sum(mul(a, b)).backward()).toThrow(
      /^backward: cannot accumulate into the \.grad of a leaf of shape \[2\] \(float64\): it holds a float64 gradient of shape \[3\]/,
    );
    expect(a.grad).toBeNull();
    expect(b.grad!.toArray()).toEqual([1, 2, 3]);
  });
});

describe('a retained graph whose inputs changed refuses to backward', () => {
  it('after a parameter value is assigned (as optimizer.step() does), naming the op and the leaf', () => {
    const w = variable(f64([1, 2]));
    const loss = sum(square(w));
    loss.backward(undefined, { retainGraph: true });
    expect(w.grad!.toArray()).toEqual([2, 4]);
    w.value = f64([10, 20]);
    expect(() => loss.backward(undefined, { retainGraph: true })).toThrow(
      /^backward: op square \(shape \[2\]\) was computed from values that changed since: an input \(a leaf of shape \[2\]\) was assigned after the forward pass/,
    );
    expect(w.grad!.toArray()).toEqual([2, 4]);
  });
  it('also when the same tensor is assigned again after an update in place, and counts each assignment', () => {
    const w = variable(f64([1, 2]));
    const loss = sum(square(w));
    const updatedInPlace = w.value;
    updatedInPlace.data[0] = 5;
    w.value = updatedInPlace; // what an optimizer does after writing into the tensor it owns
    expect(w.version).toBe(1);
    expect(() => loss.backward()).toThrow(GraphError);
  });
  it('a graph built after the change is fine', () => {
    const w = variable(f64([1, 2]));
    w.value = f64([3, 4]);
    sum(square(w)).backward();
    expect(w.grad!.toArray()).toEqual([6, 8]);
  });
});

describe('misuse of the entry points is a typed error', () => {
  it('backward with null options or a non-boolean flag', () => {
    const x = variable(f64([1]));
    expect(() => sum(x).backward(undefined, null as never)).toThrow(
      /^backward: options must be an object such as \{ retainGraph, createGraph \}; got null/,
    );
    expect(() => sum(x).backward(undefined, { retainGraph: 'yes' as never })).toThrow(
      /^backward: options.retainGraph must be a boolean; got string yes/,
    );
    expect(() => gradients(sum(x), [x], null as never)).toThrow(GraphError);
  });
  it('noGrad of something that is not a function, or of an async function (it would record after an await)', () => {
    expect(() => noGrad(3 as never)).toThrow(/^noGrad: expected a function to run without recording; got number 3/);
    expect(() => noGrad(async () => undefined)).toThrow(/^noGrad: fn returned a promise/);
  });
  it('a graph whose parents were edited into a cycle', () => {
    const x = variable(f64([1]));
    const y = mul(x, 2);
    const z = mul(y, 3);
    (y.parents as Var[])[0] = z; // y now depends on z, which depends on y
    expect(() => sum(z).backward()).toThrow(/lists as input a node made after it.*may have a cycle/);
  });
});
