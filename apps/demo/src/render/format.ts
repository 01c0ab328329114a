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

/**
 * Any number for people, as JavaScript writes it but with thousands separators in the integer part and no `+` in an
 * exponent: `0.25`, `1,000,000`, `1e40`, `2.5e-7`.
 */
export function formatNumber(value: number): string {
  const text = String(value);
  if (text.includes('e')) return text.replace('e+', 'e');
  const [whole = '', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.slice(sign.length).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}${digits}${fraction === undefined ? '' : `.${fraction}`}`;
}
