import { constant } from '@chainrule/autograd';
import { Dense, SGD, Sequential, crossEntropy } from '@chainrule/nn';
import { Rng, Tensor } from '@chainrule/tensor';
import { CHAINRULE_MLP } from '../benchmarks/mlp-step/index';
import { mlpResult, type MlpProblem } from '../benchmarks/mlp-step/problem';
import type { Implementation } from '../harness/types';
import { fixedWeights } from './reference-network';
import { flatValues } from './values';

/** The MLP step as a chainrule user writes it: Sequential(Dense with activation 'relu', Dense), `crossEntropy`, `SGD`. */
export function chainruleMlpStep(problem: MlpProblem): Implementation[] {
  const implementation: Implementation = {
    name: CHAINRULE_MLP,
    kind: 'chainrule',
    prepare: () => {
      const { batch, inputSize, hiddenSize, classes, initial } = problem;
      const rng = new Rng(1);
      const first = new Dense(inputSize, hiddenSize, {
        init: fixedWeights(initial.firstWeights),
        rng,
        activation: 'relu',
      });
      const second = new Dense(hiddenSize, classes, { init: fixedWeights(initial.secondWeights), rng });
      first.bias!.value = new Tensor(initial.firstBias.slice(), [hiddenSize]);
      second.bias!.value = new Tensor(initial.secondBias.slice(), [classes]);
      const model = new Sequential(first, second);
      const inputs = constant(new Tensor(problem.inputs.slice(), [batch, inputSize]));
      const labels = Array.from(problem.labels);
      const optimizer = new SGD(model.parameters(), { lr: problem.learningRate });
      let loss = NaN;
      return {
        run: () => {
          optimizer.zeroGrad();
          const objective = crossEntropy(model.forward(inputs), labels);
          objective.backward();
          optimizer.step();
          loss = objective.item();
        },
        result: () =>
          mlpResult(loss, {
            firstWeights: Float32Array.from(flatValues(first.weight.value)),
            firstBias: Float32Array.from(flatValues(first.bias!.value)),
            secondWeights: Float32Array.from(flatValues(second.weight.value)),
            secondBias: Float32Array.from(flatValues(second.bias!.value)),
          }),
      };
    },
  };
  return [implementation];
}
