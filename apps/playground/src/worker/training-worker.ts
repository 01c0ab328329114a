// The training loop, off the main thread: it trains in slices of a few milliseconds, answers the page's messages
// between slices, and sends a frame of pictures whenever the page has drawn the previous one.
import { type Settings, evaluationInterval } from '../settings/settings';
import { type Evaluation, Trainer } from '../training/trainer';
import type { Frame, FromWorker, HistoryChunk, ToWorker } from './protocol';
import { SpeedMeter } from './speed-meter';

/** How long one slice of training runs before the worker looks at its messages again. */
const SLICE_MILLISECONDS = 12;
/** Resolution of the heat map (points per side); the small maps of the units keep every second row and column. */
const GRID_RESOLUTION = 48;
const UNIT_STRIDE = 2;
/** Least time between two steps whose graph is drawn while training (drawing one costs about a backward pass). */
const GRAPH_INTERVAL_MILLISECONDS = 400;

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, options?: { transfer?: Transferable[] }): void;
}
const scope = self as unknown as WorkerScope;

let trainer: Trainer | null = null;
let run = 0;
let running = false;
let history = emptyHistory();
let frameWanted = false;
let awaitingDraw = false;
let datasetSent = false;
let graphRequestedAt = Number.NEGATIVE_INFINITY;
let graphSentStep = -1;
let latest: { run: number; evaluation: Evaluation } | null = null;
/** Where pacing under a speed limit started: steps are allowed at `speed` per second from here. */
const pace = { step: 0, time: 0 };
const speed = new SpeedMeter();

// A MessageChannel schedules the next slice with no delay (nested setTimeout calls are clamped to 4 ms).
const tick = new MessageChannel();
let sliceScheduled = false;
let sliceTimer: ReturnType<typeof setTimeout> | null = null;
tick.port1.onmessage = () => {
  sliceScheduled = false;
  guarded(trainSlice);
};

scope.onmessage = (event) => guarded(() => handle(event.data));

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'configure':
      if (!trainer?.update(message.settings)) startRun(message.settings);
      restartPace(currentTrainer().stepCount);
      speed.restart(currentTrainer().stepCount);
      wantFrame();
      break;
    case 'reset':
      if (trainer) startRun(trainer.settings);
      wantFrame();
      break;
    case 'play':
      running = true;
      speed.restart(currentTrainer().stepCount);
      restartPace(currentTrainer().stepCount);
      scheduleSlice();
      wantFrame();
      break;
    case 'pause':
      running = false;
      wantFrame();
      break;
    case 'step': {
      running = false;
      const active = currentTrainer();
      active.requestGraph();
      active.step();
      record(active);
      wantFrame();
      break;
    }
    case 'frame-drawn':
      awaitingDraw = false;
      sendFrameIfWanted();
      break;
    case 'export-weights': {
      const active = currentTrainer();
      const bytes = active.saveWeights();
      const fileName = `chainrule-playground-${active.settings.problem}-step-${active.stepCount}.safetensors`;
      scope.postMessage({ type: 'weights', bytes, fileName }, { transfer: [bytes.buffer] });
      break;
    }
  }
}

function startRun(settings: Settings): void {
  trainer = new Trainer(settings);
  run++;
  history = emptyHistory();
  datasetSent = false;
  graphSentStep = -1;
  record(trainer);
  speed.restart(0);
}

function currentTrainer(): Trainer {
  if (!trainer) throw new Error('the worker got a command before its first settings');
  return trainer;
}

/**
 * Training for one slice (at most SLICE_MILLISECONDS, and no further ahead of the speed limit than it allows),
 * then a frame if the page is ready for one, then the next slice.
 */
