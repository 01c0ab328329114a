import * as A from '@chainrule/autograd';
import { type Var, constant, defineOp } from '@chainrule/autograd';
import { SGD, Sequential, sse } from '@chainrule/nn';
import { type OnnxLoweringContext, exportOnnx, supportedOnnxOps } from '@chainrule/onnx';
import * as T from '@chainrule/tensor';
import { Rng, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectAllClose, expectSameOutputs, runOnnx, tolerance } from './helpers';
import { EveryOp, everyActivationMlp, normalizedMlp, referenceNetwork } from './models';
import { readModel } from './onnx-reader';

const dtypes = ['float32', 'float64'] as const;

describe('exportOnnx runs in ONNX Runtime with the outputs of chainrule', () => {
  for (const dtype of dtypes) {
    it(`the reference network, trained, ${dtype}`, async () => {
      const model = referenceNetwork(dtype);
      const x = constant(
        tensor(
          [
            [0, 0, 1],
            [0, 1, 1],
            [1, 0, 1],
            [1, 1, 1],
          ],
          { dtype },
        ),
      );
      const y = constant(tensor([[0], [1], [1], [0]], { dtype }));
      const optimizer = new SGD(model.parameters(), { lr: 1 });
      for (let step = 0; step < 300; step++) {
        optimizer.zeroGrad();
        sse(model.forward(x), y).backward();
        optimizer.step();
      }
      await expectSameOutputs(model, 3, dtype, 0, 1);
      const { output } = await runOnnx(exportOnnx(model, x), { input: x.value });
      expectAllClose(output!, model.forward(x).value, tolerance[dtype]);
    });

    it(`an MLP through every activation, ${dtype}`, async () => {
      await expectSameOutputs(everyActivationMlp(dtype), 5, dtype, -2, 2);
    });

    it(`a model with every op the exporter lowers, ${dtype}`, async () => {
      await expectSameOutputs(new EveryOp(dtype), 6, dtype);
    });

    it(`issue 16's layers in evaluation mode: LayerNorm (its composition), Dropout (nothing), ${dtype}`, async () => {
      const model = normalizedMlp(dtype);
      await expectSameOutputs(model, 5, dtype, -2, 2);
      const opTypes = readModel(exportOnnx(model, new Rng(8).uniform([3, 5], -1, 1, { dtype }))).nodes.map(
        (node) => node.opType,
      );
      // nn's LayerNorm is a composition of autograd ops (mean, sub, square, sqrt, div, ...), exported as such.
      expect(opTypes.filter((opType) => opType === 'ReduceMean')).toHaveLength(4);
      expect(opTypes).not.toContain('LayerNormalization');
    });
  }

  it('lowers every op @chainrule/autograd exports (a new op needs a lowering in src/lowerings, or a reason here)', () => {
    const notOps = ['GradCheckError', 'GraphError', 'Var', 'checkGrad', 'constant', 'defineOp', 'grad', 'gradients'];
    notOps.push('isRecording', 'isVar', 'noGrad', 'toDot', 'toMermaid', 'valueAndGrad', 'variable');
    notOps.push('compile', 'invalidateCompiled');
    // Each op is exported under its op name (Var.op), which is what the lowerings are keyed by.
    const ops = Object.entries(A).filter(([name, value]) => typeof value === 'function' && !notOps.includes(name));
    expect(ops.length).toBeGreaterThanOrEqual(40);
    expect(ops.map(([name]) => name).filter((name) => !supportedOnnxOps().includes(name))).toEqual([]);
  });

  it('covers every built-in lowering in the every-op model (the derivative ops are in gradient graphs)', () => {
    const ops = new Set<string>();
    const visited = new Set<Var>();
    const stack = [new EveryOp('float64').forward(A.variable(new Rng(1).uniform([2, 6], -1, 1, { dtype: 'float64' })))];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (visited.has(node)) continue;
      visited.add(node);
      ops.add(node.op);
      stack.push(...node.parents);
    }
    expect(supportedOnnxOps().filter((op) => !ops.has(op))).toEqual([
      'geluGrad',
      'identity',
      'reluGrad',
      'sigmoidGrad',
      'tanhGrad',
    ]);
  });

  it('exports a gradient function (its graph is recorded ops too)', async () => {
    const cubeGradient = (x: Var) => A.grad((v: Var) => A.sum(A.mul(A.mul(v, v), v)))(x) as Var; // 3x²
    const x = new Rng(4).uniform([5], -2, 2, { dtype: 'float64' });
    const bytes = exportOnnx(cubeGradient, x);
    expect(readModel(bytes).nodes.map((node) => node.opType)).toContain('Identity');
    const { output } = await runOnnx(bytes, { input: x });
    expectAllClose(output!, T.mul(T.mul(x, x), 3), tolerance.float64);
  });

  for (const dtype of dtypes) {
    it(`exports the input gradient of an MLP through every activation (the derivative ops), ${dtype}`, async () => {
      // Up to the Softmax: logSoftmax's backward holds the maximum of its input as a constant (exact for gradients,
      // frozen in a trace), which exportOnnx refuses (see errors.test.ts).
      const model = new Sequential(...everyActivationMlp(dtype).layers.slice(0, -2));
      const weights = A.constant(new Rng(12).uniform([4, 6], -1, 1, { dtype }));
      const saliency = (x: Var) => A.grad((v: Var) => A.sum(A.mul(model.forward(v), weights)))(x) as Var;
      const example = new Rng(13).uniform([4, 5], -2, 2, { dtype });
      const ops = new Set<string>();
      const stack = [saliency(A.variable(example))];
      while (stack.length > 0) {
        const node = stack.pop()!;
        ops.add(node.op);
        stack.push(...node.parents.filter((parent) => !ops.has(parent.op) || parent.parents.length > 0));
        if (ops.size > 100) break;
      }
      expect(['identity', 'reluGrad', 'sigmoidGrad', 'tanhGrad'].filter((op) => ops.has(op))).toHaveLength(4);
      const bytes = exportOnnx(saliency, example);
      const x = new Rng(14).uniform([4, 5], -2, 2, { dtype });
      const { output } = await runOnnx(bytes, { input: x });
      expectAllClose(output!, saliency(A.variable(x)).value, tolerance[dtype]);
    });
  }

  it('keeps every dimension of a static export, and runs it', async () => {
    const model = everyActivationMlp('float32');
    const x = new Rng(9).uniform([4, 5], -1, 1);
    const bytes = exportOnnx(model, x);
    const read = readModel(bytes);
    expect(read.inputs).toEqual([{ name: 'input', type: 'float32', dims: [4, 5] }]);
    expect(read.outputs).toEqual([{ name: 'output', type: 'float32', dims: [4, 4] }]);
    const { output } = await runOnnx(bytes, { input: x });
    expectAllClose(output!, model.forward(constant(x)).value, tolerance.float32);
  });

  it('names inputs and outputs, with several of each', async () => {
    const rng = new Rng(11);
    const w = A.variable(rng.uniform([3, 2], -1, 1, { dtype: 'float64' }));
    const model = (a: Var, b: Var): Var[] => {
      const product = A.matmul(a, w);
      return [A.add(product, b), A.tanh(product), A.add(product, b)];
    };
    const a = rng.uniform([4, 3], -1, 1, { dtype: 'float64' });
    const b = rng.uniform([4, 2], -1, 1, { dtype: 'float64' });
    const bytes = exportOnnx(model, [a, b], {
      inputNames: ['features', 'offsets'],
      outputNames: ['sum', 'activation', 'again'],
      dynamicBatch: true,
    });
    const read = readModel(bytes);
    expect(read.inputs.map((input) => [input.name, input.dims])).toEqual([
      ['features', ['batch', 3]],
      ['offsets', ['batch', 2]],
    ]);
    expect(read.outputs.map((output) => [output.name, output.dims])).toEqual([
      ['sum', ['batch', 2]],
      ['activation', ['batch', 2]],
      ['again', ['batch', 2]],
    ]);
    const outputs = await runOnnx(bytes, { features: a, offsets: b });
    const expected = model(constant(a), constant(b));
    expectAllClose(outputs.sum!, expected[0]!.value, tolerance.float64);
    expectAllClose(outputs.activation!, expected[1]!.value, tolerance.float64);
    expectAllClose(outputs.again!, expected[0]!.value, tolerance.float64);
  });

  it('exports an input returned as it is, and a model of one layer of @chainrule/autograd ops', async () => {
    const x = new Rng(3).uniform([2, 3]);
    const outputs = await runOnnx(
      exportOnnx((v: Var) => [v, A.exp(v)], x),
      { input: x },
    );
    expectAllClose(outputs.output_0!, x, tolerance.float32);
    expectAllClose(outputs.output_1!, T.exp(x), tolerance.float32);
  });
});

