import type { Implementation } from '../../harness/types';
import { jax, jaxImplementation } from '../../peers/jax';
import { mlpResult, type MlpProblem } from './problem';

const { jit, nn, numpy: np, tree, valueAndGrad } = jax;

type Parameters = { firstWeights: jax.Array; firstBias: jax.Array; secondWeights: jax.Array; secondBias: jax.Array };

/**
 * jax-js on its wasm device, as its README writes a training step: a loss of a parameter tree, `valueAndGrad`, and
 * the SGD update `p − lr·g` leaf by leaf; eagerly, or the whole step inside `jit`. Arrays follow jax-js's ownership
 * rules (an argument is consumed; `.ref` keeps one).
 */
export function jaxMlpStep(problem: MlpProblem, compiled: boolean): Implementation {
  return jaxImplementation(compiled ? 'jax-js wasm, jit' : 'jax-js wasm', () => {
    const { batch, inputSize, hiddenSize, classes, initial, learningRate } = problem;
    const inputs = np.array(problem.inputs.slice()).reshape([batch, inputSize]);
    const onehot = nn.oneHot(np.array(Array.from(problem.labels), { dtype: np.int32 }), classes);
    const loss = (p: Parameters, x: jax.Array, y: jax.Array): jax.Array => {
      const hidden = nn.relu(np.matmul(x, p.firstWeights).add(p.firstBias));
      const logits = np.matmul(hidden, p.secondWeights).add(p.secondBias);
      return nn
        .logSoftmax(logits)
        .mul(y)
        .sum()
        .mul(-1 / batch);
    };
    const step = (p: Parameters, x: jax.Array, y: jax.Array): [jax.Array, Parameters] => {
      const [value, gradients] = valueAndGrad(loss)(tree.ref(p), x, y);
      const update = (parameter: jax.Array, gradient: jax.Array) => parameter.sub(gradient.mul(learningRate));
      return [
        value,
        {
          firstWeights: update(p.firstWeights, gradients.firstWeights),
          firstBias: update(p.firstBias, gradients.firstBias),
          secondWeights: update(p.secondWeights, gradients.secondWeights),
          secondBias: update(p.secondBias, gradients.secondBias),
        },
      ];
    };
    const run = compiled ? jit(step) : step;
    let parameters: Parameters = {
      firstWeights: np.array(initial.firstWeights.slice()).reshape([inputSize, hiddenSize]),
      firstBias: np.array(initial.firstBias.slice()),
      secondWeights: np.array(initial.secondWeights.slice()).reshape([hiddenSize, classes]),
      secondBias: np.array(initial.secondBias.slice()),
    };
    let lossValue = Number.NaN;
    return {
      run: () => {
        const [value, updated] = run(parameters, inputs.ref, onehot.ref);
        parameters = updated;
        lossValue = value.dataSync()[0]!;
        // Wait for the update too: jax-js dispatches lazily, and the step is not done until the parameters are.
        for (const leaf of tree.leaves(tree.ref(parameters))) leaf.dataSync();
      },
      result: () =>
        mlpResult(lossValue, {
          firstWeights: parameters.firstWeights.ref.dataSync() as Float32Array,
          firstBias: parameters.firstBias.ref.dataSync() as Float32Array,
          secondWeights: parameters.secondWeights.ref.dataSync() as Float32Array,
          secondBias: parameters.secondBias.ref.dataSync() as Float32Array,
        }),
      dispose: () => {
        tree.dispose(parameters);
        inputs.dispose();
        onehot.dispose();
        if (compiled) (run as jax.OwnedFunction<typeof step>).dispose();
      },
    };
  });
}
