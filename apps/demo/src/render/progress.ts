import cliProgress from 'cli-progress';
import { formatCount, formatLoss } from './format';

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

/** Shows training progress; `update` is called once per iteration, `stop` once at the end. */
export interface ProgressReporter {
  update(iteration: number, loss: number): void;
  stop(): void;
}

/** Number of plain progress lines printed when the output is not a terminal (one per tenth of the run). */
export const PLAIN_PROGRESS_LINES = 10;

/**
 * A progress bar (cli-progress) redrawn in place when `stream` is a terminal; otherwise plain lines, one per tenth
 * of the run (`iteration   150/1,500  loss 0.6131`), which read well in CI logs and pipes. The loss shown at
 * iteration k is the loss after k iterations, so the last one shown is the final loss, and is labelled so.
 */
export function createProgress(total: number, stream: ProgressStream): ProgressReporter {
  return stream.isTTY ? createBar(total, stream) : createPlainLines(total, stream);
}

/** Label of the loss shown at `iteration` of `total`: the last one is the final loss. */
export function lossLabel(iteration: number, total: number): string {
  return iteration === total ? 'final loss' : 'loss';
}

const widestLoss = '1.234e-10'; // the widest formatLoss of a loss in [0, ∞)
const fullBar = 40;
const shortestBar = 10;

/**
 * The progress line for a terminal of `columns` columns: the fullest of these layouts whose widest line (at 100%,
 * labelled `final loss`, with the widest loss) fits in `columns − 1` with a bar of at least 10 cells, so the loss
 * stays visible however narrow the terminal.
 */
export function progressLayout(total: number, columns: number): { format: string; barSize: number } {
  const count = formatCount(total);
  const counted = `{iteration}/${count}`;
  const layouts = [
    `Training {bar} {percentage}% | ${counted} ${total === 1 ? 'iteration' : 'iterations'} | {label} {loss}`,
    `{bar} {percentage}% | ${counted} | {label} {loss}`,
    `{bar} ${counted} | {label} {loss}`,
    '{bar} {percentage}% | {label} {loss}',
  ];
  const available = columns - 1; // a line that fills the last column wraps on some terminals
  for (const format of layouts) {
    const barSize = Math.min(fullBar, available - widestLine(format, count, ''));
    if (barSize >= shortestBar) return { format, barSize };
  }
  return { format: '{percentage}% {label} {loss}', barSize: 0 };
}

/** Length of `format` at 100%, labelled `final loss`, with the widest loss and the given bar. */
function widestLine(format: string, count: string, bar: string): number {
  const line = format
    .replace('{bar}', bar)
    .replace('{percentage}', '100')
    .replace('{iteration}', count)
    .replace('{label}', 'final loss')
    .replace('{loss}', widestLoss);
  return [...line].length;
}

function createBar(total: number, stream: ProgressStream): ProgressReporter {
  const columns = stream.columns || 80; // some terminals (script(1)) report 0
  const { format, barSize } = progressLayout(total, columns);
  const width = formatCount(total).length;
  const bar = new cliProgress.SingleBar({
    stream,
    format,
    barsize: barSize,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    // NOTE: training is synchronous, so a Ctrl-C kills the process before any handler could restore the terminal;
    // leave cursor and line wrapping alone (cli-progress would otherwise switch both off while the bar runs).
    hideCursor: false,
    linewrap: true,
    clearOnComplete: false,
    fps: 20,
  });
  bar.start(total, 0, { iteration: formatCount(0).padStart(width), label: 'loss', loss: '…' });
  return {
    update: (iteration, loss) =>
      bar.update(iteration, {
        iteration: formatCount(iteration).padStart(width),
        label: lossLabel(iteration, total),
        loss: formatLoss(loss),
      }),
    stop: () => bar.stop(),
  };
}

function createPlainLines(total: number, stream: ProgressStream): ProgressReporter {
  const width = formatCount(total).length;
  let nextLine = 1;
  return {
    update(iteration, loss) {
      // Print at iterations ceil(k·total/10), k = 1..10: ten evenly spaced lines, the last at `total`.
      if (iteration < Math.ceil((nextLine * total) / PLAIN_PROGRESS_LINES)) return;
      while (nextLine <= PLAIN_PROGRESS_LINES && Math.ceil((nextLine * total) / PLAIN_PROGRESS_LINES) <= iteration)
        nextLine++;
      const count = `${formatCount(iteration).padStart(width)}/${formatCount(total)}`;
      stream.write(`iteration ${count}  ${lossLabel(iteration, total)} ${formatLoss(loss)}\n`);
    },
    stop() {},
  };
}
