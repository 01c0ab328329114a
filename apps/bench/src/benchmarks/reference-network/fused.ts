import type { ReferenceProblem } from './problem';

/**
 * The reference network trained by hand-written, fused loops on Float64Arrays: forward, the
 * hand-derived backward of Σ(y − ŷ)² through both sigmoids, and the update, with no allocation per step.
 * Returns the trained weights' predictions (one per sample).
 */
export function trainFused(problem: ReferenceProblem): Float64Array {
  const { samples, inputSize, hiddenSize, inputs, targets, iterations, learningRate } = problem;
  const first = Float64Array.from(problem.firstWeights);
  const second = Float64Array.from(problem.secondWeights);
  const hidden = new Float64Array(samples * hiddenSize);
  const outputDelta = new Float64Array(samples);
  const predictions = new Float64Array(samples);
  for (let iteration = 0; iteration < iterations; iteration++) {
    forward(problem, first, second, hidden, predictions);
    for (let sample = 0; sample < samples; sample++) {
      const prediction = predictions[sample]!;
      // ∂L/∂z₂ = −2 (y − ŷ) · ŷ (1 − ŷ); the update below subtracts lr times it
      outputDelta[sample] = -2 * (targets[sample]! - prediction) * prediction * (1 - prediction);
    }
    for (let unit = 0; unit < hiddenSize; unit++) {
      let secondGradient = 0;
      for (let sample = 0; sample < samples; sample++)
        secondGradient += hidden[sample * hiddenSize + unit]! * outputDelta[sample]!;
      for (let input = 0; input < inputSize; input++) {
        let firstGradient = 0;
        for (let sample = 0; sample < samples; sample++) {
          const activation = hidden[sample * hiddenSize + unit]!;
          // ∂L/∂z₁ = ∂L/∂z₂ · w₂ · h (1 − h)
          const hiddenDelta = outputDelta[sample]! * second[unit]! * activation * (1 - activation);
          firstGradient += inputs[sample * inputSize + input]! * hiddenDelta;
        }
        first[input * hiddenSize + unit]! -= learningRate * firstGradient;
      }
      second[unit]! -= learningRate * secondGradient;
    }
  }
  forward(problem, first, second, hidden, predictions);
  return predictions;
}

function forward(
  problem: ReferenceProblem,
  first: Float64Array,
  second: Float64Array,
  hidden: Float64Array,
  predictions: Float64Array,
): void {
  const { samples, inputSize, hiddenSize, inputs } = problem;
  for (let sample = 0; sample < samples; sample++) {
    let output = 0;
    for (let unit = 0; unit < hiddenSize; unit++) {
      let sum = 0;
      for (let input = 0; input < inputSize; input++)
        sum += inputs[sample * inputSize + input]! * first[input * hiddenSize + unit]!;
      const activation = 1 / (1 + Math.exp(-sum));
      hidden[sample * hiddenSize + unit] = activation;
      output += activation * second[unit]!;
    }
    predictions[sample] = 1 / (1 + Math.exp(-output));
  }
}
