// A namespace import: the baseline build (pnpm bench:baseline) bundles this file against a tensor that may lack
// setBackend; it never calls the matmul implementations, only the reference network, per-op and MLP ones.
import * as T from '@chainrule/tensor';
import type { MatmulProblem } from '../benchmarks/matmul/problem';
import { CHAINRULE_MATMUL, CHAINRULE_MATMUL_JS, type MatmulVariant } from '../benchmarks/matmul/index';
import { CROSSOVER_JS, CROSSOVER_WASM, type CrossoverProblem } from '../benchmarks/matmul-crossover/index';
import type { Implementation } from '../harness/types';
import { flatValues } from './values';

/**
 * `matmul` of `@chainrule/tensor` as a user calls it (`backend: 'auto'`: WebAssembly at these sizes), or with
 * `setBackend('js')` around the call: the JS kernels the WebAssembly ones replace, measured in the same run.
 */
export function chainruleMatmul(problem: MatmulProblem, variant: MatmulVariant = {}): Implementation {
  const backend: T.Backend = variant.backend ?? 'auto';
  const float64 = variant.dtype === 'float64';
  return {
    name: backend === 'js' ? CHAINRULE_MATMUL_JS : CHAINRULE_MATMUL,
    kind: 'chainrule',
    prepare: () => {
      const toTensor = (values: Float32Array) =>
        new T.Tensor(float64 ? Float64Array.from(values) : values.slice(), [problem.n, problem.n]);
      const a = toTensor(problem.a);
      const b = toTensor(problem.b);
      let product: T.Tensor | undefined;
      return {
        run: () => {
          T.setBackend(backend);
          try {
            product = T.matmul(a, b);
          } finally {
            T.setBackend('auto');
          }
        },
        result: () => flatValues(product!),
      };
    },
  };
}

/** `matmul` on one crossover shape with a kernel forced, `problem.repeats` products per run. */
export function chainruleCrossover(problem: CrossoverProblem, backend: 'js' | 'wasm'): Implementation {
  return {
    name: backend === 'js' ? CROSSOVER_JS : CROSSOVER_WASM,
    kind: 'chainrule',
    prepare: () => {
      const dtype = problem.dtype;
      const a = new T.Tensor(dtype === 'float64' ? problem.a.slice() : Float32Array.from(problem.a), [
        problem.m,
        problem.k,
      ]);
      const b = new T.Tensor(dtype === 'float64' ? problem.b.slice() : Float32Array.from(problem.b), [
        problem.k,
        problem.n,
      ]);
      let product: T.Tensor | undefined;
      return {
        run: () => {
          T.setBackend(backend);
          try {
            for (let repeat = 0; repeat < problem.repeats; repeat++) product = T.matmul(a, b);
          } finally {
            T.setBackend('auto');
          }
        },
        result: () => flatValues(product!),
      };
    },
  };
}
