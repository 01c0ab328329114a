import { constant, noGrad, type Var } from '@chainrule/autograd';
import { SGD, sse } from '@chainrule/nn';
import { Rng, allFinite, flatten } from '@chainrule/tensor';
import { INPUTS, TARGETS } from './dataset';
import { TrainingDivergedError } from './diverged-error';
import { TwoLayerNetwork } from './network';
import type { TrainOptions } from '../cli/options';

export { DEFAULT_SEED, DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../cli/options';

/** One row of the data set with the trained network's output for it. */
export interface Prediction {
  input: number[];
  target: number;
  prediction: number;
}

/** Parameter values by name (`hidden.weight`, `output.weight`), as nested arrays `[in][out]`. */
export type Weights = Record<string, number[][]>;

/** Everything a run produced; plain data, ready for JSON. */
export interface TrainResult {
  options: TrainOptions;
  /** `losses[i]` is the loss at iteration i + 1, measured before that iteration's update. */
  losses: number[];
  /** The loss after the last update (the loss of `predictions`). */
  finalLoss: number;
  /** How many times the loss did not fall, over `losses` followed by `finalLoss` (0: it fell at every step). */
  lossRises: number;
  predictions: Prediction[];
  initialWeights: Weights;
  finalWeights: Weights;
  /** Wall time of the training loop, without the time spent in `onIteration`. */
  trainingMilliseconds: number;
}

/** Optional observer of training, called after each iteration's update with the iteration (1-based) and its loss. */
export interface TrainHooks {
  onIteration?: (iteration: number, loss: number) => void;
}

/** The network, inputs and targets of a run: the network's weights are drawn from `new Rng(options.seed)`. */
export interface Problem {
  network: TwoLayerNetwork;
  inputs: Var;
  targets: Var;
}

/** Builds the tutorial's problem for the given settings (the same seed always gives the same initial weights). */
export function createProblem(options: TrainOptions): Problem {
  const { dtype } = options;
  const network = new TwoLayerNetwork(3, options.hiddenUnits, { rng: new Rng(options.seed), dtype });
  return {
    network,
    inputs: constant(
      INPUTS.map((row) => [...row]),
      { dtype },
    ),
    targets: constant(
      TARGETS.map((row) => [...row]),
      { dtype },
    ),
  };
}

/**
 * Trains the tutorial's network: each iteration computes `L = Σ (y − ŷ)²` over the four rows, lets autograd
 * find ∂L/∂W, and takes one SGD step `W ← W − lr·∂L/∂W`. Pure apart from reading the clock: no I/O.
 * Throws a TrainingDivergedError as soon as the loss or a weight is NaN or ±Infinity (checked at every iteration).
 */
export function train(options: TrainOptions, hooks: TrainHooks = {}): TrainResult {
  const { network, inputs, targets } = createProblem(options);
  const initialWeights = readWeights(network);
  const optimizer = new SGD(network.parameters(), { lr: options.learningRate });
  const losses: number[] = new Array<number>(options.iterations);

  let hookMilliseconds = 0;
  const start = performance.now();
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    optimizer.zeroGrad();
    const loss = sse(network.forward(inputs), targets);
    losses[iteration] = loss.item();
    if (!allFinite(loss.value)) throw diverged(iteration + 1, options.iterations, 'the loss', losses[iteration]!);
    loss.backward();
    optimizer.step();
    checkWeightsFinite(network, iteration + 1, options.iterations);
    if (hooks.onIteration) {
      const hookStart = performance.now();
      hooks.onIteration(iteration + 1, losses[iteration]!);
      hookMilliseconds += performance.now() - hookStart;
    }
  }
  const output = noGrad(() => network.forward(inputs));
  const finalLoss = noGrad(() => sse(output, targets)).item();
  if (!Number.isFinite(finalLoss)) throw diverged(options.iterations, options.iterations, 'the loss', finalLoss);
  const trainingMilliseconds = performance.now() - start - hookMilliseconds;

  const outputs = (output.toArray() as number[][]).map((row) => row[0]!);
  return {
    options: { ...options },
    losses,
    finalLoss,
    lossRises: countRises([...losses, finalLoss]),
    predictions: INPUTS.map((input, row) => ({
      input: [...input],
      target: TARGETS[row]![0]!,
      prediction: outputs[row]!,
    })),
    initialWeights,
    finalWeights: readWeights(network),
    trainingMilliseconds,
  };
}

/** Number of steps i where `values[i + 1] >= values[i]` (a NaN counts as a rise). */
export function countRises(values: readonly number[]): number {
  let rises = 0;
  for (let index = 1; index < values.length; index++) if (!(values[index]! < values[index - 1]!)) rises++;
  return rises;
}

/** Throws a TrainingDivergedError naming the first parameter that holds a NaN or an infinity. */
function checkWeightsFinite(network: TwoLayerNetwork, iteration: number, iterations: number): void {
  for (const [name, parameter] of network.namedParameters()) {
    if (allFinite(parameter.value)) continue;
    const values = flatten(parameter.value).toArray() as number[];
    throw diverged(iteration, iterations, name, values.find((value) => !Number.isFinite(value))!);
  }
}

function diverged(iteration: number, iterations: number, quantity: string, value: number): TrainingDivergedError {
  return new TrainingDivergedError(iteration, iterations, quantity, Number.isNaN(value) ? 'NaN' : 'infinite');
}

function readWeights(network: TwoLayerNetwork): Weights {
  const weights: Weights = {};
  for (const [name, parameter] of network.namedParameters()) weights[name] = parameter.value.toArray() as number[][];
  return weights;
}
