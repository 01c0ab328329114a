import { compareWithin } from '../../harness/compare';
import type { BenchCase, Implementation } from '../../harness/types';
import { absoluteTarget } from '../targets';
import { plainPerOp } from './plain';
import { perOpExpected, perOpProblem, type PerOpProblem } from './problem';
import { tfjsPerOp } from './tfjs';

/** Name of the chainrule implementation that calls `@chainrule/tensor`'s add (target: ≤ 0.25 µs/op). */
export const CHAINRULE_TENSOR_OP = 'chainrule tensor op';
/** Name of the chainrule implementation that records autograd adds on the graph (target: ≤ 0.6 µs/op). */
export const CHAINRULE_RECORDED_OP = 'chainrule autograd op (recorded)';

/** Builds the chainrule implementations of a problem (supplied by the chainrule suite once built). */
export type PerOpImplementations = (problem: PerOpProblem) => Implementation[];

/** Per-op cost: `count` chained adds of 4×4 float32 tensors; results must equal `a + count·b` exactly. */
export function perOpCase(count: number, chainrule?: PerOpImplementations): BenchCase {
  const problem = perOpProblem(count);
  const expected = perOpExpected(problem);
  return {
    benchmark: 'per-op',
    id: 'per-op',
    title: `Per-op cost: ${count.toLocaleString('en-US')} adds of 4×4 float32 tensors`,
    description: `\`sum = add(sum, b)\` ${count} times on 4×4 float32 tensors; time per add (µs/op).`,
    metric: { unit: 'µs/op', fromMilliseconds: (milliseconds) => (milliseconds * 1000) / count, digits: 3 },
    implementations: [
      ...(chainrule?.(problem) ?? []),
      plainPerOp(problem),
      tfjsPerOp('cpu', problem),
      tfjsPerOp('wasm', problem),
    ],
    check: (result) => compareWithin(result, expected, 0),
    targets: chainrule
      ? [
          absoluteTarget(CHAINRULE_TENSOR_OP, '<=', 0.25, 'µs/op', 3),
          absoluteTarget(CHAINRULE_RECORDED_OP, '<=', 0.6, 'µs/op', 3),
        ]
      : [],
    budgetMilliseconds: 3000,
    warmupRuns: 5,
  };
}
