import { type Var, constant, noGrad, toDot, toMermaid } from '@chainrule/autograd';
import {
  Adam,
  type Optimizer,
  SGD,
  binaryCrossEntropyWithLogits,
  heUniform,
  saveSafetensors,
  sigmoid,
  sse,
  uniform,
  xavierUniform,
} from '@chainrule/nn';
import { type DType, Rng, type Tensor, slice, tensor } from '@chainrule/tensor';
import { type OptimizerName, type Settings, classifyChange } from '../settings/settings';
import { type Dataset, type Rows, makeDataset } from './datasets';
import { gridInputs } from './grid';
import { Mlp, type MlpTrace } from './mlp';

/** Losses and accuracies over whole sets at one step (test values are null for the tutorial, which has none). */
export interface Evaluation {
  step: number;
  trainLoss: number;
  testLoss: number | null;
  trainAccuracy: number;
  testAccuracy: number | null;
}

/** A layer's parameters as plain arrays: `weight` is `[inFeatures, outFeatures]` row-major. */
export interface LayerWeights {
  inFeatures: number;
  outFeatures: number;
  weight: Float64Array;
  bias: Float64Array | null;
}

/** Every unit's output over a grid of the heat map's square (row 0 at the top). */
export interface GridOutputs {
  /** Points per side of `output`. */
  resolution: number;
  /** The network's output probability at each of `resolution²` grid points. */
  output: Float32Array;
  /** Points per side of the hidden units' maps (every `resolution / unitResolution`-th row and column). */
  unitResolution: number;
  /** Per hidden layer, `units × unitResolution²` activations, unit by unit. */
  hidden: Float32Array[];
}

/** The computation graph of the latest step, in the library's two export formats. */
export interface StepGraph {
  step: number;
  dot: string;
  mermaid: string;
}

/**
 * Trains one network on one problem, step by step, with the library's public API only: the network is an `Mlp` of
 * `Dense` layers, gradients come from `loss.backward()`, updates from `SGD`/`Adam`. The tutorial's network has no
 * biases, weights from `uniform(0, 1)`, a sigmoid output and the sum of squared errors, in float64 (so it matches
 * the tutorial and `pnpm demo` number for number); the 2-D sets use logits with binary cross-entropy in float32.
 */
export class Trainer {
  readonly dataset: Dataset;
  readonly model: Mlp;
  readonly dtype: DType;
  settings: Settings;
  optimizer: Optimizer;
  stepCount = 0;
  readonly #train: { x: Var; y: Var };
  readonly #test: { x: Var; y: Var } | null;
  readonly #batchRng: Rng;
  #epoch: { x: Tensor; y: Tensor } | null = null;
  #epochPosition = 0;
  #graphWanted = false;
  #graph: StepGraph | null = null;
  #grid: { resolution: number; inputs: Var } | null = null;

  constructor(settings: Settings) {
    this.settings = settings;
    const tutorial = settings.problem === 'tutorial';
    this.dtype = tutorial ? 'float64' : 'float32';
    this.dataset = makeDataset(settings.problem, settings);
    const features = this.dataset.features;
    // The tutorial draws its weights from new Rng(seed), as the tutorial and `pnpm demo` do; the 2-D sets keep
    // separate generators for data, weights and batches, so changing the network leaves the data alone.
    const weightRng = new Rng(tutorial ? settings.seed : settings.seed + 1);
    this.#batchRng = new Rng(settings.seed + 2);
    const init = tutorial ? uniform(0, 1) : settings.activation === 'relu' ? heUniform() : xavierUniform();
    this.model = new Mlp([features, ...settings.hidden, 1], {
      activation: settings.activation,
      bias: !tutorial,
      init,
      rng: weightRng,
      dtype: this.dtype,
    });
    this.#train = this.#rowsToVars(this.dataset.train);
    this.#test = this.dataset.test.count > 0 ? this.#rowsToVars(this.dataset.test) : null;
    this.optimizer = makeOptimizer(this.model, settings.optimizer, settings.learningRate);
  }

