/** Steps per second over the last second or so of training (a sliding window of samples). */
export class SpeedMeter {
  readonly #window: number;
  #samples: { time: number; step: number }[] = [];

  constructor(windowMilliseconds = 1000) {
    this.#window = windowMilliseconds;
  }

  /** Starts measuring afresh from `step` (after a pause or a new run). */
  restart(step: number, time = performance.now()): void {
    this.#samples = [{ time, step }];
  }

  /** Notes that `step` was reached at `time`. */
  sample(step: number, time = performance.now()): void {
    this.#samples.push({ time, step });
    while (this.#samples.length > 2 && time - this.#samples[1]!.time >= this.#window) this.#samples.shift();
  }

  /** Steps per second between the oldest and newest samples in the window (0 before two samples). */
  perSecond(): number {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    if (!first || !last || last.time <= first.time) return 0;
    return ((last.step - first.step) * 1000) / (last.time - first.time);
  }
}
