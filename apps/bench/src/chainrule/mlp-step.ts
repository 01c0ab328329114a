import { constant } from '@chainrule/autograd';
import { Dense, SGD, Sequential, crossEntropy } from '@chainrule/nn';
import { Rng, Tensor } from '@chainrule/tensor';
import { CHAINRULE_MLP, CHAINRULE_MLP_COMPILED } from '../benchmarks/mlp-step/index';
import { mlpResult, type MlpProblem } from '../benchmarks/mlp-step/problem';
import type { Implementation } from '../harness/types';
import { compileOf, fixedWeights } from './reference-network';
import { flatValues } from './values';

/**
 * The MLP step as a chainrule user writes it: Sequential(Dense with activation 'relu', Dense), `crossEntropy`, `SGD`;
 * and the same step through `compile` (traced and warmed up while preparing, so the timed call is a replay).
 */
export function chainruleMlpStep(problem: MlpProblem): Implementation[] {
  const implementations = [mlpStep(CHAINRULE_MLP, problem, false)];
  if (compileOf() !== undefined) implementations.push(mlpStep(CHAINRULE_MLP_COMPILED, problem, true));
  return implementations;
}

function mlpStep(name: string, problem: MlpProblem, compiled: boolean): Implementation {
  return {
    name,
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
      const inputs = new Tensor(problem.inputs.slice(), [batch, inputSize]);
      const labels = Array.from(problem.labels);
      const optimizer = new SGD(model.parameters(), { lr: problem.learningRate });
      const iterate = (x: Tensor): Tensor => {
        optimizer.zeroGrad();
        const objective = crossEntropy(model.forward(constant(x)), labels);
        objective.backward();
        optimizer.step();
        return objective.value;
      };
      const step = compiled ? compileOf()!(iterate) : iterate;
      if (compiled) {
        // Trace (twice: the optimizer makes its own tensors at the first step) and replay once, then put the initial
        // values back into the parameters' own buffers, which the trace keeps using.
        for (let warmup = 0; warmup < 3; warmup++) step(inputs);
        const initialValues = [initial.firstWeights, initial.firstBias, initial.secondWeights, initial.secondBias];
        model.parameters().forEach((parameter, index) => parameter.value.data.set(initialValues[index]!));
      }
      let loss = NaN;
      return {
        run: () => {
          loss = step(inputs).item();
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
}
