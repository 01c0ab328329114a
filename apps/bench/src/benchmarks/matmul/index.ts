import type { BenchCase, Implementation } from '../../harness/types';
import { absoluteTarget } from '../targets';
import { makeMatmulCheck, matmulFlops, matmulProblem, type MatmulProblem } from './problem';
import { tfjsMatmul } from './tfjs';
import { tiledMatmul } from './tiled';

/** Name of the chainrule implementation the target applies to. */
export const CHAINRULE_MATMUL = 'chainrule';

/** Builds the chainrule implementation of a problem (supplied by the chainrule suite once built). */
export type MatmulImplementation = (problem: MatmulProblem) => Implementation;

/** Size at which the issue sets chainrule's throughput target. */
const TARGET_SIZE = 1024;

/** One case per size: `C = A·B` for n×n float32 matrices, in GFLOP/s (2n³ flops per product). */
export function matmulCases(sizes: readonly number[], chainrule?: MatmulImplementation): BenchCase[] {
  return sizes.map((n) => {
    const problem = matmulProblem(n);
    const check = makeMatmulCheck(problem);
    return {
      benchmark: 'matmul',
      id: `matmul-${n}`,
      title: `matmul float32, N = ${n}`,
      description: `\`C = A·B\` with A, B ${n}×${n} float32 (2N³ = ${(matmulFlops(n) / 1e6).toFixed(1)} MFLOP per product), result read back; GFLOP/s (higher is better).`,
      metric: { unit: 'GFLOP/s', fromMilliseconds: (milliseconds) => matmulFlops(n) / (milliseconds * 1e6), digits: 2 },
      implementations: [
        ...(chainrule ? [chainrule(problem)] : []),
        tiledMatmul(problem),
        tfjsMatmul('cpu', problem),
        tfjsMatmul('wasm', problem),
      ],
      check: (result) => check(result),
      targets: chainrule && n === TARGET_SIZE ? [absoluteTarget(CHAINRULE_MATMUL, '>=', 3.4, 'GFLOP/s')] : [],
      budgetMilliseconds: n >= 1024 ? 12_000 : 2500,
      warmupRuns: n >= 512 ? 1 : 3,
    };
  });
}