  /**
   * Applies settings that do not need new data or weights (learning rate, batch size, optimizer; see
   * `classifyChange`). Returns false, changing nothing, when the settings need a new `Trainer`.
   */
  update(settings: Settings): boolean {
    const change = classifyChange(this.settings, settings);
    if (change === 'rebuild') return false;
    if (settings.optimizer !== this.settings.optimizer) {
      this.optimizer = makeOptimizer(this.model, settings.optimizer, settings.learningRate);
    } else {
      this.optimizer.lr = settings.learningRate;
    }
    if (settings.batchSize !== this.settings.batchSize) this.#epoch = null;
    this.settings = settings;
    return true;
  }

  /** One optimizer step on the next batch; returns the batch's loss before the update. */
  step(): number {
    const { x, y } = this.#nextBatch();
    this.optimizer.zeroGrad();
    const trace = this.model.trace(x);
    const prediction = this.settings.problem === 'tutorial' ? sigmoid(trace.logits) : null;
    const loss = prediction ? sse(prediction, y) : binaryCrossEntropyWithLogits(trace.logits, y);
    const value = loss.item();
    loss.backward();
    if (this.#graphWanted) {
      // Drawn now, between backward and the update: toDot reads the gradients of the values this step used.
      this.#graphWanted = false;
      this.#graph = this.#drawGraph(this.stepCount + 1, { loss, x, y, trace, prediction });
    }
    this.optimizer.step();
    this.stepCount++;
    return value;
  }

  /** Asks the next `step()` to keep its computation graph (for `graph()`); drawing it costs about a backward pass. */
  requestGraph(): void {
    this.#graphWanted = true;
  }

  /** The graph of the latest step that was asked for with `requestGraph()`, or null if none was. */
  graph(): StepGraph | null {
    return this.#graph;
  }

  /** Loss and accuracy on the whole training set and the whole test set, without recording a graph. */
  evaluate(): Evaluation {
    const train = this.#measure(this.#train);
    const test = this.#test ? this.#measure(this.#test) : null;
    return {
      step: this.stepCount,
      trainLoss: train.loss,
      testLoss: test?.loss ?? null,
      trainAccuracy: train.accuracy,
      testAccuracy: test?.accuracy ?? null,
    };
  }

  /** The network's output probability for each training row (the tutorial's four predictions). */
  predictions(): number[] {
    const probabilities = noGrad(() => sigmoid(this.model.forward(this.#train.x)));
    return Array.from(probabilities.value.data.subarray(0, this.dataset.train.count));
  }

  /**
   * Every unit's output over a `resolution²` grid of the heat map's square; the hidden units' maps keep every
   * `stride`-th row and column of it (they are drawn small).
   */
  gridOutputs(resolution: number, stride = 1): GridOutputs {
    if (this.#grid?.resolution !== resolution) {
      const inputs = gridInputs(resolution, this.dataset.domain, this.dataset.features);
      this.#grid = {
        resolution,
        inputs: constant(
          tensor(inputs, { shape: [resolution * resolution, this.dataset.features], dtype: this.dtype }),
        ),
      };
    }
    const grid = this.#grid.inputs;
    return noGrad(() => {
      const trace = this.model.trace(grid);
      const output = Float32Array.from(sigmoid(trace.logits).value.data);
      const hidden = trace.hidden.map((layer) => unitMaps(layer.value, resolution, stride));
      return { resolution, output, unitResolution: Math.ceil(resolution / stride), hidden };
    });
  }

  /** Each layer's weights and biases, copied. */
  weights(): LayerWeights[] {
    return this.model.layers.map((layer) => ({
      inFeatures: layer.inFeatures,
      outFeatures: layer.outFeatures,
      weight: Float64Array.from(layer.weight.value.contiguous().data),
      bias: layer.bias ? Float64Array.from(layer.bias.value.contiguous().data) : null,
    }));
  }

  /**
   * A step's graph, drawn by the library's `toDot` and `toMermaid` after its backward pass (so every node carries
   * its gradient norm), with the weights, the batch and each layer's output named.
   */
  #drawGraph(step: number, last: { loss: Var; x: Var; y: Var; trace: MlpTrace; prediction: Var | null }): StepGraph {
    const names: [string, Var][] = [];
    this.model.layers.forEach((layer, index) => {
      names.push([`W${index + 1}`, layer.weight]);
      if (layer.bias) names.push([`b${index + 1}`, layer.bias]);
    });
    names.push(['X (batch)', last.x], ['y (targets)', last.y], ['loss', last.loss]);
    last.trace.preActivations.forEach((z, index) => {
      const output = index === last.trace.preActivations.length - 1;
      names.push([output ? 'logits' : `z${index + 1}`, z]);
    });
    last.trace.hidden.forEach((h, index) => names.push([`h${index + 1}`, h]));
    if (last.prediction) names.push(['prediction', last.prediction]);
    return { step, dot: toDot(last.loss, { names }), mermaid: toMermaid(last.loss, { names }) };
  }

  /** The weights as safetensors bytes (`layers.0.weight`, ...), with the settings in the metadata. */
  saveWeights(): Uint8Array {
    return saveSafetensors(this.model.stateDict(), {
      format: 'chainrule-playground',
      network: [this.dataset.features, ...this.settings.hidden, 1].join('-'),
      activation: this.settings.activation,
      step: String(this.stepCount),
      settings: JSON.stringify(this.settings),
    });
  }

  #rowsToVars(rows: Rows): { x: Var; y: Var } {
    const { dtype } = this;
    return {
      x: constant(tensor(rows.inputs, { shape: [rows.count, this.dataset.features], dtype })),
      y: constant(tensor(rows.targets, { shape: [rows.count, 1], dtype })),
    };
  }

