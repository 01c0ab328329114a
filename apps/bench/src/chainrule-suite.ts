import type { MatmulImplementation } from './benchmarks/matmul/index';
import type { CrossoverImplementation } from './benchmarks/matmul-crossover/index';
import type { MlpImplementation } from './benchmarks/mlp-step/index';
import type { PerOpImplementations } from './benchmarks/per-op/index';
import type { ReferenceNetworkImplementation } from './benchmarks/reference-network/index';
import type { BenchCase, Implementation } from './harness/types';
import { ratioTarget } from './benchmarks/targets';

/**
 * chainrule's implementation of each benchmark. Main loads it with a dynamic import, so the peers still run
 * (and chainrule is reported as unavailable) when the packages are not built.
 */
export interface ChainruleSuite {
  referenceNetwork: ReferenceNetworkImplementation;
  perOp: PerOpImplementations;
  matmul: MatmulImplementation;
  matmulCrossover: CrossoverImplementation;
  mlpStep: MlpImplementation;
}

/** Loads the chainrule suite, or returns why it could not be loaded. */
export async function loadChainruleSuite(): Promise<ChainruleSuite | Error> {
  try {
    const module = await import('./chainrule/index');
    return module.chainruleSuite;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Appended to the names of the baseline build's implementations. */
export const BASELINE_SUFFIX = ' (baseline)';

/** The baseline suite made by `pnpm bench:baseline`, with the ref it was built from; null when there is none. */
export interface BaselineSuite {
  suite: ChainruleSuite;
  ref: string;
  commit: string;
}

/** Loads apps/bench/.baseline (see scripts/make-baseline.mjs), or returns null when it was not made. */
export async function loadBaselineSuite(): Promise<BaselineSuite | null> {
  const directory = new URL('../.baseline/', import.meta.url);
  let ref: { ref: string; commit: string };
  try {
    const { readFileSync } = await import('node:fs');
    ref = JSON.parse(readFileSync(new URL('ref.json', directory), 'utf8')) as { ref: string; commit: string };
  } catch {
    return null;
  }
  const module = (await import(new URL('suite.mjs', directory).href)) as { chainruleSuite: ChainruleSuite };
  return { suite: module.chainruleSuite, ...ref };
}

/**
 * The working tree's suite with the baseline's implementations beside each of its own (reference network, per-op,
 * MLP step: the eager costs a change must not regress), named with `BASELINE_SUFFIX`.
 */
export function withBaseline(current: ChainruleSuite, baseline: ChainruleSuite): ChainruleSuite {
  const renamed = (implementations: Implementation[]): Implementation[] =>
    implementations.map((implementation) => ({ ...implementation, name: implementation.name + BASELINE_SUFFIX }));
  return {
    ...current,
    referenceNetwork: (problem) => [
      ...current.referenceNetwork(problem),
      ...renamed(baseline.referenceNetwork(problem)),
    ],
    perOp: (problem) => [...current.perOp(problem), ...renamed(baseline.perOp(problem))],
    mlpStep: (problem) => [...current.mlpStep(problem), ...renamed(baseline.mlpStep(problem))],
  };
}

/** Eager speed may regress by at most this factor against the baseline build (issue 13). */
export const BASELINE_LIMIT = 1.15;

/** Adds a target `<= BASELINE_LIMIT x` its baseline twin for each chainrule implementation of `benchCase` that has one. */
export function addBaselineTargets(benchCase: BenchCase): void {
  const names = new Set(benchCase.implementations.map((implementation) => implementation.name));
  for (const implementation of benchCase.implementations) {
    const twin = implementation.name + BASELINE_SUFFIX;
    if (implementation.kind !== 'chainrule' || !names.has(twin)) continue;
    benchCase.targets.push(ratioTarget(implementation.name, twin, BASELINE_LIMIT, 'the baseline build'));
  }
}
