import { type Var, checkGrad, constant, mul, variable } from '@chainrule/autograd';
import { binaryCrossEntropyWithLogits, crossEntropy, mse, sse } from '@chainrule/nn';
import { DTypeError, Rng, ShapeError, ValueError, argmax, scalar, tensor, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('sse', () => {
  it('is Σ (target − prediction)², with gradient −2(target − prediction)', () => {
    const prediction = variable(tensor([[0.5], [1]], f64));
    const loss = sse(prediction, tensor([[0], [2]], f64));
    expect(loss.item()).toBe(0.25 + 1);
    loss.backward();
    expect(prediction.grad!.toArray()).toEqual([[1], [-2]]);
  });

  it('matches central differences in both arguments', () => {
    const rng = new Rng(1);
    checkGrad(sse, [rng.normal([4, 1], 0, 1, f64), rng.normal([4, 1], 0, 1, f64)], { order: 2 });
  });

  it('matches central differences to second order when the gradient arriving at it depends on an input', () => {
    // Scaled by w, the loss's gradient is w: second order goes through its gradient op's ∂/∂grad.
    const rng = new Rng(2);
    const scaled = (prediction: Var, target: Var, w: Var) => mul(sse(mul(prediction, w), target), w);
    const inputs = [rng.normal([3, 2], 0, 1, f64), rng.normal([3, 2], 0, 1, f64), scalar(0.7, f64)];
    checkGrad(scaled, inputs, { order: 2 });
  });

  it('refuses to broadcast a [4,1] prediction against a [4] target', () => {
    expect(() => sse(zeros([4, 1]), zeros([4]))).toThrow(ShapeError);
    expect(() => sse(zeros([4, 1]), zeros([4]))).toThrow(
      'sse: prediction and target shapes differ: [4,1] vs [4]; expected equal shapes',
    );
    expect(() => sse(zeros([2]), zeros([2], f64))).toThrow(DTypeError);
    expect(() => sse(zeros([2]), [0, 0] as never)).toThrow(/sse: target must be a Var or a Tensor; got an array/);
  });
});

describe('mse', () => {
  it('is the mean of squared errors, with gradient 2(prediction − target)/n', () => {
    const prediction = variable(tensor([0.5, 1, 3, 3], f64));
    const loss = mse(prediction, tensor([0, 2, 3, 1], f64));
    expect(loss.item()).toBe((0.25 + 1 + 0 + 4) / 4);
    loss.backward();
    expect(prediction.grad!.toArray()).toEqual([0.25, -0.5, 0, 1]);
  });

  it('matches central differences', () => {
    const rng = new Rng(2);
    checkGrad(mse, [rng.normal([3, 2], 0, 1, f64), rng.normal([3, 2], 0, 1, f64)], { order: 2 });
  });

  it('rejects mismatched shapes and empty inputs', () => {
    expect(() => mse(zeros([3]), zeros([1]))).toThrow(/^mse: prediction and target shapes differ: \[3\] vs \[1\]/);
    expect(() => mse(zeros([0]), zeros([0]))).toThrow(/mse: inputs of shape \[0\] are empty/);
  });
});

describe('binaryCrossEntropyWithLogits', () => {
  const naive = (x: number, y: number) => {
    const p = 1 / (1 + Math.exp(-x));
    return -y * Math.log(p) - (1 - y) * Math.log(1 - p);
  };

  it('equals −y·log σ(x) − (1 − y)·log(1 − σ(x)), averaged', () => {
    const x = [-3, -0.5, 0, 0.7, 2];
    const y = [0, 1, 0.25, 1, 0];
    const loss = binaryCrossEntropyWithLogits(tensor(x, f64), tensor(y, f64));
    const expected = x.reduce((total, xi, i) => total + naive(xi, y[i]!), 0) / x.length;
    expect(Math.abs(loss.item() - expected)).toBeLessThan(1e-15);
    expect(binaryCrossEntropyWithLogits(tensor([0], f64), tensor([1], f64)).item()).toBe(Math.LN2);
  });

  it('has gradient exactly (σ(x) − y)/n, also at x = 0', () => {
    const logits = variable(tensor([0, 0, 2], f64));
    binaryCrossEntropyWithLogits(logits, tensor([0.3, 1, 0], f64)).backward();
    const sigmoid2 = 1 / (1 + Math.exp(-2));
    expectClose(flat(logits.grad!.value), [(0.5 - 0.3) / 3, (0.5 - 1) / 3, sigmoid2 / 3], 1e-16);
    expect(flat(logits.grad!.value)[1]).toBe(-0.5 / 3);
  });

  it('matches central differences at 0 and elsewhere, in logits and targets, to second order', () => {
    checkGrad(
      binaryCrossEntropyWithLogits,
      [
        tensor(
          [
            [0, -1.5],
            [2.5, 0],
          ],
          f64,
        ),
        tensor(
          [
            [0.2, 1],
            [0, 0.6],
          ],
          f64,
        ),
      ],
      { order: 2 },
    );
  });

  it('is finite, value and gradient, at logits of ±1e4', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const logits = variable(tensor([1e4, 1e4, -1e4, -1e4], { dtype }));
      const loss = binaryCrossEntropyWithLogits(logits, tensor([1, 0, 1, 0], { dtype }));
      expect(loss.item()).toBe((0 + 1e4 + 1e4 + 0) / 4);
      loss.backward();
      expect(flat(logits.grad!.value)).toEqual([0, 0.25, -0.25, 0]);
    }
  });

  it('rejects mismatched shapes, naming the loss', () => {
    expect(() => binaryCrossEntropyWithLogits(zeros([2, 1]), zeros([2]))).toThrow(
      'binaryCrossEntropyWithLogits: logits and target shapes differ: [2,1] vs [2]; expected equal shapes',
    );
  });
});

