import { tf, tfjsImplementation, type TfBackend } from '../../peers/tfjs';
import type { Implementation } from '../../harness/types';
import type { ReferenceProblem } from './problem';

/** The reference network in idiomatic TF.js (float32): variables, `tf.train.sgd(1)`, `minimize` per step. */
export function tfjsReferenceNetwork(backend: TfBackend, problem: ReferenceProblem): Implementation {
  return tfjsImplementation(backend, () => {
    const { samples, inputSize, hiddenSize } = problem;
    const inputs = tf.tensor2d(Float32Array.from(problem.inputs), [samples, inputSize]);
    const targets = tf.tensor2d(Float32Array.from(problem.targets), [samples, 1]);
    const first = tf.variable(tf.tensor2d(Float32Array.from(problem.firstWeights), [inputSize, hiddenSize]));
    const second = tf.variable(tf.tensor2d(Float32Array.from(problem.secondWeights), [hiddenSize, 1]));
    const optimizer = tf.train.sgd(problem.learningRate);
    const predict = () => tf.sigmoid(tf.matMul(tf.sigmoid(tf.matMul(inputs, first)), second));
    return {
      run: () => {
        for (let iteration = 0; iteration < problem.iterations; iteration++) {
          optimizer.minimize(() => tf.sum(tf.square(tf.sub(targets, predict()))));
        }
      },
      result: () => {
        const predictions = tf.tidy(predict);
        const values = predictions.dataSync();
        predictions.dispose();
        return values;
      },
      dispose: () => {
        tf.dispose([inputs, targets, first, second]);
        optimizer.dispose();
      },
    };
  });
}
