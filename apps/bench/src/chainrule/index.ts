import type { ChainruleSuite } from '../chainrule-suite';
import { chainruleCrossover, chainruleMatmul } from './matmul';
import { chainruleMlpStep } from './mlp-step';
import { chainrulePerOp } from './per-op';
import { chainruleReferenceNetwork } from './reference-network';

/** chainrule's implementation of every in-process benchmark. */
export const chainruleSuite: ChainruleSuite = {
  referenceNetwork: chainruleReferenceNetwork,
  perOp: chainrulePerOp,
  matmul: chainruleMatmul,
  matmulCrossover: chainruleCrossover,
  mlpStep: chainruleMlpStep,
};
