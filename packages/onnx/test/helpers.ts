import { type Var, constant } from '@chainrule/autograd';
import { exportOnnx } from '@chainrule/onnx';
import { type FloatDType, Rng, Tensor } from '@chainrule/tensor';
import * as ort from 'onnxruntime-node';
import { expect } from 'vitest';

/** Runs ONNX model bytes in ONNX Runtime (CPU) on chainrule tensors and returns its outputs as chainrule tensors. */
export async function runOnnx(
  bytes: Uint8Array,
  feeds: Readonly<Record<string, Tensor>>,
): Promise<Record<string, Tensor>> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, value] of Object.entries(feeds)) {
      const data = value.contiguous();
      const copy = data.data.slice(data.offset, data.offset + data.size);
      inputs[name] = new ort.Tensor(value.dtype, copy, value.shape.slice());
    }
    const results = await session.run(inputs);
    const out: Record<string, Tensor> = {};
    for (const [name, value] of Object.entries(results)) {
      const data = value.data;
      if (!(data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array)) {
        throw new Error(`output ${name} is ${value.type}; expected float32, float64 or int32`);
      }
      out[name] = new Tensor(data, value.dims.map(Number));
    }
    return out;
  } finally {
    await session.release();
  }
}

/**
 * Asserts equal shapes and dtypes and every element within `rtol` relative to the larger of its expected magnitude
 * and 1: relative for values of magnitude 1 and more, absolute below, where a sum's terms (inputs and weights of
 * order 1) set the rounding error rather than the sum (the same test as NumPy's `allclose` with `atol = rtol`).
 * NaN must match NaN and infinities match exactly. Returns the worst scaled error.
 */
export function expectAllClose(actual: Tensor, expected: Tensor, rtol: number): number {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  const a = actual.contiguous();
  const e = expected.contiguous();
  let worst = 0;
  for (let i = 0; i < e.size; i++) {
    const got = a.data[a.offset + i]!;
    const want = e.data[e.offset + i]!;
    if (!Number.isFinite(want)) {
      expect(Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want)), `element ${i}: ${got} vs ${want}`).toBe(
        true,
      );
      continue;
    }
    const error = Math.abs(got - want) / Math.max(Math.abs(want), 1);
    worst = Math.max(worst, Number.isNaN(error) ? Number.POSITIVE_INFINITY : error);
    if (!(error <= rtol)) expect.fail(`element ${i} of ${e.size}: ${got} vs ${want}, scaled error ${error} > ${rtol}`);
  }
  return worst;
}

/** The relative tolerance of each dtype: about 8 float32 ulps, and 1e-12 in float64. */
export const tolerance = { float32: 1e-6, float64: 1e-12 } as const;

/**
 * Exports `model` with a dynamic batch axis, from examples of batch 1 and of batch 7 (uniform in [low, high)), and
 * checks ONNX Runtime against chainrule at batch sizes 1 and 7 on other random inputs.
 */
export async function expectSameOutputs(
  model: { forward(x: Var): Var },
  features: number,
  dtype: FloatDType,
  low = -1,
  high = 1,
): Promise<void> {
  for (const exampleBatch of [1, 7]) {
    const example = new Rng(100 + exampleBatch).uniform([exampleBatch, features], low, high, { dtype });
    const bytes = exportOnnx(model as Parameters<typeof exportOnnx>[0], example, { dynamicBatch: true });
    for (const batch of [1, 7]) {
      const x = new Rng(batch).uniform([batch, features], low, high, { dtype });
      const { output } = await runOnnx(bytes, { input: x });
      expectAllClose(output!, model.forward(constant(x)).value, tolerance[dtype]);
    }
  }
}
