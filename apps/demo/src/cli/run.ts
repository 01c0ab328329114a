import { parseCommand, type DemoOptions } from './args';
import { renderLossChart } from '../render/chart';
import { formatCount, formatDuration, formatIterations, formatLoss, formatNumber, wrapWords } from '../render/format';
import { graphFormatOf, renderGraph } from '../render/graph';
import { helpText } from './help';
import { versionText } from './version';
import { formatJson, toJsonResult } from '../render/json-output';
import { checkWritable, writeFilesAtomically, type OutputFile } from './output-files';
import { createProgress, type ProgressStream } from '../render/progress';
import { renderLossPlotSvg } from '../render/svg-plot';
import { renderPredictionTable } from '../render/table';
import { TrainingDivergedError } from '../train/diverged-error';
import { train, type TrainOptions, type TrainResult } from '../train/train';
import { UsageError } from './usage-error';

/** The program name used in error messages. */
export const PROGRAM_NAME = 'chainrule-demo';

/** Exit codes: done, a failure after the command line was accepted, a bad command line, training diverged. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_DIVERGED = 3;

/** The streams the demo writes to. */
export interface DemoStreams {
  stdout: ProgressStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Runs the demo for the given arguments and returns its exit code. Every flag, value and output path is checked
 * before training starts; a bad one is reported on one line of stderr with exit code 2 and nothing is written.
 */
export function runDemo(argv: readonly string[], streams: DemoStreams): number {
  let options: DemoOptions;
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      streams.stdout.write(helpText());
      return EXIT_OK;
    }
    if (command.kind === 'version') {
      streams.stdout.write(versionText());
      return EXIT_OK;
    }
    options = command.options;
    if (options.plotPath !== undefined) checkWritable('--plot', options.plotPath);
    if (options.graphPath !== undefined) checkWritable('--graph', options.graphPath);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    streams.stderr.write(`${PROGRAM_NAME}: ${error.message}\n`);
    return EXIT_USAGE;
  }

  const trainOptions: TrainOptions = {
    iterations: options.iterations,
    learningRate: options.learningRate,
    hiddenUnits: options.hiddenUnits,
    seed: options.seed,
    dtype: options.dtype,
  };
  const verbose = !options.json && !options.quiet;
  const print = (text: string): void => {
    streams.stdout.write(`${text}\n`);
  };
  // Some terminals (script(1)) report 0 columns; output that is not a terminal keeps its lines whole.
  const columns = streams.stdout.isTTY ? streams.stdout.columns || 80 : 80;
  const printSentence = (text: string): void => print(streams.stdout.isTTY ? wrapWords(text, columns - 1) : text);

  if (verbose) {
    printSentence(`chainrule demo: ${describeNetwork(trainOptions)}, SSE loss`);
    printSentence(describeSettings(trainOptions));
    print('');
  }
  const progress = verbose ? createProgress(trainOptions.iterations, streams.stdout) : null;
  let outcome: TrainResult | TrainingDivergedError;
  try {
    outcome = train(
      trainOptions,
      progress ? { onIteration: (iteration, loss) => progress.update(iteration, loss) } : {},
      { compile: options.compile },
    );
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    outcome = error;
  } finally {
    progress?.stop();
  }
  if (outcome instanceof TrainingDivergedError) {
    // One line in every mode, and nothing drawn or written from a run whose numbers are no longer numbers.
    const advice = `try a smaller --lr than ${formatNumber(options.learningRate)}`;
    streams.stderr.write(`${PROGRAM_NAME}: ${outcome.message}; ${advice}\n`);
    return EXIT_DIVERGED;
  }
  const result = outcome;

  const files = outputFiles(options, trainOptions, result);
  try {
    writeFilesAtomically(files.map(({ file }) => file));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    streams.stderr.write(
      `${PROGRAM_NAME}: could not write ${files.map(({ file }) => file.path).join(' and ')}: ${reason}\n`,
    );
    return EXIT_FAILURE;
  }

  if (options.json) {
    print(formatJson(toJsonResult(result)));
    return EXIT_OK;
  }
  if (verbose) {
    print('');
    print(renderLossChart(result.losses, { columns }));
    print('');
    print(renderPredictionTable(result.predictions));
    print('');
  }
  printSentence(summary(result));
  if (verbose) for (const { file, what } of files) print(`Wrote ${what} to ${file.path}`);
  return EXIT_OK;
}

/** The network: `Dense(3→4) → sigmoid → Dense(4→1) → sigmoid`. */
export function describeNetwork(options: TrainOptions): string {
  const hidden = options.hiddenUnits;
  return `Dense(3→${hidden}) → sigmoid → Dense(${hidden}→1) → sigmoid`;
}

/** The training settings: `plain SGD, lr 1, 1,500 iterations, seed 1, float64`. */
export function describeSettings(options: TrainOptions): string {
  return `plain SGD, lr ${formatNumber(options.learningRate)}, ${formatIterations(options.iterations)}, seed ${options.seed}, ${options.dtype}`;
}

/**
 * The closing line: the final loss (after the last update, as in the progress display and the plot), whether the
 * loss fell at every iteration, and the training time.
 */
export function summary(result: TrainResult): string {
  const iterations = result.options.iterations;
  const rises = result.lossRises;
  let course: string;
  if (iterations === 1) course = rises === 0 ? 'it fell in its 1 iteration' : 'it did not fall in its 1 iteration';
  else if (rises === 0) course = `it fell at all ${formatIterations(iterations)}`;
  else course = `it failed to fall at ${formatCount(rises)} of ${formatIterations(iterations)}`;
  return `Final loss ${formatLoss(result.finalLoss)}; ${course}; trained in ${formatDuration(result.trainingMilliseconds)}.`;
}

function outputFiles(
  options: DemoOptions,
  trainOptions: TrainOptions,
  result: TrainResult,
): { file: OutputFile; what: string }[] {
  const files: { file: OutputFile; what: string }[] = [];
  if (options.plotPath !== undefined) {
    const content = renderLossPlotSvg(result.losses, {
      title: 'chainrule demo: training loss',
      subtitle: `${describeNetwork(trainOptions)}; ${describeSettings(trainOptions)}`,
      yLabel: 'loss Σ(y − ŷ)²',
    });
    files.push({ file: { path: options.plotPath, content }, what: 'the loss plot' });
  }
  if (options.graphPath !== undefined) {
    const format = graphFormatOf(options.graphPath);
    files.push({
      file: { path: options.graphPath, content: renderGraph(trainOptions, format) },
      what: `the computation graph (${format})`,
    });
  }
  return files;
}
