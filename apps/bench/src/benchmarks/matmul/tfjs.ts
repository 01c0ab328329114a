import { tf, tfjsImplementation, type TfBackend } from '../../peers/tfjs';
import type { Implementation } from '../../harness/types';
import type { MatmulProblem } from './problem';

/** TF.js `tf.matMul` on float32 inputs created on the active backend; the run ends with the product read back. */
export function tfjsMatmul(backend: TfBackend, problem: MatmulProblem): Implementation {
  return tfjsImplementation(backend, () => {
    const a = tf.tensor2d(problem.a, [problem.n, problem.n]);
    const b = tf.tensor2d(problem.b, [problem.n, problem.n]);
    let product: ArrayLike<number> = [];
    return {
      run: () => {
        const c = tf.matMul(a, b);
        product = c.dataSync();
        c.dispose();
      },
      result: () => product,
      dispose: () => tf.dispose([a, b]),
    };
  });
}
