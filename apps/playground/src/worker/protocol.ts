import type { Settings } from '../settings/settings';
import type { Dataset } from '../training/datasets';
import type { Evaluation, GridOutputs, LayerWeights, StepGraph } from '../training/trainer';

/** Messages from the page to the training worker. */
export type ToWorker =
  /** New settings: applied live when only the learning rate, batch size or optimizer changed, else a new run. */
  | { type: 'configure'; settings: Settings }
  | { type: 'play' }
  | { type: 'pause' }
  /** One optimizer step (pauses first). */
  | { type: 'step' }
  /** A new run from the current settings: new data and weights from the seed. */
  | { type: 'reset' }
  /** The page drew the last frame: the worker may send the next one. */
  | { type: 'frame-drawn' }
  | { type: 'export-weights' };

/** Messages from the training worker to the page. */
export type FromWorker =
  | { type: 'frame'; frame: Frame }
  | { type: 'weights'; bytes: Uint8Array; fileName: string }
  | { type: 'error'; message: string };

/** Evaluations recorded since the previous frame, column by column (NaN where a problem has no test set). */
export interface HistoryChunk {
  steps: Float64Array;
  trainLoss: Float64Array;
  testLoss: Float64Array;
  trainAccuracy: Float64Array;
  testAccuracy: Float64Array;
}

/** Everything the page draws, sent at most once per drawn frame. */
export interface Frame {
  /** Counts runs: a new run (new settings or reset) has a new number, and its first frame carries `dataset`. */
  run: number;
  /** The settings the run trains with (live changes included). */
  settings: Settings;
  running: boolean;
  step: number;
  stepsPerSecond: number;
  evaluation: Evaluation;
  history: HistoryChunk;
  grid: GridOutputs;
  weights: LayerWeights[];
  /** The tutorial's four predictions; null for the 2-D sets. */
  predictions: number[] | null;
  /** The latest step's graph when it changed (at most a few times a second while training). */
  graph: StepGraph | null;
  /** The data of a new run (first frame of each run only). */
  dataset: Dataset | null;
}
