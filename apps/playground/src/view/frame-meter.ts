/** Counts animation frames and reports frames per second about twice a second. */
export class FrameMeter {
  #windowStart = -1;
  #frames = 0;

  /** Call once per animation frame; returns the rate when a half-second window closes, else null. */
  tick(now: number): number | null {
    if (this.#windowStart < 0) {
      this.#windowStart = now;
      return null;
    }
    this.#frames++;
    const elapsed = now - this.#windowStart;
    if (elapsed < 500) return null;
    const rate = (this.#frames * 1000) / elapsed;
    this.#windowStart = now;
    this.#frames = 0;
    return rate;
  }
}
