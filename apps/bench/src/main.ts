// pnpm bench: runs the benchmarks, prints a Markdown table per benchmark, writes results/latest.{json,md}.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coldProcessCase } from './benchmarks/cold-process/index';
import { longChainMarkdown, runLongChain, type LongChainReport } from './benchmarks/long-chain/index';
import { matmulCases } from './benchmarks/matmul/index';
import { crossoverMarkdown, runCrossover, type CrossoverReport } from './benchmarks/matmul-crossover/index';
import { mlpStepCase } from './benchmarks/mlp-step/index';
import { perOpCase } from './benchmarks/per-op/index';
import { referenceNetworkCase } from './benchmarks/reference-network/index';
import { addBaselineTargets, loadBaselineSuite, loadChainruleSuite, withBaseline } from './chainrule-suite';
import { buildCaseReport, caseMarkdown, targetSummaries, targetsMarkdown, type CaseReport } from './harness/report';
import { runCase, type RoundOptions } from './harness/run-case';
import type { BenchCase } from './harness/types';
import { machineInfo, type MachineInfo } from './machine';
import { BENCHMARKS, parseOptions, USAGE, UsageError, type BenchOptions } from './options';
import { jaxVersion } from './peers/jax';
import { initTfjs, tf, wasmFeatures } from './peers/tfjs';

const benchFolder = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const progress = (message: string) => process.stderr.write(`${message}\n`);

