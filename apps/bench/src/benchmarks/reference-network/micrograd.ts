import { Value } from '../../peers/micrograd';
import type { ReferenceProblem } from './problem';

/** The reference network on micrograd-style scalars: one `Value` per weight, a fresh graph per step. */
export function trainMicrograd(problem: ReferenceProblem): Float64Array {
  const { samples, inputSize, hiddenSize, inputs, targets, iterations, learningRate } = problem;
  const first = Array.from(problem.firstWeights, (weight) => new Value(weight));
  const second = Array.from(problem.secondWeights, (weight) => new Value(weight));
  const parameters = [...first, ...second];
  const predict = (sample: number): Value => {
    let output: Value | undefined;
    for (let unit = 0; unit < hiddenSize; unit++) {
      let sum: Value | undefined;
      for (let input = 0; input < inputSize; input++) {
        const term = first[input * hiddenSize + unit]!.mul(inputs[sample * inputSize + input]!);
        sum = sum ? sum.add(term) : term;
      }
      const term = sum!.sigmoid().mul(second[unit]!);
      output = output ? output.add(term) : term;
    }
    return output!.sigmoid();
  };
  for (let iteration = 0; iteration < iterations; iteration++) {
    let loss: Value | undefined;
    for (let sample = 0; sample < samples; sample++) {
      const squaredError = new Value(targets[sample]!).sub(predict(sample)).pow(2);
      loss = loss ? loss.add(squaredError) : squaredError;
    }
    for (const parameter of parameters) parameter.grad = 0;
    loss!.backward();
    for (const parameter of parameters) parameter.data -= learningRate * parameter.grad;
  }
  return Float64Array.from({ length: samples }, (_, sample) => predict(sample).data);
}
