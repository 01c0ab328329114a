import * as A from '@chainrule/autograd';
import { type Var, constant } from '@chainrule/autograd';
import { type OnnxLoweringContext, exportOnnx } from '@chainrule/onnx';
import * as T from '@chainrule/tensor';
import { type FloatDType, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { runOnnx } from '../helpers';

/** The largest relative error `|got − want| / |want|` over the elements (every `want` finite and non-zero). */
function worstRelativeError(got: Tensor, want: Tensor): number {
  expect(got.shape).toEqual(want.shape);
  let worst = 0;
  for (let i = 0; i < want.size; i++) {
    const expected = want.data[i]!;
    expect(Number.isFinite(expected) && expected !== 0, `element ${i}: ${expected}`).toBe(true);
    const error = Math.abs(got.data[i]! - expected) / Math.abs(expected);
    worst = Math.max(worst, Number.isNaN(error) ? Number.POSITIVE_INFINITY : error);
  }
  return worst;
}

/** Exports `op` (with `lowerings` if given), runs it on `values` and returns the worst relative error. */
async function measure(
  op: (x: Var) => Var,
  values: readonly number[],
  dtype: FloatDType,
  lowerings?: Parameters<typeof exportOnnx>[2],
): Promise<number> {
  const x = tensor(values as number[], { dtype });
  const { output } = await runOnnx(exportOnnx(op, x, lowerings), { input: x });
  return worstRelativeError(output!, op(constant(x)).value);
}

/** ±10^−k for k = 1 .. smallest: where log1p and expm1 differ from x by less and less. */
function nearZero(smallest: number): number[] {
  const powers = Array.from({ length: smallest }, (_, k) => 10 ** -(k + 1));
  return [...powers, ...powers.map((value) => -value), ...powers.map((value) => 3 * value)];
}

/** A grid from `from` to `to` (both included). */
function grid(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}

// One unit in the last place near 1, relative: 1.2e-7 in float32, 2.2e-16 in float64.
const epsilon = { float32: 2 ** -23, float64: 2 ** -52 } as const;
// Down to the smallest normal numbers of each dtype.
const smallestPower = { float32: 37, float64: 307 } as const;

describe('the composed forms keep chainrule’s relative accuracy', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`log1p and expm1 near 0 (Kahan's corrections), ${dtype}`, async () => {
      const values = nearZero(smallestPower[dtype]);
      // Measured: log1p 9.7e-8 and expm1 1.2e-7 in float32 (about one ulp), 2.2e-16 and 2.1e-16 in float64.
      expect(await measure(A.log1p, values, dtype)).toBeLessThanOrEqual(2 * epsilon[dtype]);
      expect(await measure(A.expm1, values, dtype)).toBeLessThanOrEqual(2 * epsilon[dtype]);
    });

    it(`where Log(1 + x) and Exp(x) − 1 lose everything, ${dtype}`, async () => {
      const values = nearZero(smallestPower[dtype]);
      const naive = {
        lowerings: {
          log1p: (node: OnnxLoweringContext) =>
            node.node('Log', [node.node('Add', [node.constant(T.scalar(1, { dtype })), node.inputs[0]!])]),
          expm1: (node: OnnxLoweringContext) =>
            node.node('Sub', [node.node('Exp', [node.inputs[0]!]), node.constant(T.scalar(1, { dtype }))]),
        },
      };
      // 1 + x rounds to 1 below x ≈ 6e-8 (float32) and 1.1e-16 (float64): the result is 0, a relative error of 1.
      expect(await measure(A.log1p, values, dtype, naive)).toBe(1);
      expect(await measure(A.expm1, values, dtype, naive)).toBe(1);
    });

    it(`softplus, logSigmoid and silu in their tails (where e^x underflows next to 1), ${dtype}`, async () => {
      // Up to where the results leave the normal range: e^−80 ≈ 1.8e-35 in float32, e^−700 ≈ 1e-304 in float64.
      const reach = dtype === 'float32' ? 80 : 700;
      const values = [...grid(-reach, -1, 200), ...grid(1, reach, 200)];
      // Measured: float32 softplus 2.0e-7 (ONNX Runtime's Softplus), logSigmoid 2.0e-7, silu 1.2e-7; float64 2.1e-16,
      // 2.1e-16 and 2.9e-16.
      for (const op of [A.softplus, A.logSigmoid, A.silu]) {
        expect(await measure(op, values, dtype)).toBeLessThanOrEqual(3 * epsilon[dtype]);
      }
    });
  }

  it('exact GELU and its derivative in float64, far into the negative tail (Cody’s erfc, written out)', async () => {
    // gelu(−37) ≈ −1e-298: where 0.5·(1 + erf(x/√2)) would have cancelled to 0 below x ≈ −8.
    const values = grid(-37, 5, 421).filter((value) => value !== 0);
    const geluGrad = (x: Var) => A.geluGrad(x, constant(T.onesLike(x.value)));
    // Measured: 4.4e-16 and 3.7e-16.
    expect(await measure((x) => A.gelu(x), values, 'float64')).toBeLessThanOrEqual(4 * epsilon.float64);
    expect(await measure(geluGrad, values, 'float64')).toBeLessThanOrEqual(4 * epsilon.float64);
  });
});