describe('crossEntropy', () => {
  const logits = [
    [1, 2, 3],
    [0.5, -1, 0],
  ];
  const logSumExp = (row: number[]) => Math.log(row.reduce((total, v) => total + Math.exp(v), 0));

  it('from class indices is −mean_b logSoftmax(x)[b, t_b]', () => {
    const expected = -(3 - logSumExp(logits[0]!) + (0.5 - logSumExp(logits[1]!))) / 2;
    const labels = tensor([2, 0], { dtype: 'int32' });
    for (const target of [tensor([2, 0], f64), constant(tensor([2, 0], f64)), [2, 0], labels, constant(labels)]) {
      expect(Math.abs(crossEntropy(tensor(logits, f64), target).item() - expected)).toBeLessThan(1e-15);
    }
  });

  it('from probabilities is −mean_b Σ_c p·logSoftmax(x), equal to indices for one-hot rows', () => {
    const x = tensor(logits, f64);
    const oneHot = tensor(
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
      f64,
    );
    expect(crossEntropy(x, oneHot).item()).toBe(crossEntropy(x, [2, 0]).item());
    const soft = [
      [0.2, 0.3, 0.5],
      [0.5, 0.5, 0],
    ];
    const expected =
      -soft.reduce(
        (total, row, b) => total + row.reduce((t, p, c) => t + p * (logits[b]![c]! - logSumExp(logits[b]!)), 0),
        0,
      ) / 2;
    expect(Math.abs(crossEntropy(x, tensor(soft, f64)).item() - expected)).toBeLessThan(1e-15);
  });

  it('has gradient (softmax(x) − p)/batch', () => {
    const x = variable(tensor(logits, f64));
    crossEntropy(x, [2, 0]).backward();
    const softmaxRow = (row: number[]) => row.map((v) => Math.exp(v - logSumExp(row)));
    const [s0, s1] = [softmaxRow(logits[0]!), softmaxRow(logits[1]!)];
    expectClose(
      flat(x.grad!.value),
      [s0[0]! / 2, s0[1]! / 2, (s0[2]! - 1) / 2, (s1[0]! - 1) / 2, s1[1]! / 2, s1[2]! / 2],
      1e-15,
    );
  });

  it('matches central differences for indices and for probabilities (which get a gradient too)', () => {
    const rng = new Rng(4);
    checkGrad((x) => crossEntropy(x, [1, 0, 3]), [rng.normal([3, 4], 0, 2, f64)], { order: 2 });
    const probabilities = tensor(
      [
        [0.1, 0.2, 0.3, 0.4],
        [1, 0, 0, 0],
        [0.25, 0.25, 0.25, 0.25],
      ],
      f64,
    );
    checkGrad(crossEntropy, [rng.normal([3, 4], 0, 2, f64), probabilities], { order: 2 });
  });

  it('is finite, value and gradient, at logits of ±1e4', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = variable(tensor([[1e4, -1e4, 0]], { dtype }));
      const loss = crossEntropy(x, [1]);
      expect(loss.item()).toBe(2e4);
      loss.backward();
      expect(flat(x.grad!.value)).toEqual([1, -1, 0]);
    }
  });

  it('rejects bad logits, targets and indices, naming the loss and shapes', () => {
    expect(() => crossEntropy(zeros([3]), [0])).toThrow(
      'crossEntropy: logits must have shape [batch, classes] with batch, classes >= 1; got [3]',
    );
    expect(() => crossEntropy(zeros([2, 3]), zeros([2, 1]))).toThrow(
      "crossEntropy: target must be class indices of shape [2] or probabilities of the logits' shape [2,3]; got [2,1]",
    );
    expect(() => crossEntropy(zeros([2, 3]), [0, 3])).toThrow(ValueError);
    expect(() => crossEntropy(zeros([2, 3]), [0, 3])).toThrow(
      'crossEntropy: target[1] = 3 is not a class index; expected an integer in [0, 3)',
    );
    expect(() => crossEntropy(zeros([2, 3]), tensor([0, 1.5]))).toThrow(/target\[1\] = 1.5 is not a class index/);
    expect(() => crossEntropy(zeros([2, 3]), [0])).toThrow(/1 class indices for a batch of 2/);
    expect(() => crossEntropy(zeros([2, 3]), zeros([2, 3], f64))).toThrow(DTypeError);
    const int32 = { dtype: 'int32' } as const;
    expect(() => crossEntropy(zeros([2, 3]), tensor([0, 3], int32))).toThrow(
      'crossEntropy: target[1] = 3 is not a class index; expected an integer in [0, 3)',
    );
    expect(() => crossEntropy(zeros([2, 3]), zeros([2, 3], int32))).toThrow(
      'crossEntropy: int32 targets are class indices and must have shape [2] for logits [2,3]; got [2,3]',
    );
  });

  it('takes int32 labels, as argmax gives them, with the same gradient as a list', () => {
    const rng = new Rng(5);
    const logitsValue = rng.normal([4, 3], 0, 1, f64);
    const labels = argmax(rng.normal([4, 3]), 1);
    expect(labels.dtype).toBe('int32');
    const fromTensor = variable(logitsValue);
    const fromList = variable(logitsValue);
    crossEntropy(fromTensor, labels).backward();
    crossEntropy(fromList, labels.toArray() as number[]).backward();
    expect(flat(fromTensor.grad!.value)).toEqual(flat(fromList.grad!.value));
    checkGrad((x) => crossEntropy(x, labels), [logitsValue], { order: 2 });
  });
});
