import type { Implementation } from '../../harness/types';
import { jax, jaxImplementation } from '../../peers/jax';
import type { MatmulProblem } from './problem';

const { jit, numpy: np } = jax;

/**
 * jax-js `np.matmul` on its wasm device, eagerly or through `jit`; the operands live on the device (built untimed),
 * the run ends with the product read back (`dataSync`, which also frees it).
 */
export function jaxMatmul(
  problem: MatmulProblem,
  compiled: boolean,
  dtype: 'float32' | 'float64' = 'float32',
): Implementation {
  return jaxImplementation(compiled ? 'jax-js wasm, jit' : 'jax-js wasm', () => {
    const { n } = problem;
    const toDevice = (values: Float32Array) =>
      np.array(dtype === 'float64' ? Float64Array.from(values) : values.slice()).reshape([n, n]);
    const a = toDevice(problem.a);
    const b = toDevice(problem.b);
    const multiply = compiled ? jit((x: jax.Array, y: jax.Array) => np.matmul(x, y)) : undefined;
    let product: ArrayLike<number> = [];
    return {
      run: () => {
        const c = multiply ? multiply(a.ref, b.ref) : np.matmul(a.ref, b.ref);
        product = c.dataSync();
      },
      result: () => product,
      dispose: () => {
        a.dispose();
        b.dispose();
        multiply?.dispose();
      },
    };
  });
}
