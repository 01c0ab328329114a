import { median, range } from './stats';
import type { BenchCase, Implementation, Job } from './types';

/** How rounds are chosen; `rounds` forces a count, otherwise the case's time budget decides within [min, max]. */
export interface RoundOptions {
  rounds?: number;
  minRounds: number;
  maxRounds: number;
  /** Multiplies every case's time budget (`--quick` lowers it). */
  budgetScale: number;
  /** Overrides every case's warm-up runs when set. */
  warmupRuns?: number;
}

/** What happened to one implementation in one case. */
export interface ImplementationResult {
  name: string;
  kind: Implementation['kind'];
  status: 'ok' | 'failed';
  /** Check detail when ok, the reason when failed. */
  detail: string;
  /** Milliseconds of each timed round (empty when failed). */
  times: number[];
}

/** The measured case: per implementation the check outcome and the round times. */
export interface CaseResult {
  rounds: number;
  implementations: ImplementationResult[];
}

type Progress = (message: string) => void;

type CollectGarbage = (options?: { type: 'minor' | 'major' }) => void;
const collectGarbage = (globalThis as { gc?: CollectGarbage }).gc;

/**
 * Prepares a job and times `run` alone. With `--expose-gc`, a minor collection first empties the young
 * generation, so one implementation's garbage is not collected on another's clock.
 * NOTE: minor only: a full `gc()` before each run made TF.js's small kernels up to 30x slower on the next call
 * (its optimized code was thrown away), while a scavenge leaves code alone.
 */
async function timeOnce(implementation: Implementation): Promise<{ milliseconds: number; job: Job }> {
  const job = await implementation.prepare();
  collectGarbage?.({ type: 'minor' });
  const start = performance.now();
  job.run();
  const milliseconds = performance.now() - start;
  return { milliseconds, job };
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}`;
  return String(error);
}

/**
 * Runs a case: every implementation once, checked against the reference (a failure is reported, not
 * timed); then warm-up runs; then rounds interleaved A B C, B C A, C A B ... so drifting machine load hits all alike.
 */
export async function runCase(benchCase: BenchCase, options: RoundOptions, progress: Progress): Promise<CaseResult> {
  const results = new Map<Implementation, ImplementationResult>();
  const lastMilliseconds = new Map<Implementation, number>();
  for (const implementation of benchCase.implementations) {
    const result: ImplementationResult = {
      name: implementation.name,
      kind: implementation.kind,
      status: 'failed',
      detail: '',
      times: [],
    };
    results.set(implementation, result);
    try {
      const { milliseconds, job } = await timeOnce(implementation);
      const outcome = benchCase.check(job.result(), implementation);
      job.dispose?.();
      result.status = outcome.ok ? 'ok' : 'failed';
      result.detail = outcome.ok ? outcome.detail : `wrong result: ${outcome.detail}`;
      lastMilliseconds.set(implementation, milliseconds);
    } catch (error) {
      result.detail = errorText(error);
    }
    progress(`  ${implementation.name}: ${result.status === 'ok' ? 'check passed' : 'FAILED'} (${result.detail})`);
  }
  const passing = benchCase.implementations.filter((implementation) => results.get(implementation)!.status === 'ok');

  const warmupRuns = options.warmupRuns ?? benchCase.warmupRuns;
  for (let run = 0; run < warmupRuns; run++) {
    for (const implementation of passing) {
      if (implementation.slow && run >= implementation.slow.warmupRuns) continue;
      const { milliseconds, job } = await timeOnce(implementation);
      job.dispose?.();
      lastMilliseconds.set(implementation, milliseconds);
    }
  }

  // A slow peer's time counts toward the budget only for the rounds it takes part in.
  const roundMilliseconds = passing
    .filter((implementation) => !implementation.slow)
    .reduce((total, implementation) => total + lastMilliseconds.get(implementation)!, 0);
  const budget = benchCase.budgetMilliseconds * options.budgetScale;
  const rounds =
    options.rounds ??
    Math.max(options.minRounds, Math.min(options.maxRounds, Math.floor(budget / Math.max(roundMilliseconds, 1e-3))));
  progress(`  ${warmupRuns} warm-up run(s) each, then ${rounds} interleaved rounds`);

  for (let round = 0; round < rounds; round++) {
    // Each round starts one implementation further along: an implementation's run can leave collector work (a
    // heavy peer's garbage) to the next one, so no implementation always follows the same neighbour.
    const start = round % Math.max(passing.length, 1);
    for (const implementation of [...passing.slice(start), ...passing.slice(0, start)]) {
      const result = results.get(implementation)!;
      if (result.status !== 'ok') continue;
      if (implementation.slow && round >= implementation.slow.maxRounds) continue;
      try {
        const { milliseconds, job } = await timeOnce(implementation);
        job.dispose?.();
        result.times.push(milliseconds);
      } catch (error) {
        result.status = 'failed';
        result.detail = `failed in round ${round + 1}: ${errorText(error)}`;
        result.times = [];
      }
    }
  }
  return { rounds, implementations: benchCase.implementations.map((implementation) => results.get(implementation)!) };
}

/** Median, min and max of an implementation's round times in milliseconds. */
export function summarize(times: readonly number[]): { median: number; min: number; max: number } {
  return { median: median(times), ...range(times) };
}
