import { parseArgs } from 'node:util';

/** Every benchmark, in run order (names accepted by `--only`). */
export const BENCHMARKS = [
  'reference-network',
  'per-op',
  'matmul',
  'matmul-crossover',
  'mlp-step',
  'cold-process',
  'long-chain',
] as const;
/** A benchmark's name. */
export type BenchmarkName = (typeof BENCHMARKS)[number];

/** Parsed command line. */
export interface BenchOptions {
  quick: boolean;
  only: BenchmarkName[];
  rounds?: number;
  warmup?: number;
  sizes: number[];
  iterations: number;
  adds: number;
  chainLength: number;
  /** Heap limit (MB) of the long-chain child process. */
  chainHeap: number;
  out: string;
  /** Also replace the results section of apps/bench/README.md. */
  updateReadme: boolean;
  help: boolean;
}

/** A bad flag or value: main prints the message on one line and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The `--help` text. */
export const USAGE = `Usage: pnpm bench [options]   (from apps/bench: pnpm bench [options])

Benchmarks chainrule against TensorFlow.js (cpu and wasm backends) and plain-JS baselines. Each
implementation is first checked against a reference (a failing one is reported, not timed), then warmed
up, then timed in interleaved rounds. Prints a Markdown table per benchmark and writes JSON + Markdown.

Options:
  --quick               a fast pass: smaller matmul sizes, shorter chain, fewer rounds
  --only NAME[,NAME]    run only these: ${BENCHMARKS.join(', ')}
  --rounds N            timed rounds per table (default: from a time budget, between 3 and 30)
  --warmup N            warm-up runs per implementation (default: per benchmark)
  --sizes LIST          matmul sizes (default 64,256,512,1024; --quick 64,256)
  --iterations N        reference-network training iterations (default 1500)
  --adds N              adds in the per-op benchmark (default 10000)
  --chain-length N      ops in the long chain (default 1000000; --quick 100000)
  --chain-heap MB       --max-old-space-size of the long-chain child (default 6144)
  --out FILE            JSON results (default results/latest.json, or results/partial.json for a --quick
                        or --only run; Markdown beside it as .md)
  --update-readme       also put the Markdown into README.md (between the results markers)
  --help                show this text`;

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`--${flag}: expected a positive integer, got "${text}"`);
  return value;
}

/** Node's parseArgs with the bench's flags; its errors become UsageErrors. */
function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        only: { type: 'string', multiple: true },
        rounds: { type: 'string' },
        warmup: { type: 'string' },
        sizes: { type: 'string' },
        iterations: { type: 'string' },
        adds: { type: 'string' },
        'chain-length': { type: 'string' },
        'chain-heap': { type: 'string' },
        out: { type: 'string' },
        'update-readme': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses the command line (without node and the script). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseFlags(argv);
  const only = (values.only ?? [])
    .flatMap((list) => list.split(','))
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of only) {
    if (!(BENCHMARKS as readonly string[]).includes(name)) {
      throw new UsageError(`--only: unknown benchmark "${name}"; expected one of ${BENCHMARKS.join(', ')}`);
    }
  }
  const quick = values.quick;
  const sizes =
    values.sizes === undefined
      ? quick
        ? [64, 256]
        : [64, 256, 512, 1024]
      : values.sizes.split(',').map((size) => positiveInteger('sizes', size.trim(), 0));
  return {
    quick,
    only: (only.length > 0 ? only : [...BENCHMARKS]) as BenchmarkName[],
    rounds: values.rounds === undefined ? undefined : positiveInteger('rounds', values.rounds, 0),
    warmup: values.warmup === undefined ? undefined : positiveInteger('warmup', values.warmup, 0),
    sizes,
    iterations: positiveInteger('iterations', values.iterations, 1500),
    adds: positiveInteger('adds', values.adds, 10_000),
    chainLength: positiveInteger('chain-length', values['chain-length'], quick ? 100_000 : 1_000_000),
    chainHeap: positiveInteger('chain-heap', values['chain-heap'], 6144),
    // A quick or partial run must not overwrite the full run's results.
    out: values.out ?? (quick || only.length > 0 ? 'results/partial.json' : 'results/latest.json'),
    updateReadme: values['update-readme'],
    help: values.help,
  };
}
