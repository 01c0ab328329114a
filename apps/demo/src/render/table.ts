import type { Prediction } from '../train/train';

/**
 * The predictions as a text table: each input row, its target, the network's output and the absolute error
 * `|target − prediction|`, numbers right-aligned with four decimals.
 */
export function renderPredictionTable(predictions: readonly Prediction[]): string {
  const header = ['input', 'target', 'prediction', 'error'];
  const rows = predictions.map((row) => [
    `[${row.input.join(', ')}]`,
    String(row.target),
    row.prediction.toFixed(4),
    Math.abs(row.target - row.prediction).toFixed(4),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('   ');
  const rule = widths.map((width) => '─'.repeat(width)).join('───');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
