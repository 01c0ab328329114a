import type { BenchCase, Implementation } from '../../harness/types';
import { ratioTarget } from '../targets';
import { jaxMlpStep } from './jax';
import { mlpStepPlain, plainMlpStep } from './plain';
import { compareMlpResults, copyParameters, mlpProblem, mlpResult, type MlpProblem } from './problem';
import { tfjsMlpStep } from './tfjs';

/** Name of the chainrule implementation the target applies to. */
export const CHAINRULE_MLP = 'chainrule';
/** Name of the chainrule implementation whose step is `compile`d (the timed call is a replay). */
export const CHAINRULE_MLP_COMPILED = 'chainrule, compiled';

/** Builds the chainrule implementation of a problem (supplied by the chainrule suite once built). */
export type MlpImplementation = (problem: MlpProblem) => Implementation[];

/** One SGD step (forward, backward, update) of a 784-256-10 MLP on a batch of 128; checked on loss and parameters. */
export function mlpStepCase(problem: MlpProblem = mlpProblem(), chainrule?: MlpImplementation): BenchCase {
  let reference: Float64Array | undefined;
  const { batch, inputSize, hiddenSize, classes } = problem;
  return {
    benchmark: 'mlp-step',
    id: 'mlp-step',
    title: `MLP ${inputSize}-${hiddenSize}-${classes}, batch ${batch}: one SGD step`,
    description:
      `Dense(${inputSize}→${hiddenSize}) → ReLU → Dense(${hiddenSize}→${classes}), softmax cross-entropy (batch mean), ` +
      `forward + backward + SGD update (lr ${problem.learningRate}), float32; time per step. ` +
      'jax-js: `valueAndGrad` of the loss and the update leaf by leaf, eagerly or the whole step inside `jit`; the ' +
      'updated parameters are read back each step (jax-js dispatches lazily).',
    metric: { unit: 'ms', fromMilliseconds: (milliseconds) => milliseconds, digits: 1 },
    implementations: [
      ...(chainrule ? chainrule(problem) : []),
      plainMlpStep(problem),
      tfjsMlpStep('cpu', problem),
      tfjsMlpStep('wasm', problem),
      jaxMlpStep(problem, false),
      jaxMlpStep(problem, true),
    ],
    check: (result) => {
      if (!reference) {
        const parameters = copyParameters(problem.initial);
        reference = mlpResult(mlpStepPlain(problem, parameters), parameters);
      }
      return compareMlpResults(result, reference);
    },
    targets: chainrule
      ? [
          ratioTarget(CHAINRULE_MLP, 'TF.js wasm', 0.5, "TF.js wasm's time"),
          ratioTarget(CHAINRULE_MLP_COMPILED, CHAINRULE_MLP, 0.9, 'eager chainrule'),
        ]
      : [],
    budgetMilliseconds: 6000,
    warmupRuns: 3,
  };
}