function trainSlice(): void {
  if (!running || !trainer) return;
  const active = trainer;
  const every = evaluationInterval(active.settings);
  const start = performance.now();
  const limit = active.settings.speed;
  let allowed = Number.POSITIVE_INFINITY;
  if (limit > 0) {
    allowed = Math.floor(((start - pace.time) * limit) / 1000) - (active.stepCount - pace.step);
    if (allowed > limit) {
      // More than a second behind (the tab slept, or the limit changed): start pacing again from here.
      restartPace(active.stepCount, start);
      allowed = 1;
    }
  }
  if (start - graphRequestedAt >= GRAPH_INTERVAL_MILLISECONDS) {
    active.requestGraph();
    graphRequestedAt = start;
  }
  while (allowed > 0 && performance.now() - start < SLICE_MILLISECONDS) {
    active.step();
    allowed--;
    if (active.stepCount % every === 0) record(active);
  }
  speed.sample(active.stepCount);
  wantFrame();
  scheduleSlice(limit > 0 ? Math.max(4, 1000 / limit) : 0);
}

/** Runs the next slice after `delay` ms, or at once through the MessageChannel; one slice is ever pending. */
function scheduleSlice(delay = 0): void {
  if (!running || sliceScheduled || sliceTimer !== null) return;
  if (delay > 0) {
    sliceTimer = setTimeout(() => {
      sliceTimer = null;
      scheduleSlice();
    }, delay);
    return;
  }
  sliceScheduled = true;
  tick.port2.postMessage(null);
}

function restartPace(step: number, time = performance.now()): void {
  pace.step = step;
  pace.time = time;
}

interface HistoryColumns {
  steps: number[];
  trainLoss: number[];
  testLoss: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
}

function emptyHistory(): HistoryColumns {
  return { steps: [], trainLoss: [], testLoss: [], trainAccuracy: [], testAccuracy: [] };
}

/** Evaluates the whole sets at the current step (once per step) and keeps the result for the next frame. */
function record(active: Trainer): Evaluation {
  if (latest && latest.run === run && latest.evaluation.step === active.stepCount) return latest.evaluation;
  const evaluation = active.evaluate();
  latest = { run, evaluation };
  history.steps.push(evaluation.step);
  history.trainLoss.push(evaluation.trainLoss);
  history.testLoss.push(evaluation.testLoss ?? Number.NaN);
  history.trainAccuracy.push(evaluation.trainAccuracy);
  history.testAccuracy.push(evaluation.testAccuracy ?? Number.NaN);
  return evaluation;
}

function wantFrame(): void {
  frameWanted = true;
  sendFrameIfWanted();
}

function sendFrameIfWanted(): void {
  if (!frameWanted || awaitingDraw || !trainer) return;
  frameWanted = false;
  awaitingDraw = true;
  const active = trainer;
  // While training, the latest evaluation (a few steps old) serves; paused, the frame's own step is evaluated.
  const evaluation = running && latest?.run === run ? latest.evaluation : record(active);
  const latestGraph = active.graph();
  const graph = latestGraph && latestGraph.step !== graphSentStep ? latestGraph : null;
  if (graph) graphSentStep = graph.step;
  const chunk: HistoryChunk = {
    steps: Float64Array.from(history.steps),
    trainLoss: Float64Array.from(history.trainLoss),
    testLoss: Float64Array.from(history.testLoss),
    trainAccuracy: Float64Array.from(history.trainAccuracy),
    testAccuracy: Float64Array.from(history.testAccuracy),
  };
  history = emptyHistory();
  const grid = active.gridOutputs(GRID_RESOLUTION, UNIT_STRIDE);
  const frame: Frame = {
    run,
    settings: active.settings,
    running,
    step: active.stepCount,
    stepsPerSecond: running ? speed.perSecond() : 0,
    evaluation,
    history: chunk,
    grid,
    weights: active.weights(),
    predictions: active.settings.problem === 'tutorial' ? active.predictions() : null,
    graph,
    dataset: datasetSent ? null : active.dataset,
  };
  datasetSent = true;
  const transfer: Transferable[] = [
    ...Object.values(chunk).map((column: Float64Array) => column.buffer),
    grid.output.buffer,
    ...grid.hidden.map((layer) => layer.buffer),
  ];
  scope.postMessage({ type: 'frame', frame }, { transfer });
}

function guarded(action: () => void): void {
  try {
    action();
  } catch (error) {
    running = false;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    scope.postMessage({ type: 'error', message });
  }
}
