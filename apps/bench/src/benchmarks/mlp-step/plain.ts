import type { Implementation } from '../../harness/types';
import { copyParameters, mlpResult, type MlpParameters, type MlpProblem } from './problem';

/**
 * One SGD step written out by hand on Float32Arrays, every product as an i-k-j loop (the cache-friendly
 * loop order for row-major data); returns the loss and updates `parameters` in place.
 */
export function mlpStepPlain(problem: MlpProblem, parameters: MlpParameters): number {
  const { batch, inputSize: d, hiddenSize: h, classes: c, inputs, labels, learningRate } = problem;
  const { firstWeights, firstBias, secondWeights, secondBias } = parameters;
  const hidden = new Float32Array(batch * h);
  const logits = new Float32Array(batch * c);
  for (let n = 0; n < batch; n++) {
    hidden.set(firstBias, n * h);
    for (let i = 0; i < d; i++) {
      const x = inputs[n * d + i]!;
      for (let j = 0; j < h; j++) hidden[n * h + j]! += x * firstWeights[i * h + j]!;
    }
    for (let j = 0; j < h; j++) if (hidden[n * h + j]! < 0) hidden[n * h + j] = 0;
    logits.set(secondBias, n * c);
    for (let j = 0; j < h; j++) {
      const activation = hidden[n * h + j]!;
      for (let k = 0; k < c; k++) logits[n * c + k]! += activation * secondWeights[j * c + k]!;
    }
  }
  // softmax cross-entropy, mean over the batch: ∂L/∂logits = (softmax − onehot) / batch
  let loss = 0;
  const logitsGradient = new Float32Array(batch * c);
  for (let n = 0; n < batch; n++) {
    let largest = -Infinity;
    for (let k = 0; k < c; k++) largest = Math.max(largest, logits[n * c + k]!);
    let total = 0;
    for (let k = 0; k < c; k++) total += Math.exp(logits[n * c + k]! - largest);
    const logSumExp = largest + Math.log(total);
    loss += logSumExp - logits[n * c + labels[n]!]!;
    for (let k = 0; k < c; k++) {
      logitsGradient[n * c + k] = (Math.exp(logits[n * c + k]! - logSumExp) - (k === labels[n] ? 1 : 0)) / batch;
    }
  }
  // ∂L/∂W₂ = hᵀ·g, ∂L/∂b₂ = Σₙ g, ∂L/∂h = g·W₂ᵀ masked by ReLU (h > 0)
  const secondWeightsGradient = new Float32Array(h * c);
  const secondBiasGradient = new Float32Array(c);
  const hiddenGradient = new Float32Array(batch * h);
  for (let n = 0; n < batch; n++) {
    for (let j = 0; j < h; j++) {
      const activation = hidden[n * h + j]!;
      let sum = 0;
      for (let k = 0; k < c; k++) {
        const g = logitsGradient[n * c + k]!;
        secondWeightsGradient[j * c + k]! += activation * g;
        sum += g * secondWeights[j * c + k]!;
      }
      hiddenGradient[n * h + j] = activation > 0 ? sum : 0;
    }
    for (let k = 0; k < c; k++) secondBiasGradient[k]! += logitsGradient[n * c + k]!;
  }
  // ∂L/∂W₁ = xᵀ·∂L/∂z₁, ∂L/∂b₁ = Σₙ ∂L/∂z₁
  const firstWeightsGradient = new Float32Array(d * h);
  const firstBiasGradient = new Float32Array(h);
  for (let n = 0; n < batch; n++) {
    for (let i = 0; i < d; i++) {
      const x = inputs[n * d + i]!;
      for (let j = 0; j < h; j++) firstWeightsGradient[i * h + j]! += x * hiddenGradient[n * h + j]!;
    }
    for (let j = 0; j < h; j++) firstBiasGradient[j]! += hiddenGradient[n * h + j]!;
  }
  const update = (parameter: Float32Array, gradient: Float32Array) => {
    for (let index = 0; index < parameter.length; index++) parameter[index]! -= learningRate * gradient[index]!;
  };
  update(firstWeights, firstWeightsGradient);
  update(firstBias, firstBiasGradient);
  update(secondWeights, secondWeightsGradient);
  update(secondBias, secondBiasGradient);
  return loss / batch;
}

/** Plain-JS baseline: the hand-written step above. */
export function plainMlpStep(problem: MlpProblem): Implementation {
  return {
    name: 'plain JS i-k-j',
    kind: 'baseline',
    prepare: () => {
      const parameters = copyParameters(problem.initial);
      let loss = NaN;
      return {
        run: () => {
          loss = mlpStepPlain(problem, parameters);
        },
        result: () => mlpResult(loss, parameters),
      };
    },
  };
}
