import type { MatmulImplementation } from './benchmarks/matmul/index';
import type { CrossoverImplementation } from './benchmarks/matmul-crossover/index';
import type { MlpImplementation } from './benchmarks/mlp-step/index';
import type { PerOpImplementations } from './benchmarks/per-op/index';
import type { ReferenceNetworkImplementation } from './benchmarks/reference-network/index';

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