  /** The whole training set, or the next slice of this epoch's shuffled copy (reshuffled at each epoch). */
  #nextBatch(): { x: Var; y: Var } {
    const count = this.dataset.train.count;
    const size = this.settings.batchSize;
    if (size >= count) return this.#train;
    if (this.#epoch === null || this.#epochPosition >= count) {
      this.#epoch = this.#shuffledTrainingSet();
      this.#epochPosition = 0;
    }
    const begin = this.#epochPosition;
    const end = Math.min(count, begin + size);
    this.#epochPosition = end;
    return { x: constant(slice(this.#epoch.x, [begin], [end])), y: constant(slice(this.#epoch.y, [begin], [end])) };
  }

  #shuffledTrainingSet(): { x: Tensor; y: Tensor } {
    const { count, inputs, targets } = this.dataset.train;
    const features = this.dataset.features;
    const order = Array.from({ length: count }, (_, index) => index);
    for (let index = count - 1; index > 0; index--) {
      const other = Math.floor(this.#batchRng.nextFloat() * (index + 1));
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    const x = new Float64Array(count * features);
    const y = new Float64Array(count);
    order.forEach((row, position) => {
      x.set(inputs.subarray(row * features, (row + 1) * features), position * features);
      y[position] = targets[row]!;
    });
    const { dtype } = this;
    return { x: tensor(x, { shape: [count, features], dtype }), y: tensor(y, { shape: [count, 1], dtype }) };
  }

  #measure({ x, y }: { x: Var; y: Var }): { loss: number; accuracy: number } {
    return noGrad(() => {
      const logits = this.model.forward(x);
      const loss =
        this.settings.problem === 'tutorial' ? sse(sigmoid(logits), y) : binaryCrossEntropyWithLogits(logits, y);
      const scores = logits.value.data;
      const labels = y.value.data;
      let correct = 0;
      for (let row = 0; row < labels.length; row++) correct += (scores[row]! > 0 ? 1 : 0) === labels[row] ? 1 : 0;
      return { loss: loss.item(), accuracy: correct / labels.length };
    });
  }
}

function makeOptimizer(model: Mlp, name: OptimizerName, lr: number): Optimizer {
  const parameters = model.parameters();
  if (name === 'adam') return new Adam(parameters, { lr });
  return new SGD(parameters, name === 'momentum' ? { lr, momentum: 0.9 } : { lr });
}

/**
 * `[resolution², units]` activations over the grid as one map per unit (`units × side²`, unit by unit), keeping
 * every `stride`-th row and column (`side = ⌈resolution / stride⌉`).
 */
function unitMaps(activations: Tensor, resolution: number, stride: number): Float32Array {
  const units = activations.shape[1]!;
  const source = activations.contiguous().data;
  const side = Math.ceil(resolution / stride);
  const points = side * side;
  const result = new Float32Array(units * points);
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const from = (row * stride * resolution + column * stride) * units;
      const to = row * side + column;
      for (let unit = 0; unit < units; unit++) result[unit * points + to] = source[from + unit]!;
    }
  }
  return result;
}
