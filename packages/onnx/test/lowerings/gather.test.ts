import * as A from '@chainrule/autograd';
import { type Var, constant } from '@chainrule/autograd';
import { Parameter } from '@chainrule/nn';
import { OnnxExportError, exportOnnx } from '@chainrule/onnx';
import { Rng, type Shape, type Tensor, astype, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectAllClose, runOnnx, tolerance } from '../helpers';
import { EmbeddingBag, classSums } from '../models';
import { readModel } from '../onnx-reader';

const dtypes = ['float32', 'float64'] as const;

/** Random int32 indices in [0, high). */
function indices(rng: Rng, shape: Shape, high: number): Tensor {
  return astype(rng.uniform(shape, 0, high, { dtype: 'float64' }), 'int32');
}

describe('take and scatterAdd in ONNX Runtime, with int32 indices as graph inputs', () => {
  for (const dtype of dtypes) {
    it(`an embedding lookup (nn's Embedding): int32 token ids [batch, 5] in, Gather from the table, ${dtype}`, async () => {
      const model = new EmbeddingBag(dtype);
      for (const exampleBatch of [1, 7]) {
        const bytes = exportOnnx(model, indices(new Rng(exampleBatch), [exampleBatch, 5], 10), { dynamicBatch: true });
        const read = readModel(bytes);
        expect(read.inputs).toEqual([{ name: 'input', type: 'int32', dims: ['batch', 5] }]);
        expect(read.outputs).toEqual([{ name: 'output', type: dtype, dims: ['batch', 3] }]);
        expect(read.initializers.find((initializer) => initializer.name === 'embedding.weight')).toMatchObject({
          type: dtype,
          dims: [10, 4],
        });
        expect(read.nodes.filter((node) => node.opType === 'Gather')).toHaveLength(1);
        for (const batch of [1, 7]) {
          const tokens = indices(new Rng(50 + batch), [batch, 5], 10);
          const { output } = await runOnnx(bytes, { input: tokens });
          expectAllClose(output!, model.forward(constant(tokens)).value, tolerance[dtype]);
        }
      }
    });

    it(`labels as an input: prototypes gathered per row, rows summed per class (ScatterND, add), ${dtype}`, async () => {
      const model = classSums(dtype);
      for (const exampleBatch of [1, 7]) {
        const rng = new Rng(10 + exampleBatch);
        const examples = [rng.uniform([exampleBatch, 5], -1, 1, { dtype }), indices(rng, [exampleBatch], 3)];
        const bytes = exportOnnx(model, examples, {
          inputNames: ['features', 'labels'],
          outputNames: ['centred', 'sums'],
          dynamicBatch: true,
        });
        const read = readModel(bytes);
        expect(read.inputs.map((input) => [input.name, input.type, input.dims])).toEqual([
          ['features', dtype, ['batch', 5]],
          ['labels', 'int32', ['batch']],
        ]);
        expect(read.outputs.map((output) => [output.name, output.dims])).toEqual([
          ['centred', ['batch', 4]],
          ['sums', [3, 4]],
        ]);
        const scatter = read.nodes.find((node) => node.opType === 'ScatterND');
        expect(scatter?.attributes).toEqual({ reduction: { string: 'add' } });
        for (const batch of [1, 7]) {
          const x = new Rng(30 + batch).uniform([batch, 5], -1, 1, { dtype });
          const labels = indices(new Rng(40 + batch), [batch], 3);
          const outputs = await runOnnx(bytes, { features: x, labels });
          const [centred, sums] = model(constant(x), constant(labels));
          expectAllClose(outputs.centred!, centred!.value, tolerance[dtype]);
          expectAllClose(outputs.sums!, sums!.value, tolerance[dtype]);
        }
      }
    });
  }

  it('gathers and scatters at a single index (a 0-d index tensor), and along negative axes', async () => {
    const at = tensor(2, { dtype: 'int32' });
    const weight = new Parameter(new Rng(3).uniform([3, 4, 5], -1, 1, { dtype: 'float64' }));
    const model = (x: Var) => {
      const row = A.take(A.mul(x, weight), at, -2); // [3, 5]: row 2 along axis 1
      const back = A.scatterAdd(row, at, 1, 4); // [3, 4, 5]: that row in place, zeros elsewhere
      return A.add(back, A.take(x, [-1, 0, 0, -1, 0], -1)); // + [3, 4, 5]
    };
    const x = new Rng(4).uniform([3, 4, 1], -1, 1, { dtype: 'float64' });
    const { output } = await runOnnx(exportOnnx(model, x), { input: x });
    expectAllClose(output!, model(constant(x)).value, tolerance.float64);
  });

  it('writes int32 index constants as INT32 initializers', () => {
    const bytes = exportOnnx((x: Var) => A.take(x, [2, -1], 1), tensor([[1, 2, 3]]));
    const read = readModel(bytes);
    expect(read.initializers).toEqual([{ name: 'constant', type: 'int32', dims: [2], values: [2, -1] }]);
    expect(read.nodes.map((node) => [node.opType, node.inputs, node.attributes])).toEqual([
      ['Gather', ['input', 'constant'], { axis: { int: 1 } }],
    ]);
  });

  it('refuses arithmetic on an int32 input, which autograd does not record (integers have no gradient)', () => {
    const table = new Parameter(new Rng(5).uniform([10, 2]));
    const shifted = (tokens: Var) => A.take(table, A.add(tokens, 1), 0);
    const tokens = tensor([0, 3, 8], { dtype: 'int32' });
    expect(() => exportOnnx(shifted, tokens)).toThrow(OnnxExportError);
    expect(() => exportOnnx(shifted, tokens)).toThrow(/op on int32 inputs alone/);
  });
});
