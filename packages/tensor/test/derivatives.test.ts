import { describe, expect, it } from 'vitest';
import {
  type Tensor,
  broadcastTo,
  greater,
  mul,
  reluGrad,
  sigmoidGrad,
  square,
  sub,
  tanhGrad,
  tensor,
  transpose,
} from '@chainrule/tensor';
import { dtypes, valuesOf } from './reference';

const outputs = [0, 0.25, 0.5, 0.9, 1];
const incoming = [1, -2, 0.5, 3, -1];

describe.each(dtypes)('derivative kernels in %s', (dtype) => {
  const y = tensor(outputs, { dtype });
  const dy = tensor(incoming, { dtype });

  it('sigmoidGrad is dy·y·(1 − y), bit for bit what mul and sub give', () => {
    expect(valuesOf(sigmoidGrad(y, dy))).toEqual(valuesOf(mul(dy, mul(y, sub(1, y)))));
    // By hand: 1·0·1, −2·0.25·0.75, 0.5·0.5·0.5, 3·0.9·0.1, −1·1·0 (checked loosely: 0.9 is not exact in float32)
    const expected = [0, -0.375, 0.125, 0.27, -0];
    valuesOf(sigmoidGrad(y, dy)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('tanhGrad is dy·(1 − y²), bit for bit what mul, sub and square give', () => {
    expect(valuesOf(tanhGrad(y, dy))).toEqual(valuesOf(mul(dy, sub(1, square(y)))));
    const expected = [1, -2 * (1 - 0.0625), 0.5 * 0.75, 3 * (1 - 0.81), 0];
    valuesOf(tanhGrad(y, dy)).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });

  it('reluGrad is dy·[y > 0]: 0 at y = 0, NaN in dy kept', () => {
    const out = tensor([0, 2, -0, 3], { dtype });
    const grad = tensor([5, 6, 7, Number.NaN], { dtype });
    expect(valuesOf(reluGrad(out, grad))).toEqual([0, 6, 0, Number.NaN]);
    expect(valuesOf(reluGrad(out, grad))).toEqual(valuesOf(mul(grad, greater(out, 0))));
  });

  it('read views in place and broadcast like mul', () => {
    const matrix = tensor(
      [
        [0.1, 0.2],
        [0.3, 0.4],
      ],
      { dtype },
    );
    const seed: Tensor = broadcastTo(tensor([1, 2], { dtype }), [2, 2]);
    for (const [kernel, reference] of [
      [sigmoidGrad, (a: Tensor, b: Tensor) => mul(b, mul(a, sub(1, a)))],
      [tanhGrad, (a: Tensor, b: Tensor) => mul(b, sub(1, square(a)))],
    ] as const) {
      expect(valuesOf(kernel(transpose(matrix), seed))).toEqual(valuesOf(reference(transpose(matrix), seed)));
      expect(kernel(matrix, 2).shape).toEqual([2, 2]);
    }
  });
});
