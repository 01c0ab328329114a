import { constant, mul, sum } from '@chainrule/autograd';
import { Adam, Dense, Embedding, Sequential, crossEntropy, loadSafetensors, saveSafetensors } from '@chainrule/nn';
import { DTypeError, Rng, ShapeError, ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;
const int32 = { dtype: 'int32' } as const;

function table(): Embedding {
  const layer = new Embedding(4, 2, { rng: new Rng(0), dtype: 'float64' });
  layer.weight.value = tensor(
    [
      [0, 1],
      [10, 11],
      [20, 21],
      [30, 31],
    ],
    f64,
  );
  return layer;
}

describe('Embedding', () => {
  it('holds a [numEmbeddings, embeddingDim] table drawn from N(0, 1) by its Rng, as torch.nn.Embedding', () => {
    const layer = new Embedding(5, 3, { rng: new Rng(7) });
    expect(layer.namedParameters().map(([name, p]) => [name, p.shape, p.dtype])).toEqual([
      ['weight', [5, 3], 'float32'],
    ]);
    expect(flat(layer.weight.value)).toEqual(flat(new Rng(7).normal([5, 3])));
    expect([layer.numEmbeddings, layer.embeddingDim]).toEqual([5, 3]);
  });

  it('looks up one row per index, for indices of any shape', () => {
    const layer = table();
    const out = layer.forward(tensor([2, 0, 2], int32));
    expect(out.shape).toEqual([3, 2]);
    expect(out.toArray()).toEqual([
      [20, 21],
      [0, 1],
      [20, 21],
    ]);
    const grid = layer.forward(
      tensor(
        [
          [3, 1],
          [1, 0],
        ],
        int32,
      ),
    );
    expect(grid.shape).toEqual([2, 2, 2]);
    expect(flat(grid.value)).toEqual([30, 31, 10, 11, 10, 11, 0, 1]);
    expect(layer.forward([1, 3]).toArray()).toEqual([
      [10, 11],
      [30, 31],
    ]);
  });

  it('adds each output row’s gradient to the row it came from (scatter-add); rows not looked up get zeros', () => {
    const layer = table();
    const out = layer.forward(tensor([2, 0, 2], int32));
    const g = tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      f64,
    );
    sum(mul(out, constant(g))).backward();
    expect(layer.weight.grad!.toArray()).toEqual([
      [3, 4],
      [0, 0],
      [1 + 5, 2 + 6],
      [0, 0],
    ]);
  });

  it('learns: token embeddings and a linear readout separate even from odd tokens', () => {
    const rng = new Rng(3);
    const model = new Sequential(new Embedding(6, 4, { rng }), new Dense(4, 2, { rng }));
    const tokens = tensor([0, 1, 2, 3, 4, 5], int32);
    const labels = tensor([0, 1, 0, 1, 0, 1], int32);
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    let loss = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 200; step++) {
      optimizer.zeroGrad();
      const value = crossEntropy(model.forward(tokens), labels);
      value.backward();
      optimizer.step();
      loss = value.item();
    }
    expect(loss).toBeLessThan(0.01);
  });

  it('saves and loads through safetensors like any layer', () => {
    const source = new Embedding(3, 2, { rng: new Rng(1) });
    const target = new Embedding(3, 2, { rng: new Rng(2) });
    target.loadStateDict(loadSafetensors(saveSafetensors(source.stateDict())).tensors);
    expect(flat(target.weight.value)).toEqual(flat(source.weight.value));
  });

  it('refuses float indices, indices out of range and bad options', () => {
    const layer = table();
    expect(() => layer.forward(tensor([1, 2]))).toThrow(DTypeError);
    expect(() => layer.forward(tensor([1, 2]))).toThrow(
      "Embedding: indices must be int32; got float32 of shape [2] (convert with astype(indices, 'int32'))",
    );
    expect(() => layer.forward(tensor([4], int32))).toThrow(ShapeError);
    expect(() => layer.forward([1.5])).toThrow(ValueError);
    expect(() => new Embedding(0, 2, { rng: new Rng(1) })).toThrow(
      'Embedding: numEmbeddings must be a positive integer; got number 0',
    );
    expect(() => new Embedding(3, 2.5, { rng: new Rng(1) })).toThrow(ValueError);
    expect(() => new Embedding(3, 2, {} as never)).toThrow(/Embedding: options.rng must be an Rng/);
    expect(() => new Embedding(3, 2, { rng: new Rng(1), paddingIdx: 0 } as never)).toThrow(
      "Embedding: unknown option 'paddingIdx'",
    );
    expect(() => new Embedding(3, 2, { rng: new Rng(1), dtype: 'int32' as never })).toThrow(DTypeError);
  });
});
