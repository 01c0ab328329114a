import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compareWithin } from '../../harness/compare';
import type { BenchCase, Implementation } from '../../harness/types';
import { absoluteTarget } from '../targets';
import { trainFused } from '../reference-network/fused';
import { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE } from '../reference-network/index';
import { problemToJson, referenceProblem } from '../reference-network/problem';

/** Folder of the cold-start scripts (plain `.mjs`, run by `node` without a loader). */
const coldFolder = fileURLToPath(new URL('../../../cold/', import.meta.url));

/** Name of the chainrule implementation the target applies to. */
export const CHAINRULE_COLD = 'chainrule';

/** Environment for the children: no inherited NODE_OPTIONS (a loader there would distort the start-up). */
function childEnvironment(): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  delete environment.NODE_OPTIONS;
  return environment;
}

/**
 * Runs `node <script> ...args` and parses the last stdout line as the JSON predictions. The timed part is
 * the whole child process, from spawn to exit.
 */
export function runScript(script: string, args: readonly string[]): number[] {
  const child = spawnSync(process.execPath, [coldFolder + script, ...args], {
    cwd: coldFolder,
    encoding: 'utf8',
    env: childEnvironment(),
    maxBuffer: 1 << 20,
  });
  if (child.error) throw child.error;
  if (child.status !== 0) {
    const lastLine = child.stderr
      .trim()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-3)
      .join(' / ');
    throw new Error(`${script} exited with ${child.status}: ${lastLine}`);
  }
  const lines = child.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as number[];
}

/** A cold-start implementation: one child process per run. */
export function scriptImplementation(
  name: string,
  kind: Implementation['kind'],
  script: string,
  args: readonly string[],
): Implementation {
  return {
    name,
    kind,
    prepare: () => {
      let predictions: number[] = [];
      return {
        run: () => {
          predictions = runScript(script, args);
        },
        result: () => predictions,
      };
    },
  };
}

/**
 * Whole process, cold: `node script.mjs` that imports its library, trains the reference network and prints
 * the predictions; the wall time of the process (Node start-up included) is what a CLI user waits for.
 */
export function coldProcessCase(iterations: number, includeChainrule: boolean): BenchCase {
  const problem = referenceProblem(iterations);
  const problemJson = problemToJson(problem);
  const reference = trainFused(problem);
  const float32 = new Set(['TF.js cpu', 'TF.js wasm']);
  return {
    benchmark: 'cold-process',
    id: 'cold-process',
    title: `Whole process, cold: import + train the reference network (${iterations} iterations)`,
    description:
      'Spawns `node cold/<implementation>.mjs`, which imports its library, trains the reference network and prints ' +
      'the predictions; wall time of the whole process (Node start-up, module loading, JIT warm-up, training).',
    metric: { unit: 's', fromMilliseconds: (milliseconds) => milliseconds / 1000, digits: 3 },
    implementations: [
      ...(includeChainrule ? [scriptImplementation(CHAINRULE_COLD, 'chainrule', 'chainrule.mjs', [problemJson])] : []),
      scriptImplementation('plain JS fused', 'baseline', 'plain-js.mjs', [problemJson]),
      scriptImplementation('TF.js cpu', 'peer', 'tfjs.mjs', ['cpu', problemJson]),
      scriptImplementation('TF.js wasm', 'peer', 'tfjs.mjs', ['wasm', problemJson]),
    ],
    check: (predictions, implementation) =>
      compareWithin(predictions, reference, float32.has(implementation.name) ? FLOAT32_TOLERANCE : FLOAT64_TOLERANCE),
    targets: includeChainrule ? [absoluteTarget(CHAINRULE_COLD, '<=', 0.2, 's', 3)] : [],
    budgetMilliseconds: 15_000,
    warmupRuns: 1,
  };
}
