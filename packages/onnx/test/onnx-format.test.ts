import * as A from '@chainrule/autograd';
import type { Var } from '@chainrule/autograd';
import { Module, Parameter, Sequential, Sigmoid } from '@chainrule/nn';
import { type OnnxLoweringContext, exportOnnx } from '@chainrule/onnx';
import * as T from '@chainrule/tensor';
import { type DType, Rng, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectAllClose, runOnnx, tolerance } from './helpers';
import { readModel } from './onnx-reader';

/** `x·W + b` written with autograd's ops, so it exports on any engine. */
class Affine extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter;
  constructor(inFeatures: number, outFeatures: number, dtype: DType, rng: Rng) {
    super();
    this.weight = new Parameter(rng.uniform([inFeatures, outFeatures], -1, 1, { dtype }));
    this.bias = new Parameter(rng.uniform([outFeatures], -1, 1, { dtype }));
  }
  forward(x: Var): Var {
    return A.add(A.matmul(x, this.weight), this.bias);
  }
}

function flat(values: T.Tensor): number[] {
  return (T.flatten(values).toArray() as number[]).slice();
}

describe('the ONNX model exportOnnx writes', () => {
  const rng = new Rng(8);
  const model = new Sequential(new Affine(3, 5, 'float64', rng), new Sigmoid(), new Affine(5, 2, 'float64', rng));
  const x = rng.uniform([4, 3], -1, 1, { dtype: 'float64' });
  const read = readModel(exportOnnx(model, x, { dynamicBatch: true }));

  it('is an IR 8, opset 17 model by chainrule', () => {
    expect(read.irVersion).toBe(8);
    expect(read.opset).toEqual([{ domain: '', version: 17 }]);
    expect(read.producer).toBe('chainrule');
    expect(read.graphName).toBe('chainrule');
  });

  it('holds the parameters under their namedParameters() names, in their dtype, bit for bit', () => {
    const parameters = model.namedParameters();
    expect(read.initializers.map((initializer) => initializer.name)).toEqual(parameters.map(([name]) => name));
    read.initializers.forEach((initializer, i) => {
      const parameter = parameters[i]![1];
      expect(initializer.type).toBe('float64');
      expect(initializer.dims).toEqual(parameter.shape);
      expect(initializer.values).toEqual(flat(parameter.value));
    });
  });

  it('declares the inputs and outputs with a symbolic batch axis', () => {
    expect(read.inputs).toEqual([{ name: 'input', type: 'float64', dims: ['batch', 3] }]);
    expect(read.outputs).toEqual([{ name: 'output', type: 'float64', dims: ['batch', 2] }]);
  });

  it('is the chainrule graph, op for op', () => {
    expect(read.nodes.map((node) => [node.opType, node.inputs, node.outputs])).toEqual([
      ['MatMul', ['input', 'layers.0.weight'], ['matmul']],
      ['Add', ['matmul', 'layers.0.bias'], ['add']],
      ['Sigmoid', ['add'], ['sigmoid']],
      ['MatMul', ['sigmoid', 'layers.2.weight'], ['matmul_2']],
      ['Add', ['matmul_2', 'layers.2.bias'], ['output']],
    ]);
  });

  it('is the same bytes for the same model', () => {
    expect(exportOnnx(model, x, { dynamicBatch: true })).toEqual(exportOnnx(model, x, { dynamicBatch: true }));
  });

  it('keeps float32 parameters float32, and writes constants once', () => {
    const w = A.variable(
      tensor([
        [1.5, -2],
        [0.25, 3],
      ]),
    );
    const bytes = exportOnnx((v: Var) => A.mul(A.add(A.matmul(v, w), 1), A.sub(1, v)), tensor([[1, 2]]));
    const model32 = readModel(bytes);
    expect(model32.initializers.map(({ name, type, dims, values }) => ({ name, type, dims, values }))).toEqual([
      { name: 'parameter', type: 'float32', dims: [2, 2], values: [1.5, -2, 0.25, 3] },
      { name: 'constant', type: 'float32', dims: [], values: [1] },
    ]);
  });

  it('keeps −0 apart from 0 among shared constants', async () => {
    const model = (v: Var) => A.add(A.div(1, A.add(v, 0)), A.div(1, A.add(v, -0)));
    const x = tensor([[0, 2]]);
    const bytes = exportOnnx(model, x);
    expect(readModel(bytes).initializers.map((initializer) => initializer.values)).toEqual([[1], [0], [-0]]);
    expect(Object.is(readModel(bytes).initializers[2]!.values[0], -0)).toBe(true);
    const { output } = await runOnnx(bytes, { input: x });
    expect(Array.from(output!.data)).toEqual(Array.from(model(A.constant(x)).value.data));
  });

  it('marks an output axis that follows the batch only when it is the batch', () => {
    const both = (v: Var) => [A.flatten(v), A.transpose(v)];
    const dims = readModel(exportOnnx(both, tensor([[1, 2, 3]]), { dynamicBatch: true })).outputs.map(
      (output) => output.dims,
    );
    expect(dims).toEqual([[null], [3, 'batch']]);
  });

  it('writes attributes of every type, names in UTF-8 and negative integers, as ONNX Runtime reads them', async () => {
    const lowerings = {
      // out = LeakyRelu(x)·0.5 + [1.5, 2.5] + [3, -4] + 7, along softmax's last axis (−1).
      custom: (node: OnnxLoweringContext) => {
        const leaky = node.node('LeakyRelu', node.inputs, { alpha: { float: 0.5 } });
        const floats = node.node('Constant', [], { value_floats: { floats: [1.5, 2.5] } });
        const ints = node.node('Cast', [node.node('Constant', [], { value_ints: { ints: [3, -4] } })], {
          to: { int: 1 },
        });
        const seven = node.node('Cast', [node.node('Constant', [], { value_int: { int: 7 } })], { to: { int: 1 } });
        const sum = node.node('Add', [node.node('Add', [node.node('Add', [leaky, floats]), ints]), seven]);
        return node.node('Softmax', [sum], { axis: { int: -1 } });
      },
    };
    const custom = A.defineOp<[T.Tensor]>({
      name: 'custom',
      forward: ([v]) => {
        const leaky = T.where(T.greater(v, 0), v, T.mul(v, 0.5));
        const shifted = T.add(T.add(leaky, tensor([1.5 + 3 + 7, 2.5 - 4 + 7])), 0);
        const exponentials = T.exp(T.sub(shifted, T.max(shifted, -1, true)));
        return T.div(exponentials, T.sum(exponentials, -1, true));
      },
      backward: () => [null],
    });
    const x = tensor([
      [-1, 2],
      [0.5, -3],
    ]);
    const bytes = exportOnnx((v: Var) => custom(v), x, {
      lowerings,
      inputNames: ['entrée'],
      outputNames: ['sortie-1'],
    });
    const attributes = readModel(bytes).nodes.map((node) => node.attributes);
    expect(attributes).toContainEqual({ alpha: { float: 0.5 } });
    expect(attributes).toContainEqual({ value_floats: { floats: [1.5, 2.5] } });
    expect(attributes).toContainEqual({ value_ints: { ints: [3, -4] } });
    expect(attributes).toContainEqual({ axis: { int: -1 } });
    const outputs = await runOnnx(bytes, { entrée: x });
    expectAllClose(outputs['sortie-1']!, custom(x).value, tolerance.float32);
  });

  it('exports a graph thousands of ops deep', async () => {
    const deep = (v: Var) => {
      let out = v;
      for (let i = 0; i < 3000; i++) out = A.add(A.mul(out, 0.999), 0.001);
      return out;
    };
    const x = tensor([[0.5, -0.5]], { dtype: 'float64' });
    const bytes = exportOnnx(deep, x);
    expect(readModel(bytes).nodes).toHaveLength(6000);
    const { output } = await runOnnx(bytes, { input: x });
    expectAllClose(output!, deep(A.constant(x)).value, tolerance.float64);
  });
});
