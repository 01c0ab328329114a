import { compile, constant, noGrad, type Var } from '@chainrule/autograd';
import { SGD, sse } from '@chainrule/nn';
import { Rng, type Tensor, allFinite, flatten } from '@chainrule/tensor';
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
  /**
   * `losses[k]` is the loss after k iterations (k updates), for k = 0..iterations: `losses[0]` is the loss of the
   * initial weights, the last is `finalLoss`.
   */
  losses: number[];
  /** The final loss: the loss after the last iteration's update, the loss of `predictions` (= `losses.at(-1)`). */
  finalLoss: number;
  /** How many iterations did not lower the loss (`losses[k] >= losses[k − 1]`); 0: it fell at every iteration. */
  lossRises: number;
  predictions: Prediction[];
  initialWeights: Weights;
  finalWeights: Weights;
  /** Wall time of the training loop, without the time spent in `onIteration`. */
  trainingMilliseconds: number;
}

/**
 * Optional observer of training, called once per iteration k = 1..iterations, in order, with the loss after k
 * iterations (`losses[k]`), as soon as it is known: the last call carries the final loss.
 */
export interface TrainHooks {
  onIteration?: (iteration: number, loss: number) => void;
}

/** How a run executes, without changing its numbers. */
export interface TrainExecution {
  /** Run each iteration as a compiled step (traced once, then replayed into the same buffers). Default false. */
  compile?: boolean;
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
export function train(options: TrainOptions, hooks: TrainHooks = {}, execution: TrainExecution = {}): TrainResult {
  const { network, inputs, targets } = createProblem(options);
  const initialWeights = readWeights(network);
  const optimizer = new SGD(network.parameters(), { lr: options.learningRate });
  const iterations = options.iterations;
  const losses: number[] = new Array<number>(iterations + 1);

  let hookMilliseconds = 0;
  const report = (iteration: number): void => {
    if (!hooks.onIteration) return;
    const hookStart = performance.now();
    hooks.onIteration(iteration, losses[iteration]!);
    hookMilliseconds += performance.now() - hookStart;
  };
  // One iteration: the loss of the current weights, its gradient, one SGD step; returns that loss.
  const iterate = (x: Tensor, y: Tensor): Tensor => {
    optimizer.zeroGrad();
    const loss = sse(network.forward(constant(x)), constant(y));
    loss.backward();
    optimizer.step();
    return loss.value;
  };
  const step = execution.compile === true ? compile(iterate) : iterate;
  const start = performance.now();
  for (let iteration = 0; iteration < iterations; iteration++) {
    const loss = step(inputs.value, targets.value);
    losses[iteration] = loss.item(); // the loss after `iteration` updates, before this one
    if (!allFinite(loss)) throw diverged(iteration, iterations, 'the loss', losses[iteration]!);
    if (iteration > 0) report(iteration);
    checkWeightsFinite(network, iteration + 1, iterations);
  }
  const output = noGrad(() => network.forward(inputs));
  losses[iterations] = noGrad(() => sse(output, targets)).item();
  if (!Number.isFinite(losses[iterations])) throw diverged(iterations, iterations, 'the loss', losses[iterations]!);
  report(iterations);
  const trainingMilliseconds = performance.now() - start - hookMilliseconds;

  const outputs = (output.toArray() as number[][]).map((row) => row[0]!);
  return {
    options: { ...options },
    losses,
    finalLoss: losses[iterations]!,
    lossRises: countRises(losses),
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
