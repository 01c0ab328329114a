import * as A from '@chainrule/autograd';
import { type Var, constant } from '@chainrule/autograd';
import { exportOnnx } from '@chainrule/onnx';
import { type FloatDType, Rng, full, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectAllClose, expectSameOutputs, runOnnx, tolerance } from '../helpers';
import { everyNewActivationMlp } from '../models';
import { readModel } from '../onnx-reader';

const dtypes = ['float32', 'float64'] as const;

/** Issue 16's element-wise ops, with the attributes each can take. */
const ops: readonly (readonly [string, (x: Var) => Var])[] = [
  ['sin', A.sin],
  ['cos', A.cos],
  ['log1p', A.log1p],
  ['expm1', A.expm1],
  ['clip', (x) => A.clip(x, -2, 3)],
  ['clip, open below', (x) => A.clip(x, Number.NEGATIVE_INFINITY, 0.5)],
  ['softplus', A.softplus],
  ['logSigmoid', A.logSigmoid],
  ['silu', A.silu],
  ['leakyRelu', (x) => A.leakyRelu(x, 0.2)],
  ['elu', (x) => A.elu(x, 1.5)],
  ['gelu', (x) => A.gelu(x)],
  ['gelu, tanh form', (x) => A.gelu(x, { approximate: 'tanh' })],
  ['geluGrad', (x) => A.geluGrad(x, constant(full(x.shape, -1.5, { dtype: x.dtype })))],
  [
    'geluGrad, tanh form',
    (x) => A.geluGrad(x, constant(full(x.shape, -1.5, { dtype: x.dtype })), { approximate: 'tanh' }),
  ],
];

/** Infinities, NaN, signed zeros, tiny values, the tails where exp overflows or underflows, and a grid in between. */
const special = [
  ...[Number.NEGATIVE_INFINITY, -1e30, -1000, -100, -88, -50, -30, -20, -17, -10, -5, -1, -1e-3, -1e-8, -0],
  ...[0, 1e-8, 1e-3, 1, 5, 10, 17, 20, 30, 50, 88, 100, 1000, 1e30, Number.POSITIVE_INFINITY, Number.NaN],
  ...Array.from({ length: 81 }, (_, i) => -20 + i / 2),
];

describe("issue 16's element-wise ops in ONNX Runtime", () => {
  for (const dtype of dtypes) {
    for (const [name, op] of ops) {
      it(`${name} matches chainrule at ±∞, NaN, ±0 and in both tails, ${dtype}`, async () => {
        const x = tensor(special, { dtype });
        const { output } = await runOnnx(exportOnnx(op, x), { input: x });
        // Infinities and NaN must match exactly; finite values within the tolerance (worst seen: 1.5e-7 and 5.6e-16).
        expectAllClose(output!, op(constant(x)).value, tolerance[dtype]);
      });
    }
  }

  it('uses the ONNX op where ONNX Runtime has it in the dtype, a composition elsewhere', () => {
    const opTypes = (op: (x: Var) => Var, dtype: FloatDType) =>
      readModel(exportOnnx(op, tensor([1, -2], { dtype }))).nodes.map((node) => node.opType);
    expect(opTypes(A.softplus, 'float32')).toEqual(['Softplus']);
    expect(opTypes(A.softplus, 'float64')).not.toContain('Softplus'); // ONNX Runtime: "Could not find an implementation"
    expect(opTypes((x) => A.elu(x, 1.5), 'float32')).toEqual(['Elu']);
    expect(opTypes((x) => A.elu(x, 1.5), 'float64')).not.toContain('Elu');
    expect(opTypes((x) => A.leakyRelu(x, 0.2), 'float32')).toEqual(['LeakyRelu']);
    expect(opTypes((x) => A.leakyRelu(x, 0.2), 'float64')).toEqual(['Mul', 'Greater', 'Where']); // alpha is float32
    expect(opTypes(A.gelu, 'float32')).toContain('Erf');
    expect(opTypes(A.gelu, 'float64')).not.toContain('Erf'); // no float64 Erf in ONNX Runtime: Cody's erfc instead
    expect(opTypes(A.sin, 'float64')).toEqual(['Sin']);
    expect(opTypes((x) => A.clip(x, -1, 1), 'float64')).toEqual(['Clip']);
    const leaky = readModel(exportOnnx((x: Var) => A.leakyRelu(x, 0.25), tensor([1, -2])));
    expect(leaky.nodes[0]!.attributes).toEqual({ alpha: { float: 0.25 } });
    const clip = readModel(exportOnnx((x: Var) => A.clip(x, Number.NEGATIVE_INFINITY, 3), tensor([1, -2])));
    expect(clip.initializers.map((initializer) => initializer.values)).toEqual([[Number.NEGATIVE_INFINITY], [3]]);
  });

  for (const dtype of dtypes) {
    it(`an MLP through every activation of issue 16, ${dtype}`, async () => {
      await expectSameOutputs(everyNewActivationMlp(dtype), 5, dtype, -3, 3);
    });

    it(`exports the input gradient through them (geluGrad in both forms, scatterAdd from take), ${dtype}`, async () => {
      // leakyRelu, elu and clip are left out: their backward multiplies by a mask computed from the input's values,
      // a constant in the trace, which exportOnnx refuses (as it refuses logSumExp's).
      const rng = new Rng(21);
      const w = constant(rng.uniform([6, 6], -1, 1, { dtype }));
      const forward = (v: Var) => {
        const h = A.matmul(v, w);
        const activations = [A.silu(h), A.gelu(h), A.gelu(h, { approximate: 'tanh' }), A.softplus(h)];
        const math = [A.logSigmoid(h), A.sin(h), A.cos(h), A.log1p(A.square(h)), A.expm1(h)];
        return A.sum(A.mul(A.concat([...activations, ...math, A.square(A.take(h, [4, 0, 4, -1], 1))], 1), 0.5));
      };
      const saliency = (x: Var) => A.grad(forward)(x) as Var;
      const example = rng.uniform([7, 6], -2, 2, { dtype });
      const ops = new Set<string>();
      const visited = new Set<Var>();
      const stack = [saliency(A.variable(example))];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (visited.has(node)) continue;
        visited.add(node);
        ops.add(node.op);
        stack.push(...node.parents);
      }
      expect(['geluGrad', 'scatterAdd'].filter((op) => ops.has(op))).toEqual(['geluGrad', 'scatterAdd']);
      // A static batch: the gradient arriving at the sum is a constant of the batch's shape.
      const x = rng.uniform([7, 6], -2, 2, { dtype });
      const { output } = await runOnnx(exportOnnx(saliency, example), { input: x });
      expectAllClose(output!, saliency(A.variable(x)).value, tolerance[dtype]);
    });
  }
});
