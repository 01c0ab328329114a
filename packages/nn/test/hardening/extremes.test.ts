// Numerical extremes of @chainrule/nn: softmax, logSoftmax, binary cross-entropy with logits and cross-entropy at
// logits of ±1e4, ±1e30, each dtype's largest finite value, and −Infinity (a masked class). Values and gradients
// must be finite wherever the true value is representable; where it is not (a log-probability below −largest),
// the overflow is legitimate and asserted as such.
import { describe, expect, it } from 'vitest';
import { type Var, grad, mul, sum, variable } from '@chainrule/autograd';
import { binaryCrossEntropyWithLogits, crossEntropy, logSoftmax, softmax } from '@chainrule/nn';
import { type DType, type Tensor, tensor } from '@chainrule/tensor';

const largestOf: Record<DType, number> = { float32: 3.4028234663852886e38, float64: Number.MAX_VALUE };
const flat = (t: { toArray(): unknown }): number[] => [t.toArray()].flat(3) as number[];
const allFinite = (values: readonly number[]): boolean => values.every(Number.isFinite);
const round = (value: number, dtype: DType): number => (dtype === 'float32' ? Math.fround(value) : value);

describe.each(['float32', 'float64'] as const)('extremes in %s', (dtype) => {
  const largest = largestOf[dtype];
  const logits = (rows: number[][]): Tensor => tensor(rows, { dtype });
  const weights = (t: Tensor): Tensor =>
    tensor(
      flat(t).map((_, i) => (i % 3) - 1),
      { dtype, shape: t.shape },
    );

  it('binary cross-entropy: 0, not NaN, at infinite logits with the matching label; Infinity with the other', () => {
    const x = variable(tensor([Infinity, -Infinity, Infinity, -Infinity], { dtype }));
    const loss = binaryCrossEntropyWithLogits(x, tensor([1, 0, 0, 1], { dtype }));
    expect(loss.item()).toBe(Infinity);
    const matching = binaryCrossEntropyWithLogits(x, tensor([1, 0, 1, 0], { dtype }));
    expect(matching.item()).toBe(0);
    matching.backward();
    expect(flat(x.grad!.value)).toEqual([0, 0, 0, 0]);
  });

  it('softmax: rows of probabilities summing to 1 and a finite gradient, from ±1e4 to ±largest', () => {
    const x = logits([
      [1e4, -1e4, 0],
      [1e30, -1e30, 1e30],
      [largest, -largest, 0],
      [-largest, -largest, -largest],
    ]);
    const probabilities = softmax(variable(x)).toArray() as number[][];
    expect(probabilities).toEqual([
      [1, 0, 0],
      [0.5, 0, 0.5],
      [1, 0, 0],
      [1 / 3, 1 / 3, 1 / 3].map((p) => round(p, dtype)),
    ]);
    const gradient = grad((v: Var) => sum(mul(softmax(v), weights(x))))(x);
    expect(allFinite(flat(gradient))).toBe(true);
  });

  it('logSoftmax: exact values at ±1e4; −Infinity only where x − max is itself below −largest', () => {
    const x = logits([
      [1e4, -1e4, 0],
      [largest, 0, largest],
      [largest, -largest, 0],
    ]);
    const out = logSoftmax(variable(x)).toArray() as number[][];
    expect(out[0]).toEqual([0, -2e4, -1e4]);
    expect(out[1]).toEqual([0, -largest, 0]); // log 2 is far below the spacing of floats near largest
    expect(out[2]).toEqual([0, -Infinity, round(-largest, dtype)]); // −largest − largest is not representable
    const gradient = grad((v: Var) => sum(mul(logSoftmax(v), weights(x))))(x);
    expect(allFinite(flat(gradient))).toBe(true);
  });

  it('binaryCrossEntropyWithLogits: finite value and gradient (σ(x) − y)/n at ±1e4, ±1e30 and ±largest', () => {
    const x = tensor([-largest, -1e30, -1e4, 0, 1e4, 1e30, largest], { dtype });
    for (const target of [0, 0.5, 1]) {
      const y = tensor(
        flat(x).map(() => target),
        { dtype },
      );
      const loss = binaryCrossEntropyWithLogits(variable(x), y);
      expect(Number.isFinite(loss.item()), `target ${target}`).toBe(true);
      const gradient = flat(grad((v: Var) => binaryCrossEntropyWithLogits(v, y))(x));
      const n = flat(x).length;
      const sigma = [0, 0, 0, 0.5, 1, 1, 1];
      gradient.forEach((g, i) => expect(g).toBeCloseTo((sigma[i]! - target) / n, 7));
    }
  });

  it('crossEntropy: the loss is −logSoftmax at the target, finite with its gradient at ±1e4', () => {
    const x = logits([[1e4, -1e4, 0]]);
    // (+ 0 turns the −0 of a negated zero mean into 0: the sign of a zero loss is not asserted.)
    expect(crossEntropy(variable(x), [0]).item() + 0).toBe(0);
    expect(crossEntropy(variable(x), [1]).item()).toBe(2e4);
    const gradient = flat(grad((v: Var) => crossEntropy(v, [1]))(x));
    expect(gradient).toEqual([1, -1, 0]);
  });

  it('crossEntropy at ±largest: 0 for the top class; Infinity for the bottom one (legitimately: 2·largest overflows)', () => {
    const x = logits([[largest, -largest]]);
    expect(crossEntropy(variable(x), [0]).item() + 0).toBe(0);
    expect(crossEntropy(variable(x), [1]).item()).toBe(Infinity);
    expect(flat(grad((v: Var) => crossEntropy(v, [0]))(x))).toEqual([0, 0]);
  });

  it('crossEntropy with a masked (−Infinity) class: the other classes give a finite loss and gradient', () => {
    const x = logits([[0, -Infinity, 1]]);
    const expected = Math.log(1 + Math.E); // −log softmax(x)_0 = log(e^0 + e^1)
    expect(crossEntropy(variable(x), [0]).item()).toBeCloseTo(expected, dtype === 'float32' ? 6 : 14);
    const gradient = flat(grad((v: Var) => crossEntropy(v, [0]))(x));
    [1 / (1 + Math.E) - 1, 0, Math.E / (1 + Math.E)].forEach((g, i) => expect(gradient[i]).toBeCloseTo(g, 6));
    // Probability targets follow the convention 0·log 0 = 0 for the masked class.
    const probabilities = tensor([[0.5, 0, 0.5]], { dtype });
    expect(crossEntropy(variable(x), probabilities).item()).toBeCloseTo(expected - 0.5, dtype === 'float32' ? 6 : 14);
  });
});