/** The machine and run settings, as Markdown lines. */
function headerMarkdown(machine: MachineInfo, options: BenchOptions, chainrule: string, date: string): string {
  const wasm = wasmFeatures();
  return [
    '## Results',
    '',
    `Measured ${date} on ${machine.cpu}, ${machine.cores} logical cores, ${machine.memoryGigabytes} GB, ${machine.platform}, ` +
      `Node ${machine.node}; 1-minute load average at start ${machine.loadAverage.toFixed(2)}. ` +
      `TensorFlow.js ${tf.version.tfjs} (wasm backend: SIMD ${wasm.simd ? 'on' : 'off'}, threads ${wasm.threads ? 'on' : 'off'}); ` +
      `jax-js ${jaxVersion()} (wasm device, one thread: Node has no global Worker). ` +
      `chainrule: ${chainrule}. Flags: ${options.quick ? '--quick' : '(full run)'}${options.only.length < BENCHMARKS.length ? ` --only ${options.only.join(',')}` : ''}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message} (see --help)\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const date = new Date().toISOString();
  const machine = machineInfo();
  const suite = await loadChainruleSuite();
  const baseline = suite instanceof Error ? null : await loadBaselineSuite();
  const chainrule = suite instanceof Error ? undefined : baseline ? withBaseline(suite, baseline.suite) : suite;
  const chainruleStatus = chainrule
    ? `built packages (dist)${baseline ? `; "(baseline)" rows: ${baseline.ref} at ${baseline.commit}, built by pnpm bench:baseline` : ''}`
    : `unavailable (${suite instanceof Error ? suite.message.split('\n')[0] : ''})`;
  if (!chainrule) progress(`chainrule is ${chainruleStatus}: run \`pnpm build\` first; measuring the peers only`);
  await initTfjs();

  const roundOptions: RoundOptions = {
    rounds: options.rounds,
    warmupRuns: options.warmup,
    minRounds: 3,
    maxRounds: options.quick ? 10 : 30,
    budgetScale: options.quick ? 0.25 : 1,
  };
  const selected = new Set(options.only);
  const cases: BenchCase[] = [];
  if (selected.has('reference-network'))
    cases.push(referenceNetworkCase(options.iterations, chainrule?.referenceNetwork));
  if (selected.has('per-op')) cases.push(perOpCase(options.adds, chainrule?.perOp));
  if (selected.has('matmul')) cases.push(...matmulCases(options.sizes, chainrule?.matmul));
  if (selected.has('mlp-step')) cases.push(mlpStepCase(undefined, chainrule?.mlpStep));
  if (selected.has('cold-process')) cases.push(coldProcessCase(options.iterations, chainrule !== undefined));
  if (baseline) for (const benchCase of cases) addBaselineTargets(benchCase);

  const header = headerMarkdown(machine, options, chainruleStatus, date);
  process.stdout.write(`${header}\n\n`);
  const sections: string[] = [header];
  const reports: CaseReport[] = [];
  for (const benchCase of cases) {
    progress(`${benchCase.id}: ${benchCase.title}`);
    const report = buildCaseReport(benchCase, await runCase(benchCase, roundOptions, progress));
    reports.push(report);
    const markdown = caseMarkdown(report, benchCase.metric.digits);
    sections.push(markdown);
    process.stdout.write(`${markdown}\n\n`);
  }
  let crossover: CrossoverReport | undefined;
  if (selected.has('matmul-crossover')) {
    if (chainrule) {
      crossover = await runCrossover(chainrule.matmulCrossover, roundOptions, progress);
      const markdown = crossoverMarkdown(crossover);
      sections.push(markdown);
      process.stdout.write(`${markdown}\n\n`);
    } else {
      progress('matmul-crossover: skipped (it measures chainrule, which is unavailable)');
    }
  }
  let longChain: LongChainReport | undefined;
  if (selected.has('long-chain')) {
    if (chainrule) {
      progress(`long-chain: backward through ${options.chainLength} ops (child processes)`);
      longChain = runLongChain(options.chainLength, options.chainHeap, progress);
      const markdown = longChainMarkdown(longChain);
      sections.push(markdown);
      process.stdout.write(`${markdown}\n\n`);
    } else {
      progress('long-chain: skipped (it measures chainrule, which is unavailable)');
    }
  }

  const summaries = targetSummaries(reports);
  if (longChain) {
    const chainrule = longChain.rows.find((row) => row.implementation === 'chainrule');
    summaries.push({
      benchmark: longChain.title,
      implementation: 'chainrule',
      description: longChain.target.description,
      met: longChain.target.met,
      measured:
        chainrule?.backwardMilliseconds === undefined
          ? undefined
          : `${((chainrule.buildMilliseconds + chainrule.backwardMilliseconds) / 1000).toFixed(2)} s, peak RSS ${chainrule.peakRssMegabytes.toFixed(0)} MB`,
    });
  }
  if (summaries.length > 0) {
    const markdown = targetsMarkdown(summaries);
    sections.splice(1, 0, markdown);
    process.stdout.write(`${markdown}\n\n`);
  }

  const jsonPath = resolve(benchFolder, options.out);
  mkdirSync(dirname(jsonPath), { recursive: true });
  const results = {
    date,
    machine,
    options,
    chainrule: chainruleStatus,
    tfjs: { version: tf.version.tfjs, wasm: wasmFeatures() },
    jax: { version: jaxVersion() },
    targets: summaries,
    cases: reports,
    crossover,
    longChain,
  };
  writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  const markdownPath = `${jsonPath.replace(/\.json$/, '')}.md`;
  writeFileSync(markdownPath, `${sections.join('\n\n')}\n`);
  progress(`wrote ${jsonPath} and ${markdownPath}`);
  if (options.updateReadme) updateReadme(sections.join('\n\n'));
}

const RESULTS_START = '<!-- results:start -->';
const RESULTS_END = '<!-- results:end -->';

/** Replaces the text between the results markers of apps/bench/README.md. */
function updateReadme(markdown: string): void {
  const readmePath = resolve(benchFolder, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(RESULTS_START);
  const end = readme.indexOf(RESULTS_END);
  if (start < 0 || end < start)
    throw new Error(`${readmePath}: results markers not found (${RESULTS_START} ... ${RESULTS_END})`);
  const updated = `${readme.slice(0, start + RESULTS_START.length)}\n${markdown.replace(/^## Results\n\n/, '')}\n${readme.slice(end)}`;
  writeFileSync(readmePath, updated);
  progress(`updated ${readmePath}`);
}

await main();
