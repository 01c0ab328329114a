import { mul, variable } from '@chainrule/autograd';
import { Sigmoid, sse } from '@chainrule/nn';
import * as T from '@chainrule/tensor';
import { type DType, Rng, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('sse without createGraph', () => {
  it.each(['float32', 'float64'] as DType[])('gives the gradients of its recorded form, bit for bit (%s)', (dtype) => {
    // Targets far smaller than the predictions, so that rounding `prediction − target` to the dtype matters.
    const rng = new Rng(7);
    const prediction = rng.uniform([64, 16], -3, 3, { dtype });
    const target = rng.uniform([64, 16], -1e-3, 1e-3, { dtype });
    const run = (createGraph: boolean): Tensor[] => {
      const p = variable(prediction);
      const t = variable(target);
      mul(sse(new Sigmoid().forward(p), t), 0.3).backward(undefined, { createGraph });
      return [p.grad!.value, t.grad!.value];
    };
    const [plainP, plainT] = run(false);
    const [recordedP, recordedT] = run(true);
    expect(plainP!.toArray()).toEqual(recordedP!.toArray());
    expect(plainT!.toArray()).toEqual(recordedT!.toArray());
  });

  it.each(['float32', 'float64'] as DType[])('has the value of the separate tensor ops, bit for bit (%s)', (dtype) => {
    const rng = new Rng(73); // a seed where summing unrounded float32 errors would end one ulp away
    const prediction = rng.uniform([64, 16], -3, 3, { dtype });
    const target = rng.uniform([64, 16], -1e-3, 1e-3, { dtype });
    expect(sse(prediction, target).item()).toBe(T.sum(T.square(T.sub(target, prediction))).item());
  });

  it('has the value Σ (target − prediction)² and gradient 2(prediction − target)', () => {
    const prediction = variable(tensor([[0.5], [1], [4]], f64));
    const loss = sse(prediction, tensor([[0], [2], [1]], f64));
    expect(loss.item()).toBe(0.25 + 1 + 9);
    loss.backward();
    expect(flat(prediction.grad!.value)).toEqual([1, -2, 6]);
  });
});
