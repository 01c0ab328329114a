import { buildCaseReport, type CaseReport } from '../../harness/report';
import { runCase, type RoundOptions } from '../../harness/run-case';
import type { BenchCase, CheckOutcome, Implementation } from '../../harness/types';
import { uniformArray } from '../../random';

/** One product shape: `[m, k]·[k, n]` in one dtype. */
export interface CrossoverProblem {
  m: number;
  k: number;
  n: number;
  dtype: 'float32' | 'float64';
  a: Float64Array;
  b: Float64Array;
  /** Products per timed run, so that a run of the smallest shapes still takes about a millisecond. */
  repeats: number;
}

/** Builds chainrule's product of a problem with `setBackend(backend)` (supplied by the chainrule suite once built). */
export type CrossoverImplementation = (problem: CrossoverProblem, backend: 'js' | 'wasm') => Implementation;

/** Names of the two rows of every shape. */
export const CROSSOVER_JS = 'chainrule, JS kernels';
export const CROSSOVER_WASM = 'chainrule, WebAssembly kernels';

/**
 * Shapes around the threshold of `setBackend('auto')` (m·n·k >= 12³ and n > 1): the reference network's
 * product, squares from 8 to 64, just under the threshold, and thin products (a column, a row, 10 classes).
 */
export const CROSSOVER_SHAPES: readonly [number, number, number][] = [
  [4, 3, 4],
  [8, 8, 8],
  [11, 12, 13],
  [12, 12, 12],
  [16, 16, 16],
  [24, 24, 24],
  [32, 32, 32],
  [64, 64, 64],
  [1, 784, 256],
  [128, 256, 10],
  [64, 128, 2],
  [128, 784, 1],
];

function crossoverProblem(m: number, k: number, n: number, dtype: 'float32' | 'float64'): CrossoverProblem {
  return {
    m,
    k,
    n,
    dtype,
    a: uniformArray(400 + m, m * k, -1, 1),
    b: uniformArray(500 + n, k * n, -1, 1),
    repeats: Math.max(1, Math.round(250_000 / (m * n * k + 200))),
  };
}

/** |c_ij − Σ a_ip b_pj| <= 1e-5 · Σ |a_ip b_pj| at every entry (float32 rounding grows with the latter). */
function checkProduct(problem: CrossoverProblem, result: ArrayLike<number>): CheckOutcome {
  const { m, k, n, a, b } = problem;
  if (result.length !== m * n) return { ok: false, detail: `${result.length} entries, expected ${m * n}` };
  const round = problem.dtype === 'float32' ? Math.fround : (value: number) => value;
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let scale = 0;
      for (let p = 0; p < k; p++) {
        const term = round(a[i * k + p]!) * round(b[p * n + j]!);
        sum += term;
        scale += Math.abs(term);
      }
      const error = Math.abs(result[i * n + j]! - sum) / scale;
      worst = Number.isNaN(error) ? Infinity : Math.max(worst, error);
    }
  }
  return { ok: worst <= 1e-5, detail: `max |Δ|/Σ|ab| ${worst === 0 ? '0' : worst.toExponential(1)}` };
}

/** One row of the crossover table: a shape and dtype, the two kernels' times per product and their ratio. */
export interface CrossoverRow {
  shape: [number, number, number];
  dtype: 'float32' | 'float64';
  jsMicroseconds?: number;
  wasmMicroseconds?: number;
  /** JS time over WebAssembly time: above 1, WebAssembly is faster. */
  speedup?: number;
  /** What `setBackend('auto')` runs for this shape. */
  auto: 'js' | 'wasm';
  detail: string;
}

/** The crossover report: its own table (two kernels per shape), and every case's rounds for the JSON. */
export interface CrossoverReport {
  benchmark: 'matmul-crossover';
  title: string;
  description: string;
  rows: CrossoverRow[];
  cases: CaseReport[];
}

/** The kernel 'auto' picks (the rule of @chainrule/tensor's matmul-wasm.ts, restated to label the table). */
function autoKernel(m: number, k: number, n: number): 'js' | 'wasm' {
  return n > 1 && m * n * k >= 12 ** 3 ? 'wasm' : 'js';
}

/** Times chainrule's matmul with each kernel forced, shape by shape (interleaved rounds within a shape). */
export async function runCrossover(
  chainrule: CrossoverImplementation,
  options: RoundOptions,
  progress: (message: string) => void,
): Promise<CrossoverReport> {
  const rows: CrossoverRow[] = [];
  const cases: CaseReport[] = [];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [m, k, n] of CROSSOVER_SHAPES) {
      const problem = crossoverProblem(m, k, n, dtype);
      const benchCase: BenchCase = {
        benchmark: 'matmul-crossover',
        id: `matmul-crossover-${dtype}-${m}x${k}x${n}`,
        title: `${m}×${k} · ${k}×${n} ${dtype}`,
        description: `${problem.repeats} products per run.`,
        metric: { unit: 'µs', fromMilliseconds: (milliseconds) => (milliseconds * 1000) / problem.repeats, digits: 2 },
        implementations: [chainrule(problem, 'js'), chainrule(problem, 'wasm')],
        check: (result) => checkProduct(problem, result),
        targets: [],
        budgetMilliseconds: 300,
        warmupRuns: 5,
      };
      progress(`${benchCase.id}`);
      const report = buildCaseReport(benchCase, await runCase(benchCase, options, progress));
      cases.push(report);
      const median = (name: string) => report.implementations.find((row) => row.name === name)?.metric?.median;
      const js = median(CROSSOVER_JS);
      const wasm = median(CROSSOVER_WASM);
      const failed = report.implementations.filter((row) => row.status !== 'ok');
      rows.push({
        shape: [m, k, n],
        dtype,
        jsMicroseconds: js,
        wasmMicroseconds: wasm,
        speedup: js !== undefined && wasm !== undefined ? js / wasm : undefined,
        auto: autoKernel(m, k, n),
        detail: failed.map((row) => `${row.name} failed: ${row.detail}`).join('; '),
      });
    }
  }
  return {
    benchmark: 'matmul-crossover',
    title: 'matmul: JS against WebAssembly kernels around the threshold',
    description:
      "chainrule's `matmul` with `setBackend('js')` and with `setBackend('wasm')`, per product (µs, median of " +
      'interleaved rounds; copies in and out of WebAssembly memory included). Speedup = JS time / WebAssembly time. ' +
      "`setBackend('auto')` (the default) picks WebAssembly from m·n·k = 12³ on, unless n = 1.",
    rows,
    cases,
  };
}

const micro = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));

/** Markdown for the crossover report: one row per shape and dtype. */
export function crossoverMarkdown(report: CrossoverReport): string {
  const lines = [
    `### ${report.title}`,
    '',
    report.description,
    '',
    '| product | m·n·k | dtype | JS kernels (µs) | WebAssembly (µs) | speedup | auto runs |',
    '|---|--:|---|--:|--:|--:|---|',
  ];
  for (const row of report.rows) {
    const [m, k, n] = row.shape;
    const speedup = row.speedup === undefined ? `– ${row.detail}` : `${row.speedup.toFixed(2)}x`;
    lines.push(
      `| ${m}×${k} · ${k}×${n} | ${m * n * k} | ${row.dtype} | ${micro(row.jsMicroseconds)} | ${micro(row.wasmMicroseconds)} | ${speedup} | ${row.auto === 'wasm' ? 'WebAssembly' : 'JS'} |`,
    );
  }
  return lines.join('\n');
}
