import { compareWithin } from '../../harness/compare';
import type { CheckOutcome } from '../../harness/types';
import { labelArray, uniformArray } from '../../random';

/**
 * One SGD step of an MLP `inputSize → hiddenSize (ReLU) → classes` with biases, softmax cross-entropy
 * averaged over the batch, float32. Inputs are uniform in [0, 1) (like MNIST pixels), labels seeded;
 * weights and biases start uniform in ±1/√fanIn (PyTorch's Linear default). Matrices row-major,
 * weights stored as in×out.
 */
export interface MlpProblem {
  batch: number;
  inputSize: number;
  hiddenSize: number;
  classes: number;
  learningRate: number;
  inputs: Float32Array;
  labels: Int32Array;
  initial: MlpParameters;
}

/** The four trainable arrays. */
export interface MlpParameters {
  firstWeights: Float32Array;
  firstBias: Float32Array;
  secondWeights: Float32Array;
  secondBias: Float32Array;
}

/** The configuration: 784-256-10, batch 128, learning rate 0.1. */
export function mlpProblem(batch = 128, inputSize = 784, hiddenSize = 256, classes = 10): MlpProblem {
  const firstBound = 1 / Math.sqrt(inputSize);
  const secondBound = 1 / Math.sqrt(hiddenSize);
  return {
    batch,
    inputSize,
    hiddenSize,
    classes,
    learningRate: 0.1,
    inputs: Float32Array.from(uniformArray(21, batch * inputSize)),
    labels: labelArray(22, batch, classes),
    initial: {
      firstWeights: Float32Array.from(uniformArray(23, inputSize * hiddenSize, -firstBound, firstBound)),
      firstBias: Float32Array.from(uniformArray(24, hiddenSize, -firstBound, firstBound)),
      secondWeights: Float32Array.from(uniformArray(25, hiddenSize * classes, -secondBound, secondBound)),
      secondBias: Float32Array.from(uniformArray(26, classes, -secondBound, secondBound)),
    },
  };
}

/** Copies of the initial parameters (each run starts from them). */
export function copyParameters(parameters: MlpParameters): MlpParameters {
  return {
    firstWeights: parameters.firstWeights.slice(),
    firstBias: parameters.firstBias.slice(),
    secondWeights: parameters.secondWeights.slice(),
    secondBias: parameters.secondBias.slice(),
  };
}

/** What a run is checked on: the step's loss followed by every parameter after the update. */
export function mlpResult(loss: number, parameters: MlpParameters): Float64Array {
  const { firstWeights, firstBias, secondWeights, secondBias } = parameters;
  const result = new Float64Array(
    1 + firstWeights.length + firstBias.length + secondWeights.length + secondBias.length,
  );
  result[0] = loss;
  let offset = 1;
  for (const array of [firstWeights, firstBias, secondWeights, secondBias]) {
    result.set(array, offset);
    offset += array.length;
  }
  return result;
}

/** Loss tolerance (float32, loss ≈ 2.3). */
export const LOSS_TOLERANCE = 1e-4;
/** Parameter tolerance: float32 rounding is ~1e-8 here, while an update is ~1e-4; a wrong gradient shows. */
export const PARAMETER_TOLERANCE = 1e-6;

/** Compares the loss and the updated parameters with the reference result. */
export function compareMlpResults(result: ArrayLike<number>, reference: Float64Array): CheckOutcome {
  if (result.length !== reference.length)
    return { ok: false, detail: `${result.length} numbers, expected ${reference.length}` };
  const loss = compareWithin([result[0]!], [reference[0]!], LOSS_TOLERANCE);
  const parameters = compareWithin(
    Array.prototype.slice.call(result, 1) as number[],
    reference.subarray(1),
    PARAMETER_TOLERANCE,
  );
  return { ok: loss.ok && parameters.ok, detail: `loss ${loss.detail}; parameters ${parameters.detail}` };
}
