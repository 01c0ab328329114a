import type { Var } from '@chainrule/autograd';

/**
 * `Module.summary()`'s text: a table of the parameters (name, shape, dtype, elements) closed by their total, then
 * the same table for the buffers when there are any. Counts have thousands separators.
 */
export function summaryTable(parameters: readonly [string, Var][], buffers: readonly [string, Var][]): string {
  const tables = [table('parameter', 'parameters', parameters)];
  if (buffers.length > 0) tables.push(table('buffer (not trained)', 'elements', buffers));
  return tables.join('\n\n');
}

function table(nameHeader: string, countHeader: string, entries: readonly [string, Var][]): string {
  let total = 0;
  const rows = entries.map(([name, entry]) => {
    total += entry.size;
    return [name, `[${entry.shape.join(', ')}]`, entry.dtype, withSeparators(entry.size)];
  });
  const lines = [[nameHeader, 'shape', 'dtype', countHeader], ...rows, ['total', '', '', withSeparators(total)]];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...lines.map((line) => line[column]!.length)));
  return lines
    .map((line) =>
      line
        .map((cell, column) => (column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}

/** `1234567` as `1,234,567`. */
function withSeparators(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
