import type { HistoryChunk } from '../worker/protocol';

const COLUMNS = ['steps', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy'] as const;
type Column = (typeof COLUMNS)[number];

/** The series a chart draws: x (steps) and one y array per series, with null for a missing value. */
export interface ChartSeries {
  steps: number[];
  trainLoss: (number | null)[];
  testLoss: (number | null)[];
}

/**
 * Every evaluation of a run, in step order: steps, train and test loss, train and test accuracy (NaN where a
 * problem has no test set). Grows by appending the chunks the worker sends; kept whole for the CSV download.
 */
export class LossHistory {
  #length = 0;
  #columns: Record<Column, Float64Array> = makeColumns(1024);

  get length(): number {
    return this.#length;
  }

  clear(): void {
    this.#length = 0;
  }

  append(chunk: HistoryChunk): void {
    const added = chunk.steps.length;
    const needed = this.#length + added;
    if (needed > this.#columns.steps.length) {
      const grown = makeColumns(Math.max(needed, 2 * this.#columns.steps.length));
      for (const column of COLUMNS) grown[column].set(this.#columns[column].subarray(0, this.#length));
      this.#columns = grown;
    }
    for (const column of COLUMNS) this.#columns[column].set(chunk[column], this.#length);
    this.#length = needed;
  }

  /** One column, as a view of the recorded values (do not keep it past the next `append`). */
  column(name: Column): Float64Array {
    return this.#columns[name].subarray(0, this.#length);
  }

  /** True when at least one evaluation has a test loss (the 2-D sets; not the tutorial). */
  hasTest(): boolean {
    return this.column('testLoss').some((value) => !Number.isNaN(value));
  }

  /**
   * At most about `maxPoints` evaluations for a chart: every k-th one (k as small as fits) and always the last, so
   * the chart costs the same however long a run has trained. Losses that are not positive and finite (a log axis
   * cannot show them) become null.
   */
  downsample(maxPoints: number): ChartSeries {
    const stride = Math.max(1, Math.ceil(this.#length / maxPoints));
    const steps: number[] = [];
    const trainLoss: (number | null)[] = [];
    const testLoss: (number | null)[] = [];
    const take = (index: number) => {
      steps.push(this.#columns.steps[index]!);
      trainLoss.push(positiveOrNull(this.#columns.trainLoss[index]!));
      testLoss.push(positiveOrNull(this.#columns.testLoss[index]!));
    };
    for (let index = 0; index < this.#length; index += stride) take(index);
    if (this.#length > 0 && (this.#length - 1) % stride !== 0) take(this.#length - 1);
    return { steps, trainLoss, testLoss };
  }
}

function makeColumns(capacity: number): Record<Column, Float64Array> {
  return {
    steps: new Float64Array(capacity),
    trainLoss: new Float64Array(capacity),
    testLoss: new Float64Array(capacity),
    trainAccuracy: new Float64Array(capacity),
    testAccuracy: new Float64Array(capacity),
  };
}

function positiveOrNull(value: number): number | null {
  return Number.isFinite(value) && value > 0 ? value : null;
}
