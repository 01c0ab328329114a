// Runs one chainrule implementation in a loop, for `node --cpu-prof` (then read it with src/profile-top.ts).
// Usage: node --cpu-prof --cpu-prof-dir=DIR --import tsx src/profile-run.ts reference-network|reference-network-modules|reference-network-compiled|per-op|per-op-recorded|matmul-N|mlp-step [runs]
import { mlpProblem } from './benchmarks/mlp-step/problem';
import { matmulProblem } from './benchmarks/matmul/problem';
import { perOpProblem } from './benchmarks/per-op/problem';
import { referenceProblem } from './benchmarks/reference-network/problem';
import { chainruleSuite } from './chainrule/index';
import type { Implementation } from './harness/types';

const [name = '', runsText = '20'] = process.argv.slice(2);
const implementations: Record<string, () => Implementation> = {
  'reference-network': () => chainruleSuite.referenceNetwork(referenceProblem())[0]!,
  'reference-network-modules': () => chainruleSuite.referenceNetwork(referenceProblem())[1]!,
  'reference-network-compiled': () => chainruleSuite.referenceNetwork(referenceProblem())[2]!,
  'per-op': () => chainruleSuite.perOp(perOpProblem())[0]!,
  'per-op-recorded': () => chainruleSuite.perOp(perOpProblem())[1]!,
  'mlp-step': () => chainruleSuite.mlpStep(mlpProblem())[0]!,
};
const matmulSize = /^matmul-(\d+)$/.exec(name)?.[1];
const implementation = matmulSize
  ? chainruleSuite.matmul(matmulProblem(Number(matmulSize)))
  : implementations[name]?.();
if (!implementation) {
  console.error(`usage: profile-run.ts ${Object.keys(implementations).join('|')}|matmul-N [runs]`);
  process.exit(2);
}
const times: number[] = [];
for (let run = 0; run < Number(runsText); run++) {
  const job = await implementation.prepare();
  const start = performance.now();
  job.run();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
console.log(
  `${name}: ${times.length} runs, median ${times[times.length >> 1]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms`,
);
