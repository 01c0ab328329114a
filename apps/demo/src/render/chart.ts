import asciichart from 'asciichart';
import { formatIterations, formatNumber } from './format';
import { extent, requireFinite, sampleIndices } from './sampling';
import { axisLabel, chooseAxisKind, linearTicks } from './scale';

/** Size of the terminal chart. */
export interface LossChartOptions {
  /** Terminal width in columns; the chart and its labels fit within it. */
  columns: number;
  /** Rows of the plot area. */
  height?: number;
}

const labelWidth = 10;
const minimumSamples = 10;

/**
 * The loss curve as terminal text (asciichart): a title, the plot with loss labels on the left, and an iteration axis
 * from 0 to the last iteration, which always carries a label. `losses[k]` is the loss after k iterations. The losses
 * are fitted to the available width, one sample per column: a long run is downsampled (evenly spaced samples, always
 * the first and the last), a short one interpolated linearly on the drawn scale, so that each step spans columns as
 * the SVG plot draws it, instead of jumping in the first column beside the axis. The y axis is logarithmic when the
 * losses span a decade or more, and the title says which.
 */
export function renderLossChart(losses: readonly number[], options: LossChartOptions): string {
  if (losses.length === 0) throw new RangeError('renderLossChart: no losses to chart');
  requireFinite('renderLossChart', losses);
  const sampleCount = Math.max(minimumSamples, options.columns - labelWidth - 3);
  const kind = chooseAxisKind(losses);
  const samples = downsample(losses, sampleCount);
  const onScale = kind === 'log' ? samples.map((loss) => Math.log10(loss)) : samples;
  const transformed = losses.length >= sampleCount ? onScale : interpolate(onScale, sampleCount);
  // NOTE: asciichart marks the row it computes as y = 0 with '┼', but counts that row from the wrong end; shifting
  // the series to strictly positive values keeps the stray mark out, and the labels undo the shift.
  const { min: low, max: high } = extent(transformed);
  const range = high - low;
  const shift = (range > 0 ? range : 1) - low;
  const plot = asciichart.plot(
    transformed.map((value) => value + shift),
    {
      height: options.height ?? 12,
      offset: 2,
      format: (value) => {
        const unshifted = value - shift;
        return `${formatChartLabel(kind === 'log' ? 10 ** unshifted : unshifted).padStart(labelWidth - 1)} `;
      },
    },
  );
  const iterations = losses.length - 1;
  const fullTitle = `Loss (sum of squared errors, ${axisLabel(kind)}) over ${formatIterations(iterations)}`;
  const title = fullTitle.length <= options.columns ? fullTitle : `Loss (SSE, ${axisLabel(kind)})`;
  const plotLines = plot.split('\n').map((line) => line.trimEnd());
  return [title, ...plotLines, ...iterationAxis(iterations, transformed.length)].join('\n');
}

/** Evenly spaced samples of `values`, `count` at most, always the first and the last (see sampleIndices). */
export function downsample(values: readonly number[], count: number): number[] {
  return sampleIndices(values.length, count).map((index) => values[index]!);
}

/**
 * `count` values spread evenly over `values` (at least two of them), the first and the last kept: the value at
 * position `i·(length − 1)/(count − 1)`, interpolated linearly between its neighbours.
 */
export function interpolate(values: readonly number[], count: number): number[] {
  if (values.length === 1) return Array.from({ length: count }, () => values[0]!);
  return Array.from({ length: count }, (_, index) => {
    const position = (index * (values.length - 1)) / (count - 1);
    const below = Math.floor(position);
    if (below >= values.length - 1) return values.at(-1)!;
    const fraction = position - below;
    return values[below]! + fraction * (values[below + 1]! - values[below]!);
  });
}

/** Axis label of a loss: three significant digits, in at most nine characters (`0.0821`, `1,230`, `4.04e-4`). */
function formatChartLabel(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e3)) return value.toPrecision(3);
  if (magnitude >= 1e3 && magnitude < 1e7) return formatNumber(Number(value.toPrecision(3)));
  return value.toExponential(2).replace('e+', 'e');
}

/**
 * The x axis under asciichart's plot: a rule with tick marks, then the iteration numbers under them. Sample s of
 * `sampleCount` sits in column `start + s` and stands for iteration `round(s·iterations/(sampleCount − 1))`. The last
 * iteration is always labelled, at the end; the evenly spaced ticks before it are kept where their labels fit.
 */
function iterationAxis(iterations: number, sampleCount: number): string[] {
  const start = labelWidth; // the column of asciichart's y axis, where the first sample sits
  const columnOf = (iteration: number): number =>
    start + (iterations === 0 ? 0 : Math.round((iteration * (sampleCount - 1)) / iterations));
  const end = start + Math.max(sampleCount, 1); // one past the last sample's column
  const rule = [...`${' '.repeat(start)}└${'─'.repeat(Math.max(sampleCount - 1, 0))}`];
  const axisTitle = 'iteration'.padStart(start - 1);
  const labels = [...(axisTitle + ' '.repeat(end - axisTitle.length))];
  const count = Math.max(2, Math.min(7, Math.floor(sampleCount / 10)));
  const ticks = linearTicks(0, iterations, count, 'within').filter(
    (tick) => Number.isInteger(tick.value) && tick.value >= 0 && tick.value < iterations,
  );
  // The end first, so that an evenly spaced tick too close to it gives way.
  const placed: { column: number; label: string; labelStart: number }[] = [];
  const endLabel = formatNumber(iterations);
  const endColumn = columnOf(iterations);
  placed.push({ column: endColumn, label: endLabel, labelStart: Math.max(start, end - endLabel.length) });
  for (const tick of ticks) {
    const label = tick.label ?? '';
    const column = columnOf(tick.value);
    const labelStart = Math.min(Math.max(column - Math.floor(label.length / 2), start), end - label.length);
    const clear = placed.every(
      (other) =>
        labelStart + label.length + 1 <= other.labelStart || other.labelStart + other.label.length + 1 <= labelStart,
    );
    if (clear && column !== endColumn) placed.push({ column, label, labelStart });
  }
  for (const { column, label, labelStart } of placed) {
    if (column > start) rule[column] = '┴';
    labels.splice(labelStart, label.length, ...label);
  }
  return [rule.join(''), labels.join('').trimEnd()];
}
