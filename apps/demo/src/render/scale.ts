import { formatNumber } from './format';
import { extent } from './sampling';

/**
 * How a loss axis is drawn: log when the values are positive and span at least one decade (a falling loss
 * then shows its whole course, not a cliff and a flat line), linear otherwise.
 */
export type AxisKind = 'log' | 'linear';

/** Picks the axis kind for the given values (see AxisKind). */
export function chooseAxisKind(values: readonly number[]): AxisKind {
  const { min: smallest, max: largest } = extent(values);
  return smallest > 0 && Number.isFinite(largest) && largest / smallest >= 10 ? 'log' : 'linear';
}

/** What an axis of the given kind is called in labels. */
export function axisLabel(kind: AxisKind): string {
  return kind === 'log' ? 'log scale' : 'linear scale';
}

/** A tick: its value and, when it carries one, its label. */
export interface Tick {
  value: number;
  label?: string;
}

/**
 * "Nice" linear ticks (steps of 1, 2, 2.5 or 5 times a power of ten), at most about `count` of them.
 * `cover`: the first and last ticks lie at or beyond [low, high], so they can serve as the axis range;
 * `within`: only ticks inside [low, high] (the caller keeps [low, high] as the range).
 */
export function linearTicks(low: number, high: number, count = 6, mode: 'cover' | 'within' = 'cover'): Tick[] {
  if (!(high > low)) {
    const pad = low === 0 ? 1 : Math.abs(low) * 0.1;
    return linearTicks(low - pad, high + pad, count, mode);
  }
  const step = niceStep((high - low) / Math.max(count - 1, 1));
  const tolerance = step * 1e-9;
  const first = (mode === 'cover' ? Math.floor((low + tolerance) / step) : Math.ceil((low - tolerance) / step)) * step;
  const last = (mode === 'cover' ? Math.ceil((high - tolerance) / step) : Math.floor((high + tolerance) / step)) * step;
  const ticks: Tick[] = [];
  for (let index = 0; first + index * step <= last + tolerance; index++) {
    const value = roundToStep(first + index * step, step);
    ticks.push({ value, label: formatTickValue(value) });
  }
  return ticks;
}

/**
 * Log ticks for [low, high] (both > 0). The range is widened only to the nearest 1, 2 or 5 times a power of ten,
 * and both ends are ticks. Labelled: every power of ten, plus the multiples 2 and 5 when the range spans two decades
 * or fewer, and the ends unless close to a power of ten; the other multiples 2..9 are unlabelled (minor grid lines).
 */
export function logTicks(low: number, high: number): Tick[] {
  const bottom = roundToOneTwoFive(low, 'down');
  let top = roundToOneTwoFive(high, 'up');
  if (!(top > bottom)) top = roundToOneTwoFive(bottom * 1.5, 'up');
  const labelMidpoints = Math.log10(top / bottom) <= 2 + 1e-9;
  const ticks: Tick[] = [];
  for (let decade = Math.floor(Math.log10(bottom) + 1e-9); 10 ** decade <= top * (1 + 1e-9); decade++) {
    for (let multiple = 1; multiple <= 9; multiple++) {
      const value = Number((multiple * 10 ** decade).toPrecision(12));
      if (value < bottom * (1 - 1e-9) || value > top * (1 + 1e-9)) continue;
      const isEnd = value === bottom || value === top;
      // An end is labelled unless it sits within a third of a decade of a labelled power of ten (2 next to 1).
      const endLabelled =
        isEnd && (labelMidpoints || Math.abs(Math.log10(value) - Math.round(Math.log10(value))) > 0.35);
      const labelled = multiple === 1 || endLabelled || (labelMidpoints && (multiple === 2 || multiple === 5));
      ticks.push(labelled ? { value, label: formatTickValue(value) } : { value });
    }
  }
  return ticks;
}

/** The nearest value of the form 1, 2 or 5 times a power of ten at or below (`down`) or above (`up`) `value` > 0. */
function roundToOneTwoFive(value: number, direction: 'down' | 'up'): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const candidates = [0.5, 1, 2, 5, 10, 20].map((multiple) => Number((multiple * power).toPrecision(12)));
  const tolerance = value * 1e-9;
  return direction === 'down'
    ? candidates.filter((candidate) => candidate <= value + tolerance).at(-1)!
    : candidates.find((candidate) => candidate >= value - tolerance)!;
}

/** Short label for a tick value, six significant digits at most: `0.001`, `250`, `1,500`, `1,000,000`, `1e-5`. */
export function formatTickValue(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(6));
  if (Math.abs(rounded) < 1e-4) return rounded.toExponential();
  return formatNumber(rounded);
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = [1, 2, 2.5, 5].find((candidate) => fraction <= candidate * (1 + 1e-9)) ?? 10;
  return nice * power;
}

function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(decimals, 20)));
}
