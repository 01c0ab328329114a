import type { Implementation } from '../../harness/types';
import { jax, jaxImplementation } from '../../peers/jax';
import type { ReferenceProblem } from './problem';

const { jit, nn, numpy: np, valueAndGrad } = jax;

type Weights = { first: jax.Array; second: jax.Array };

/** Eager jax-js spends ~15 ms per step here (expression hashing and simplification per op): ~20 s per run. */
const EAGER_ROUNDS = { warmupRuns: 0, maxRounds: 3 };

/**
 * The reference network in jax-js on its wasm device (float64): the loss of a weight pair, `valueAndGrad`, and
 * `w − lr·g` per step; eagerly (3 rounds, its check run as warm-up), or each step inside `jit`.
 */
export function jaxReferenceNetwork(problem: ReferenceProblem, compiled: boolean): Implementation {
  return jaxImplementation(
    compiled ? 'jax-js wasm, jit' : 'jax-js wasm',
    build(problem, compiled),
    compiled ? undefined : EAGER_ROUNDS,
  );
}

function build(problem: ReferenceProblem, compiled: boolean) {
  return () => {
    const { samples, inputSize, hiddenSize, learningRate } = problem;
    const float64 = (values: Float64Array, shape: number[]) => np.array(values.slice()).reshape(shape);
    const inputs = float64(problem.inputs, [samples, inputSize]);
    const targets = float64(problem.targets, [samples, 1]);
    const predict = (w: Weights, x: jax.Array) => nn.sigmoid(np.matmul(nn.sigmoid(np.matmul(x, w.first)), w.second));
    const loss = (w: Weights, x: jax.Array, y: jax.Array) => np.square(y.sub(predict(w, x))).sum();
    const lossAndGradient = valueAndGrad(loss);
    const step = (w: Weights, x: jax.Array, y: jax.Array): Weights => {
      const [value, gradients] = lossAndGradient({ first: w.first.ref, second: w.second.ref }, x, y);
      value.dispose();
      return {
        first: w.first.sub(gradients.first.mul(learningRate)),
        second: w.second.sub(gradients.second.mul(learningRate)),
      };
    };
    const run = compiled ? jit(step) : step;
    let weights: Weights = { first: np.zeros([1]), second: np.zeros([1]) };
    return {
      run: () => {
        weights.first.dispose();
        weights.second.dispose();
        weights = {
          first: float64(problem.firstWeights, [inputSize, hiddenSize]),
          second: float64(problem.secondWeights, [hiddenSize, 1]),
        };
        for (let iteration = 0; iteration < problem.iterations; iteration++) {
          weights = run(weights, inputs.ref, targets.ref);
          // jax-js dispatches lazily: without reading the weights, each step would extend one growing expression.
          weights.first.ref.dataSync();
          weights.second.ref.dataSync();
        }
      },
      result: () => predict({ first: weights.first.ref, second: weights.second.ref }, inputs.ref).dataSync(),
      dispose: () => {
        weights.first.dispose();
        weights.second.dispose();
        inputs.dispose();
        targets.dispose();
        if (compiled) (run as jax.OwnedFunction<typeof step>).dispose();
      },
    };
  };
}
