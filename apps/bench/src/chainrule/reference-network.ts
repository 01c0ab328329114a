import * as A from '@chainrule/autograd';
import { constant, noGrad } from '@chainrule/autograd';
import { Dense, SGD, Sequential, Sigmoid, sse, type Initializer } from '@chainrule/nn';
import { Rng, Tensor } from '@chainrule/tensor';
import {
  CHAINRULE_REFERENCE,
  CHAINRULE_REFERENCE_COMPILED,
  CHAINRULE_REFERENCE_MODULES,
} from '../benchmarks/reference-network/index';
import type { ReferenceProblem } from '../benchmarks/reference-network/problem';
import type { Implementation } from '../harness/types';
import { flatValues } from './values';

/** An initializer returning fixed weights, so chainrule starts from the same numbers as every peer. */
export function fixedWeights(values: ArrayLike<number>): Initializer {
  return (shape, _rng, dtype) =>
    new Tensor(dtype === 'float64' ? Float64Array.from(values) : Float32Array.from(values), shape);
}

/**
 * The reference network as a chainrule user writes it, twice: with the activation inside each layer
 * (`Dense(..., { activation: 'sigmoid' })`: the targets apply to this one) and with separate `Sigmoid` modules. Both
 * run the same ops (a product and a sigmoid per layer), `sse` and `SGD({ lr: 1 })`; a third row compiles the first.
 */
export function chainruleReferenceNetwork(problem: ReferenceProblem): Implementation[] {
  const implementations = [
    referenceNetwork(CHAINRULE_REFERENCE, problem, true, false),
    referenceNetwork(CHAINRULE_REFERENCE_MODULES, problem, false, false),
  ];
  // A build without compile() (an older baseline) has no compiled row.
  if (compileOf() !== undefined)
    implementations.push(referenceNetwork(CHAINRULE_REFERENCE_COMPILED, problem, true, true));
  return implementations;
}

type Compile = <Args extends Tensor[], R>(fn: (...args: Args) => R) => (...args: Args) => R;

/** `compile` of the autograd build in use, read through the namespace so that builds without it still load. */
export function compileOf(): Compile | undefined {
  return (A as unknown as { compile?: Compile }).compile;
}

function referenceNetwork(name: string, problem: ReferenceProblem, fused: boolean, compiled: boolean): Implementation {
  return {
    name,
    kind: 'chainrule',
    prepare: () => {
      const { samples, inputSize, hiddenSize } = problem;
      const rng = new Rng(1);
      const dtype = 'float64';
      const activation = fused ? 'sigmoid' : 'linear';
      const hidden = new Dense(inputSize, hiddenSize, {
        bias: false,
        init: fixedWeights(problem.firstWeights),
        rng,
        dtype,
        activation,
      });
      const output = new Dense(hiddenSize, 1, {
        bias: false,
        init: fixedWeights(problem.secondWeights),
        rng,
        dtype,
        activation,
      });
      const model = fused
        ? new Sequential(hidden, output)
        : new Sequential(hidden, new Sigmoid(), output, new Sigmoid());
      const inputs = constant(new Tensor(Float64Array.from(problem.inputs), [samples, inputSize]));
      const targets = constant(new Tensor(Float64Array.from(problem.targets), [samples, 1]));
      const optimizer = new SGD(model.parameters(), { lr: problem.learningRate });
      const iterate = (x: Tensor, y: Tensor): Tensor => {
        optimizer.zeroGrad();
        const loss = sse(model.forward(constant(x)), constant(y));
        loss.backward();
        optimizer.step();
        return loss.value;
      };
      const step = compiled ? compileOf()!(iterate) : iterate;
      return {
        run: () => {
          for (let iteration = 0; iteration < problem.iterations; iteration++) step(inputs.value, targets.value);
        },
        result: () => flatValues(noGrad(() => model.forward(inputs)).value),
      };
    },
  };
}
