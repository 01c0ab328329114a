import { constant, noGrad } from '@chainrule/autograd';
import { Dense, SGD, Sequential, Sigmoid, sse, type Initializer } from '@chainrule/nn';
import { Rng, Tensor } from '@chainrule/tensor';
import type { ReferenceProblem } from '../benchmarks/reference-network/problem';
import type { Implementation } from '../harness/types';
import { flatValues } from './values';

/** An initializer returning fixed weights, so chainrule starts from the same numbers as every peer. */
export function fixedWeights(values: ArrayLike<number>): Initializer {
  return (shape, _rng, dtype) =>
    new Tensor(dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values), shape);
}

/** The reference network as a chainrule user writes it: Sequential of Dense and Sigmoid, `sse`, `SGD({ lr: 1 })`. */
export function chainruleReferenceNetwork(problem: ReferenceProblem): Implementation {
  return {
    name: 'chainrule',
    kind: 'chainrule',
    prepare: () => {
      const { samples, inputSize, hiddenSize } = problem;
      const rng = new Rng(1);
      const dtype = 'float64';
      const model = new Sequential(
        new Dense(inputSize, hiddenSize, { bias: false, init: fixedWeights(problem.firstWeights), rng, dtype }),
        new Sigmoid(),
        new Dense(hiddenSize, 1, { bias: false, init: fixedWeights(problem.secondWeights), rng, dtype }),
        new Sigmoid(),
      );
      const inputs = constant(new Tensor(Float64Array.from(problem.inputs), [samples, inputSize]));
      const targets = constant(new Tensor(Float64Array.from(problem.targets), [samples, 1]));
      const optimizer = new SGD(model.parameters(), { lr: problem.learningRate });
      return {
        run: () => {
          for (let iteration = 0; iteration < problem.iterations; iteration++) {
            optimizer.zeroGrad();
            sse(model.forward(inputs), targets).backward();
            optimizer.step();
          }
        },
        result: () => flatValues(noGrad(() => model.forward(inputs)).value),
      };
    },
  };
}
