/** A loss with four significant digits: `1.412`, `0.002634`, and below 0.001 in exponent form, `2.634e-7`. */
export function formatLoss(loss: number): string {
  return loss === 0 || Math.abs(loss) >= 1e-3 || !Number.isFinite(loss) ? loss.toPrecision(4) : loss.toExponential(3);
}

/** A duration for people: `850 ms`, `1.24 s`, `2 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(2)} s`;
  const seconds = Math.round(milliseconds / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A count with thousands separators: `1,500`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