describe('user ops declare their ONNX lowering', () => {
  // A softplus of the user's own, log(1 + eˣ), stable as max(x, 0) + log(1 + e^−|x|).
  const softplus = defineOp<[Tensor]>({
    name: 'smoothRelu',
    forward: ([x]) => T.add(T.relu(x), T.log(T.add(1, T.exp(T.neg(T.abs(x)))))),
    backward: (grad, [x]) => [A.mul(grad, A.sigmoid(x))], // d/dx log(1 + eˣ) = σ(x)
  });
  const scaleOp = defineOp<[Tensor], { factor: number }>({
    name: 'scale',
    forward: ([x], { factor }) => T.mul(x, factor),
    backward: (grad, _inputs, _out, { factor }) => [A.mul(grad, factor)], // d/dx (f·x) = f
  });
  const lowerings = {
    // ONNX has Softplus, but ONNX Runtime's CPU provider has it for float32 only: the stable formula works for both.
    smoothRelu: (node: OnnxLoweringContext) => {
      const x = node.inputs[0]!;
      const one = node.constant(T.scalar(1, { dtype: x.dtype }));
      const tail = node.node('Log', [
        node.node('Add', [one, node.node('Exp', [node.node('Neg', [node.node('Abs', [x])])])]),
      ]);
      return node.node('Add', [node.node('Relu', [x]), tail]);
    },
    // Several ONNX nodes and a constant for one chainrule op, reading its attributes.
    scale: (node: OnnxLoweringContext<{ factor: number }>) => {
      const factor = node.constant(T.scalar(node.attrs.factor, { dtype: node.inputs[0]!.dtype }));
      return node.node('Identity', [node.node('Mul', [node.inputs[0]!, factor])]);
    },
  };

  for (const dtype of dtypes) {
    it(`lowers them through options.lowerings, ${dtype}`, async () => {
      const model = (x: Var) => scaleOp([softplus(x)], { factor: 2.5 });
      const x = new Rng(6).uniform([7, 3], -4, 4, { dtype });
      const bytes = exportOnnx(model, x, { lowerings, dynamicBatch: true });
      expect(readModel(bytes).nodes.map((node) => node.opType)).toEqual([
        'Abs',
        'Neg',
        'Exp',
        'Add',
        'Log',
        'Relu',
        'Add',
        'Mul',
        'Identity',
      ]);
      const { output } = await runOnnx(bytes, { input: x });
      expectAllClose(output!, model(constant(x)).value, tolerance[dtype]);
    });
  }

  it('replaces a built-in lowering', () => {
    const bytes = exportOnnx((x: Var) => A.square(x), tensor([1, 2]), {
      lowerings: {
        square: (node: OnnxLoweringContext) => node.node('Pow', [node.inputs[0]!, node.constant(T.scalar(2))]),
      },
    });
    expect(readModel(bytes).nodes.map((node) => node.opType)).toEqual(['Pow']);
  });
});
