/**
 * A loss with four significant digits: `1.412`, `0.002634`, below 0.001 in exponent form, `2.634e-7`, and from 1,000
 * up with thousands separators, `12,350`.
 */
export function formatLoss(loss: number): string {
  const magnitude = Math.abs(loss);
  if (!Number.isFinite(loss) || loss === 0) return loss.toPrecision(4);
  if (magnitude < 1e-3) return loss.toExponential(3);
  if (magnitude < 1e3) return loss.toPrecision(4);
  return formatNumber(Number(loss.toPrecision(4)));
}

/** A duration for people: `850 ms`, `1.24 s`, `2 min 05 s`. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(2)} s`;
  const seconds = Math.round(milliseconds / 1000);
  return `${formatCount(Math.floor(seconds / 60))} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A count with thousands separators: `1,500`. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A number of iterations, singular or plural: `1 iteration`, `1,500 iterations`. */
export function formatIterations(count: number): string {
  return `${formatCount(count)} ${count === 1 ? 'iteration' : 'iterations'}`;
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

/**
 * `text` broken at spaces into lines of at most `width` characters, preferring to break after a phrase (a word ending
 * in `,` `;` `:` or an arrow `→`), so `seed 1` or `3,000 iterations` stay on one line; a longer word keeps a line
 * of its own.
 */
export function wrapWords(text: string, width: number): string {
  const length = (words: readonly string[]): number => [...words.join(' ')].length;
  const lines: string[] = [];
  let current: string[] = [];
  for (const word of text.split(' ')) {
    current.push(word);
    while (current.length > 1 && length(current) > width) {
      const overflowing = current.slice(0, -1);
      let cut = overflowing.length;
      for (let count = overflowing.length; count > 0; count--) {
        if (/[,;:→]$/.test(overflowing[count - 1]!)) {
          cut = count;
          break;
        }
      }
      lines.push(current.slice(0, cut).join(' '));
      current = current.slice(cut);
    }
  }
  lines.push(current.join(' '));
  return lines.join('\n');
}
