import { type Var, type VarLike, add, constant, mul, sigmoid } from '@chainrule/autograd';
import {
  Adam,
  Dense,
  LogSoftmax,
  Module,
  Parameter,
  Sequential,
  crossEntropy,
  loadSafetensors,
  saveSafetensors,
  stateDictFromJSON,
  stateDictToJSON,
} from '@chainrule/nn';
import { type DType, Rng, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

/** Swish with a learnable slope: `x·σ(β·x)`. */
class Swish extends Module {
  readonly beta: Parameter;
  constructor(dtype: DType) {
    super();
    this.beta = new Parameter(tensor([1], { dtype }));
  }
  forward(x: VarLike): Var {
    return mul(x, sigmoid(mul(this.beta, x)));
  }
}

/** `x + gate(inner(x))`: a custom layer holding a Sequential (which holds a custom layer) and a custom layer. */
class ResidualBlock extends Module {
  readonly inner: Sequential;
  readonly gate: Swish;
  constructor(width: number, rng: Rng, dtype: DType) {
    super();
    this.inner = new Sequential(new Dense(width, width, { rng, dtype }), new Swish(dtype));
    this.gate = new Swish(dtype);
  }
  forward(x: VarLike): Var {
    return add(x, this.gate.forward(this.inner.forward(x)));
  }
}

class Classifier extends Module {
  readonly stem: Dense;
  readonly blocks: ResidualBlock[];
  readonly head: Sequential;
  constructor(seed: number, dtype: DType) {
    super();
    const rng = new Rng(seed);
    this.stem = new Dense(3, 4, { rng, dtype });
    this.blocks = [new ResidualBlock(4, rng, dtype), new ResidualBlock(4, rng, dtype)];
    this.head = new Sequential(new Dense(4, 2, { rng, dtype }), new LogSoftmax());
  }
  forward(x: VarLike): Var {
    let hidden = this.stem.forward(x);
    for (const block of this.blocks) hidden = block.forward(hidden);
    return this.head.forward(hidden);
  }
}

const expectedNames = [
  'stem.weight',
  'stem.bias',
  'blocks.0.inner.layers.0.weight',
  'blocks.0.inner.layers.0.bias',
  'blocks.0.inner.layers.1.beta',
  'blocks.0.gate.beta',
  'blocks.1.inner.layers.0.weight',
  'blocks.1.inner.layers.0.bias',
  'blocks.1.inner.layers.1.beta',
  'blocks.1.gate.beta',
  'head.layers.0.weight',
  'head.layers.0.bias',
];

function train(model: Classifier, dtype: DType): void {
  const inputs = constant(new Rng(5).normal([6, 3], 0, 1, { dtype }));
  const optimizer = new Adam(model.parameters(), { lr: 0.05 });
  for (let step = 0; step < 5; step++) {
    optimizer.zeroGrad();
    crossEntropy(model.forward(inputs), [0, 1, 1, 0, 1, 0]).backward();
    optimizer.step();
  }
}

describe('a user-defined layer with a nested custom layer and a Sequential inside', () => {
  it('tracks every nested parameter, and every one of them trains', () => {
    const model = new Classifier(1, 'float64');
    expect(model.namedParameters().map(([name]) => name)).toEqual(expectedNames);
    const before = model.stateDict();
    train(model, 'float64');
    const after = model.stateDict();
    for (const name of expectedNames) expect(flat(after[name]!)).not.toEqual(flat(before[name]!));
  });

  for (const dtype of ['float32', 'float64'] as const) {
    it(`round-trips through JSON and safetensors with identical outputs (${dtype})`, () => {
      const trained = new Classifier(1, dtype);
      train(trained, dtype);
      const x = new Rng(7).normal([5, 3], 0, 1, { dtype });
      const expected = flat(trained.forward(x).value);

      const fromJson = new Classifier(2, dtype);
      expect(flat(fromJson.forward(x).value)).not.toEqual(expected);
      fromJson.loadStateDict(stateDictFromJSON(stateDictToJSON(trained.stateDict())));
      expect(flat(fromJson.forward(x).value)).toEqual(expected);

      const fromSafetensors = new Classifier(3, dtype);
      const bytes = saveSafetensors(trained.stateDict(), { epochs: '5' });
      const { tensors, metadata } = loadSafetensors(bytes);
      fromSafetensors.loadStateDict(tensors);
      expect(flat(fromSafetensors.forward(x).value)).toEqual(expected);
      expect(metadata.epochs).toBe('5');
    });
  }
});
