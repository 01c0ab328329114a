import type { Backend } from '@chainrule/tensor';
import { compareWithin } from '../../harness/compare';
import type { BenchCase, Implementation } from '../../harness/types';
import { speedupTarget } from '../targets';
import { COPIES_ALONE, copiesAlone } from './copies';
import { jaxMatmul } from './jax';
import { makeMatmulCheck, matmulFlops, matmulProblem, type MatmulProblem } from './problem';
import { tfjsMatmul } from './tfjs';
import { tiledMatmul } from './tiled';

/** Name of the chainrule implementation the targets apply to (`backend: 'auto'`). */
export const CHAINRULE_MATMUL = 'chainrule';
/** chainrule with `setBackend('js')`: the JS kernels, measured in the same run. */
export const CHAINRULE_MATMUL_JS = 'chainrule, JS kernels';

/** Which chainrule product to build: dtype (default float32) and backend (default 'auto'). */
export interface MatmulVariant {
  dtype?: 'float32' | 'float64';
  backend?: Backend;
}

/** Builds a chainrule implementation of a problem (supplied by the chainrule suite once built). */
export type MatmulImplementation = (problem: MatmulProblem, variant?: MatmulVariant) => Implementation;

/** Sizes at which the issue sets chainrule's float32 target (>= TF.js wasm). */
const FLOAT32_TARGET_SIZES = new Set([256, 1024]);

const gflops = (n: number) => ({
  unit: 'GFLOP/s',
  fromMilliseconds: (milliseconds: number) => matmulFlops(n) / (milliseconds * 1e6),
  digits: 2,
});

/**
 * Per size: `C = A·B` for n×n float32 matrices, in GFLOP/s (2n³ flops per product); then float64 at the largest
 * size (against chainrule's own JS kernels); then what the copies into and out of WebAssembly memory cost at 256 and
 * at the largest size.
 */
export function matmulCases(sizes: readonly number[], chainrule?: MatmulImplementation): BenchCase[] {
  const cases = sizes.map((n) => float32Case(n, chainrule));
  const largest = Math.max(...sizes);
  if (chainrule) {
    cases.push(float64Case(largest, chainrule));
    for (const n of new Set(sizes.filter((size) => size === 256 || size === largest)))
      cases.push(copiesCase(n, chainrule));
  }
  return cases;
}

function float32Case(n: number, chainrule?: MatmulImplementation): BenchCase {
  const problem = matmulProblem(n);
  const check = makeMatmulCheck(problem);
  return {
    benchmark: 'matmul',
    id: `matmul-${n}`,
    title: `matmul float32, N = ${n}`,
    description:
      `\`C = A·B\` with A, B ${n}×${n} float32 (2N³ = ${(matmulFlops(n) / 1e6).toFixed(1)} MFLOP per product), result read back; ` +
      'GFLOP/s (higher is better). chainrule: WebAssembly SIMD at this size (copies in and out included); ' +
      '"JS kernels": the same call with `setBackend(\'js\')`. jax-js: eager `np.matmul`, and inside `jit`.',
    metric: gflops(n),
    implementations: [
      ...(chainrule ? [chainrule(problem), chainrule(problem, { backend: 'js' })] : []),
      tiledMatmul(problem),
      tfjsMatmul('cpu', problem),
      tfjsMatmul('wasm', problem),
      jaxMatmul(problem, false),
      jaxMatmul(problem, true),
    ],
    check: (result) => check(result),
    targets:
      chainrule && FLOAT32_TARGET_SIZES.has(n) ? [speedupTarget(CHAINRULE_MATMUL, 'TF.js wasm', 1, 'TF.js wasm')] : [],
    budgetMilliseconds: n >= 1024 ? 12_000 : 2500,
    warmupRuns: n >= 512 ? 1 : 3,
  };
}

function float64Case(n: number, chainrule: MatmulImplementation): BenchCase {
  const problem = matmulProblem(n);
  const check = makeMatmulCheck(problem);
  return {
    benchmark: 'matmul',
    id: `matmul-float64-${n}`,
    title: `matmul float64, N = ${n}`,
    description:
      `\`C = A·B\` with A, B ${n}×${n} float64 (the float32 problem's values), result read back; GFLOP/s. ` +
      "TF.js has no float64. chainrule's two kernels give the same bits here (both sum in float64 in the same order).",
    metric: gflops(n),
    implementations: [
      chainrule(problem, { dtype: 'float64' }),
      chainrule(problem, { dtype: 'float64', backend: 'js' }),
      jaxMatmul(problem, false, 'float64'),
      jaxMatmul(problem, true, 'float64'),
    ],
    check: (result) => check(result),
    targets: [speedupTarget(CHAINRULE_MATMUL, CHAINRULE_MATMUL_JS, 4, "chainrule's JS float64 kernel")],
    budgetMilliseconds: n >= 1024 ? 8000 : 2500,
    warmupRuns: 1,
  };
}

function copiesCase(n: number, chainrule: MatmulImplementation): BenchCase {
  const problem = matmulProblem(n);
  const check = makeMatmulCheck(problem);
  return {
    benchmark: 'matmul',
    id: `matmul-copies-${n}`,
    title: `matmul float32, N = ${n}: copies into and out of WebAssembly memory`,
    description:
      `chainrule's product (as in the table above) beside the copies its WebAssembly path makes, done alone: A and B ` +
      `(${((n * n * 4) / 2 ** 20).toFixed(2)} MiB each) into WebAssembly memory, C out into a fresh array; time per run. ` +
      'The ratio of the two rows is the share of the product spent copying.',
    metric: { unit: 'ms', fromMilliseconds: (milliseconds) => milliseconds, digits: 3 },
    implementations: [chainrule(problem), copiesAlone(problem)],
    check: (result, implementation) =>
      implementation.name === COPIES_ALONE ? compareWithin(result, problem.a, 0) : check(result),
    targets: [],
    budgetMilliseconds: n >= 1024 ? 3000 : 1500,
    warmupRuns: 3,
  };
}
