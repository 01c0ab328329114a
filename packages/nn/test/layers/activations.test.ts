import * as A from '@chainrule/autograd';
import { checkGrad, sum, variable } from '@chainrule/autograd';
import { LogSoftmax, ReLU, Sigmoid, Softmax, Tanh, logSoftmax, relu, sigmoid, softmax, tanh } from '@chainrule/nn';
import { Rng, ShapeError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('element-wise activations', () => {
  it('are the autograd ops', () => {
    expect(sigmoid).toBe(A.sigmoid);
    expect(relu).toBe(A.relu);
    expect(tanh).toBe(A.tanh);
  });

  it('have module forms that compute the same values and hold no parameters', () => {
    const x = tensor([-2, 0, 3], f64);
    expect(flat(new Sigmoid().forward(x).value)).toEqual(flat(sigmoid(x).value));
    expect(flat(new ReLU().forward(x).value)).toEqual([0, 0, 3]);
    expect(flat(new Tanh().forward(x).value)).toEqual(flat(tanh(x).value));
    expect(new Sigmoid().parameters()).toEqual([]);
  });
});

describe('softmax', () => {
  it('normalises exponentials along the last axis by default', () => {
    const e = [Math.E, Math.E ** 2, Math.E ** 3];
    const total = e[0]! + e[1]! + e[2]!;
    const out = softmax(
      tensor(
        [
          [1, 2, 3],
          [0, 0, 0],
        ],
        f64,
      ),
    );
    expectClose(flat(out.value), [...e.map((v) => v / total), 1 / 3, 1 / 3, 1 / 3], 1e-15);
  });

  it('normalises along another axis when asked', () => {
    const out = softmax(
      tensor(
        [
          [0, 1],
          [0, 1],
        ],
        f64,
      ),
      0,
    );
    expectClose(flat(out.value), [0.5, 0.5, 0.5, 0.5], 1e-15);
    expect(
      flat(
        new Softmax(0).forward(
          tensor(
            [
              [0, 1],
              [0, 1],
            ],
            f64,
          ),
        ).value,
      ),
    ).toEqual(flat(out.value));
  });

  it('is finite at logits of ±1e4 in both dtypes, gradient included', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = variable(tensor([[1e4, 0, -1e4]], { dtype }));
      const out = softmax(x);
      expect(flat(out.value)).toEqual([1, 0, 0]);
      sum(A.mul(out, tensor([[1, 2, 3]], { dtype }))).backward();
      expect(flat(x.grad!.value).every(Number.isFinite)).toBe(true);
    }
  });

  it('matches central differences (first and second order)', () => {
    const x = new Rng(2).normal([3, 4], 0, 2, f64);
    checkGrad((v) => softmax(v), [x], { order: 2 });
    checkGrad((v) => softmax(v, 0), [x], { order: 2 });
  });

  it('is one op, so a traced graph holds softmax itself (not a maximum read from the values)', () => {
    const x = variable(tensor([[1, 2, 3]], f64));
    const out = softmax(x, -1);
    expect(out.op).toBe('softmax');
    expect(out.parents).toEqual([x]);
    expect(out.attrs).toEqual({ axis: 1 });
  });

  it('rejects a bad axis naming softmax', () => {
    expect(() => softmax(tensor([1, 2]), 1)).toThrow(ShapeError);
    expect(() => softmax(tensor([1, 2]), 1)).toThrow(/^softmax: invalid axis 1/);
    expect(() => softmax(tensor(3))).toThrow(/softmax/);
  });
});

describe('logSoftmax', () => {
  it('is x − log Σ eˣ along the axis', () => {
    const out = logSoftmax(tensor([[1, 2, 3]], f64));
    const log = Math.log(Math.E + Math.E ** 2 + Math.E ** 3);
    expectClose(flat(out.value), [1 - log, 2 - log, 3 - log], 1e-14);
    expect(flat(new LogSoftmax().forward(tensor([[1, 2, 3]], f64)).value)).toEqual(flat(out.value));
  });

  it('is finite at logits of ±1e4 (where exp overflows)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = variable(
        tensor(
          [
            [1e4, -1e4],
            [-1e4, 1e4],
          ],
          { dtype },
        ),
      );
      const out = logSoftmax(x);
      expect(flat(out.value)).toEqual([0, -2e4, -2e4, 0]);
      sum(
        A.mul(
          out,
          tensor(
            [
              [1, 0],
              [0, 1],
            ],
            { dtype },
          ),
        ),
      ).backward();
      expect(flat(x.grad!.value)).toEqual([0, 0, 0, 0]);
    }
  });

  it('matches central differences (first and second order)', () => {
    const x = new Rng(3).normal([2, 5], 0, 3, f64);
    checkGrad((v) => logSoftmax(v), [x], { order: 2 });
    checkGrad((v) => logSoftmax(v, 0), [x], { order: 2 });
  });

  it('rejects a bad axis naming logSoftmax', () => {
    expect(() => logSoftmax(tensor([[1, 2]]), -3)).toThrow(/^logSoftmax: invalid axis -3/);
  });
});
