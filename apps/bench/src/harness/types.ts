/** The timed work of one implementation, built fresh (untimed) before every run. */
export interface Job {
  /** The timed part. */
  run(): void;
  /** Untimed, after `run`: the numbers compared against the reference (predictions, a product, ...). */
  result(): ArrayLike<number>;
  /** Untimed, after every run: frees what the job allocated (TF.js tensors). */
  dispose?(): void;
}

/** Who an implementation is: the library under test, a peer library, or a hand-written baseline. */
export type ImplementationKind = 'chainrule' | 'peer' | 'baseline';

/** One way of doing a benchmark's work. */
export interface Implementation {
  name: string;
  kind: ImplementationKind;
  /** Untimed: switches TF.js backend, builds inputs and state; returns the job to time. */
  prepare(): Job | Promise<Job>;
  /**
   * For a peer whose run takes many seconds (jax-js's eager reference network): warm-up runs and timed rounds at most
   * this many, instead of the case's; the other implementations' rounds go on interleaved as before.
   */
  slow?: { warmupRuns: number; maxRounds: number };
}

/** Outcome of comparing one implementation's result with the reference. */
export interface CheckOutcome {
  ok: boolean;
  /** e.g. `max |Δ| 2.1e-7 (tolerance 1e-4)`. */
  detail: string;
}

/** How a round's milliseconds are shown (the table's unit). */
export interface Metric {
  /** Column label, e.g. `ms`, `µs/op`, `GFLOP/s`. */
  unit: string;
  /** Converts one run's milliseconds to the metric. */
  fromMilliseconds(milliseconds: number): number;
  /** Number of decimals to print. */
  digits: number;
}

/** A target the issue sets for a chainrule implementation. */
export interface Target {
  implementation: string;
  /** Human text, e.g. `<= 3x fused plain JS`. */
  description: string;
  /** The measured quantity (a metric value or a ratio) from the medians; undefined when not measurable. */
  measure(medians: ReadonlyMap<string, number>): number | undefined;
  /** How the quantity is printed, e.g. `2.4x`, `0.21 µs/op`. */
  format(value: number): string;
  /** Whether the quantity meets the target. */
  met(value: number): boolean;
}

/** One table: a fixed workload timed for every implementation. */
export interface BenchCase {
  /** Benchmark name matched by `--only` (several cases may share one, e.g. the matmul sizes). */
  benchmark: string;
  id: string;
  title: string;
  /** What one run does, for the README and the JSON. */
  description: string;
  metric: Metric;
  implementations: Implementation[];
  /** Compares a result with the reference numbers (computed once, lazily, by the case). */
  check(result: ArrayLike<number>, implementation: Implementation): CheckOutcome;
  targets: Target[];
  /** Rounds are chosen so that all implementations together take about this long (ms), within min/max. */
  budgetMilliseconds: number;
  /** Runs of the same implementation needed to warm the JIT, before timing. */
  warmupRuns: number;
}
