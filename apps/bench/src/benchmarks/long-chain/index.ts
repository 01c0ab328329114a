import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkChain, type ChainMeasurement } from './chain';

/** One row of the long-chain table. */
export interface LongChainRow extends ChainMeasurement {
  status: 'ok' | 'failed';
  detail: string;
}

/** The long-chain benchmark's report (its own table: time and memory, one run each). */
export interface LongChainReport {
  benchmark: 'long-chain';
  id: 'long-chain';
  title: string;
  description: string;
  heapLimitMegabytes: number;
  rows: LongChainRow[];
  target: { implementation: string; description: string; met: boolean };
}

const childScript = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Runs the child for one implementation with a large heap and returns its measurement (or why it died). */
function runChild(implementation: 'chainrule' | 'micrograd', length: number, heapMegabytes: number): LongChainRow {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const environment = { ...process.env };
  delete environment.NODE_OPTIONS;
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${heapMegabytes}`, '--import', tsx, childScript, implementation, String(length)],
    {
      encoding: 'utf8',
      env: environment,
      maxBuffer: 1 << 20,
    },
  );
  const lastLine = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !lastLine.startsWith('{')) {
    const reason =
      child.error?.message ??
      (child.stderr.trim().split('\n').filter(Boolean).slice(-2).join(' / ') || `exit ${child.status}`);
    return {
      implementation,
      length,
      buildMilliseconds: NaN,
      value: NaN,
      heapAfterBuildMegabytes: NaN,
      peakRssMegabytes: NaN,
      status: 'failed',
      detail: `child process failed: ${reason}`,
    };
  }
  const measurement = JSON.parse(lastLine) as ChainMeasurement;
  const outcome = checkChain(measurement);
  return { ...measurement, status: outcome.ok ? 'ok' : 'failed', detail: outcome.detail };
}

/**
 * Backward through a chain of `length` scalar ops, each implementation in its own child process
 * (`--max-old-space-size=heapMegabytes`): chainrule's iterative walk must complete with the right gradient;
 * micrograd's recursive topological sort is shown to overflow the stack (caught as a RangeError).
 */
export function runLongChain(
  length: number,
  heapMegabytes: number,
  progress: (message: string) => void,
): LongChainReport {
  const rows: LongChainRow[] = [];
  for (const implementation of ['chainrule', 'micrograd'] as const) {
    const row = runChild(implementation, length, heapMegabytes);
    progress(`  ${row.implementation}: ${row.status === 'ok' ? 'completed' : 'FAILED'} (${row.detail})`);
    rows.push(row);
  }
  const chainrule = rows.find((row) => row.implementation === 'chainrule');
  return {
    benchmark: 'long-chain',
    id: 'long-chain',
    title: `Backward through a chain of ${length.toLocaleString('en-US')} ops`,
    description:
      `\`y ← y·c\` and \`y ← y + d\` alternating ${length} times on a float64 scalar, then backward; each implementation ` +
      `in its own child process (\`--max-old-space-size=${heapMegabytes}\`), one run. The value and ∂y/∂x are checked ` +
      'against plain float64 arithmetic.',
    heapLimitMegabytes: heapMegabytes,
    rows,
    target: {
      implementation: 'chainrule',
      description: 'completes (iterative walk, right gradient)',
      met: chainrule?.status === 'ok',
    },
  };
}

const seconds = (milliseconds: number | undefined) =>
  milliseconds === undefined || Number.isNaN(milliseconds) ? '–' : (milliseconds / 1000).toFixed(2);
const megabytes = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(0));

/** Markdown for the long-chain report. */
export function longChainMarkdown(report: LongChainReport): string {
  const lines = [
    `### ${report.title}`,
    '',
    report.description,
    '',
    '| implementation | build graph (s) | backward (s) | heap with graph (MB) | heap after backward (MB) | peak RSS (MB) | outcome |',
    '|---|--:|--:|--:|--:|--:|---|',
  ];
  for (const row of report.rows) {
    const outcome =
      row.status === 'ok'
        ? `completed: ${row.detail}`
        : `**failed**: ${row.detail}${row.longestWorkingLength ? ` (longest chain it handles here: ~${row.longestWorkingLength.toLocaleString('en-US')} ops)` : ''}`;
    lines.push(
      `| ${row.implementation} | ${seconds(row.buildMilliseconds)} | ${seconds(row.backwardMilliseconds)} | ` +
        `${megabytes(row.heapAfterBuildMegabytes)} | ${megabytes(row.heapAfterBackwardMegabytes)} | ${megabytes(row.peakRssMegabytes)} | ${outcome.replaceAll('|', '\\|')} |`,
    );
  }
  lines.push(
    '',
    `Target for chainrule: ${report.target.description}; ${report.target.met ? '**met**' : '**missed**'}.`,
  );
  return lines.join('\n');
}
