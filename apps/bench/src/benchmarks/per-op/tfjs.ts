import { tf, tfjsImplementation, type TfBackend } from '../../peers/tfjs';
import type { Implementation } from '../../harness/types';
import type { PerOpProblem } from './problem';

/** TF.js: `tf.add` per step, disposing each intermediate by hand (leaner than `tf.tidy` over the loop). */
export function tfjsPerOp(backend: TfBackend, problem: PerOpProblem): Implementation {
  return tfjsImplementation(backend, () => {
    const a = tf.tensor2d(problem.a, [...problem.shape]);
    const b = tf.tensor2d(problem.b, [...problem.shape]);
    let sum: tf.Tensor = a;
    return {
      run: () => {
        for (let step = 0; step < problem.count; step++) {
          const next = tf.add(sum, b);
          if (sum !== a) sum.dispose();
          sum = next;
        }
      },
      result: () => sum.dataSync(),
      dispose: () => tf.dispose(sum === a ? [a, b] : [a, b, sum]),
    };
  });
}
