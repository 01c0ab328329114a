import { tf, tfjsImplementation, type TfBackend } from '../../peers/tfjs';
import type { Implementation } from '../../harness/types';
import { mlpResult, type MlpProblem } from './problem';

/** TF.js: variables, `tf.train.sgd`, `minimize` of `tf.losses.softmaxCrossEntropy` (mean over the batch). */
export function tfjsMlpStep(backend: TfBackend, problem: MlpProblem): Implementation {
  return tfjsImplementation(backend, () => {
    const { batch, inputSize, hiddenSize, classes, initial } = problem;
    const inputs = tf.tensor2d(problem.inputs, [batch, inputSize]);
    const onehot = tf.tidy(() => tf.oneHot(tf.tensor1d(problem.labels, 'int32'), classes).toFloat());
    const firstWeights = tf.variable(tf.tensor2d(initial.firstWeights, [inputSize, hiddenSize]));
    const firstBias = tf.variable(tf.tensor1d(initial.firstBias));
    const secondWeights = tf.variable(tf.tensor2d(initial.secondWeights, [hiddenSize, classes]));
    const secondBias = tf.variable(tf.tensor1d(initial.secondBias));
    const optimizer = tf.train.sgd(problem.learningRate);
    let loss = NaN;
    return {
      run: () => {
        const cost = optimizer.minimize(() => {
          const hidden = tf.relu(tf.add(tf.matMul(inputs, firstWeights), firstBias));
          const logits = tf.add(tf.matMul(hidden, secondWeights), secondBias);
          return tf.losses.softmaxCrossEntropy(onehot, logits);
        }, true)!;
        loss = cost.dataSync()[0]!;
        cost.dispose();
      },
      result: () =>
        mlpResult(loss, {
          firstWeights: firstWeights.dataSync() as Float32Array,
          firstBias: firstBias.dataSync() as Float32Array,
          secondWeights: secondWeights.dataSync() as Float32Array,
          secondBias: secondBias.dataSync() as Float32Array,
        }),
      dispose: () => {
        tf.dispose([inputs, onehot, firstWeights, firstBias, secondWeights, secondBias]);
        optimizer.dispose();
      },
    };
  });
}
