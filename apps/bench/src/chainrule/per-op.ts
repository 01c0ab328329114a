import { add as recordedAdd, constant, variable, type Var } from '@chainrule/autograd';
import { Tensor, add } from '@chainrule/tensor';
import type { PerOpProblem } from '../benchmarks/per-op/problem';
import { CHAINRULE_RECORDED_OP, CHAINRULE_TENSOR_OP } from '../benchmarks/per-op/index';
import type { Implementation } from '../harness/types';
import { flatValues } from './values';

/** chainrule's two per-op costs: a bare `@chainrule/tensor` add, and an autograd add recorded on the graph. */
export function chainrulePerOp(problem: PerOpProblem): Implementation[] {
  const tensorOp: Implementation = {
    name: CHAINRULE_TENSOR_OP,
    kind: 'chainrule',
    prepare: () => {
      const b = new Tensor(problem.b.slice(), problem.shape);
      let sum = new Tensor(problem.a.slice(), problem.shape);
      return {
        run: () => {
          for (let step = 0; step < problem.count; step++) sum = add(sum, b);
        },
        result: () => flatValues(sum),
      };
    },
  };
  const recordedOp: Implementation = {
    name: CHAINRULE_RECORDED_OP,
    kind: 'chainrule',
    prepare: () => {
      const b = constant(new Tensor(problem.b.slice(), problem.shape));
      let sum: Var = variable(new Tensor(problem.a.slice(), problem.shape));
      return {
        run: () => {
          for (let step = 0; step < problem.count; step++) sum = recordedAdd(sum, b);
        },
        result: () => flatValues(sum.value),
      };
    },
  };
  return [tensorOp, recordedOp];
}
