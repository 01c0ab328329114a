import asciichart from 'asciichart';
import { formatCount } from './format';
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
 * The loss curve as terminal text (asciichart): a title, the plot with loss labels on the left, and an iteration axis.
 * The losses are downsampled to the available width (evenly spaced samples, always the first and the last);
 * the y axis is logarithmic when the losses span a decade or more, and the title says which.
 */
export function renderLossChart(losses: readonly number[], options: LossChartOptions): string {
  if (losses.length === 0) throw new RangeError('renderLossChart: no losses to chart');
  requireFinite('renderLossChart', losses);
  const sampleCount = Math.max(minimumSamples, options.columns - labelWidth - 3);
  const samples = downsample(losses, sampleCount);
  const kind = chooseAxisKind(losses);
  const transformed = kind === 'log' ? samples.map((loss) => Math.log10(loss)) : samples;
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
  const fullTitle = `Loss (sum of squared errors, ${axisLabel(kind)}) over ${formatCount(losses.length)} iterations`;
  const title = fullTitle.length <= options.columns ? fullTitle : `Loss (SSE, ${axisLabel(kind)})`;
  const plotLines = plot.split('\n').map((line) => line.trimEnd());
  return [title, ...plotLines, ...iterationAxis(losses.length, samples.length)].join('\n');
}

/** Evenly spaced samples of `values`, `count` at most, always the first and the last (see sampleIndices). */
export function downsample(values: readonly number[], count: number): number[] {
  return sampleIndices(values.length, count).map((index) => values[index]!);
}

/** Axis label of a loss: three significant digits, in at most eight characters. */
function formatChartLabel(value: number): string {
  const magnitude = Math.abs(value);
  return magnitude === 0 || (magnitude >= 1e-3 && magnitude < 1e4) ? value.toPrecision(3) : value.toExponential(2);
}

/** The x axis under asciichart's plot: a rule with tick marks, then the iteration numbers under them. */
function iterationAxis(iterations: number, sampleCount: number): string[] {
  const start = labelWidth; // the column of asciichart's y axis, where the first sample sits
  const columnOf = (iteration: number): number =>
    start + (iterations <= 1 ? 0 : Math.round(((Math.max(iteration, 1) - 1) * (sampleCount - 1)) / (iterations - 1)));
  const end = start + sampleCount; // one past the last sample's column
  const rule = [...`${' '.repeat(start)}└${'─'.repeat(sampleCount - 1)}`];
  const axisTitle = 'iteration'.padStart(start - 1);
  const labels = [...(axisTitle + ' '.repeat(end - axisTitle.length))];
  let nextFree = start;
  const ticks = linearTicks(0, iterations, Math.max(2, Math.min(7, Math.floor(sampleCount / 10))), 'within');
  for (const tick of ticks) {
    const column = columnOf(tick.value);
    const label = tick.label ?? '';
    const labelStart = Math.min(Math.max(column - Math.floor(label.length / 2), start), end - label.length);
    if (labelStart < nextFree) continue;
    if (column > start) rule[column] = '┴';
    labels.splice(labelStart, label.length, ...label);
    nextFree = labelStart + label.length + 1;
  }
  return [rule.join(''), labels.join('').trimEnd()];
}
