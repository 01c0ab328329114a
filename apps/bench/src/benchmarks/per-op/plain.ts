import type { Implementation } from '../../harness/types';
import type { PerOpProblem } from './problem';

/** The cheapest possible "op" in JS: allocate the output, one loop. The floor any library pays per op. */
function addArrays(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let index = 0; index < a.length; index++) out[index] = a[index]! + b[index]!;
  return out;
}

/** Plain-JS baseline: `count` calls of an allocating 16-element add. */
export function plainPerOp(problem: PerOpProblem): Implementation {
  return {
    name: 'plain JS',
    kind: 'baseline',
    prepare: () => {
      let sum = problem.a;
      return {
        run: () => {
          for (let step = 0; step < problem.count; step++) sum = addArrays(sum, problem.b);
        },
        result: () => sum,
      };
    },
  };
}
