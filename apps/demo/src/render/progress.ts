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
 * of the run (`iteration   150/1500  loss 0.6131`), which read well in CI logs and pipes.
 */
export function createProgress(total: number, stream: ProgressStream): ProgressReporter {
  return stream.isTTY ? createBar(total, stream) : createPlainLines(total, stream);
}

function createBar(total: number, stream: ProgressStream): ProgressReporter {
  const columns = stream.columns || 80; // some terminals (script(1)) report 0
  const bar = new cliProgress.SingleBar({
    stream,
    format: 'Training {bar} {percentage}% | {value}/{total} iterations | loss {loss}',
    // Room for the text around the bar: about 50 columns with a 4-digit total and a 10-character loss.
    barsize: Math.max(10, Math.min(40, columns - 50 - 2 * String(total).length)),
    barCompleteChar: '█',
    barIncompleteChar: '░',
    // NOTE: training is synchronous, so a Ctrl-C kills the process before any handler could restore the terminal;
    // leave cursor and line wrapping alone (cli-progress would otherwise switch both off while the bar runs).
    hideCursor: false,
    linewrap: true,
    clearOnComplete: false,
    fps: 20,
  });
  bar.start(total, 0, { loss: '…' });
  return {
    update: (iteration, loss) => bar.update(iteration, { loss: formatLoss(loss) }),
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
      stream.write(
        `iteration ${formatCount(iteration).padStart(width)}/${formatCount(total)}  loss ${formatLoss(loss)}\n`,
      );
    },
    stop() {},
  };
}
