import { Tensor, matmul } from '@chainrule/tensor';
import type { MatmulProblem } from '../benchmarks/matmul/problem';
import { CHAINRULE_MATMUL } from '../benchmarks/matmul/index';
import type { Implementation } from '../harness/types';
import { flatValues } from './values';

/** `matmul` of `@chainrule/tensor` on float32 tensors. */
export function chainruleMatmul(problem: MatmulProblem): Implementation {
  return {
    name: CHAINRULE_MATMUL,
    kind: 'chainrule',
    prepare: () => {
      const a = new Tensor(problem.a.slice(), [problem.n, problem.n]);
      const b = new Tensor(problem.b.slice(), [problem.n, problem.n]);
      let product: Tensor | undefined;
      return {
        run: () => {
          product = matmul(a, b);
        },
        result: () => flatValues(product!),
      };
    },
  };
}
