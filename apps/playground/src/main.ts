import './styles.css';
import { lossHistoryCsv } from './output/csv';
import { download } from './output/download';
import { LossHistory } from './output/loss-history';
import { type ProblemName, type Settings, classifyChange, describeNetwork, presetFor } from './settings/settings';
import { settingsFromQuery, settingsToQuery } from './settings/url-state';
import { Controls, byId } from './view/controls';
import { FrameMeter } from './view/frame-meter';
import { GraphView } from './view/graph-view';
import { HeatMap } from './view/heat-map';
import { LossChart } from './view/loss-chart';
import { NetworkDiagram } from './view/network-diagram';
import { TutorialPanel } from './view/tutorial-panel';
import type { Frame, FromWorker, ToWorker } from './worker/protocol';

/** Points the loss chart draws at most, however long the run (the CSV keeps every evaluation). */
const CHART_POINTS = 600;

const PROBLEM_NOTES: Record<ProblemName, string> = {
  tutorial:
    'The "neural network from scratch" tutorial: inputs [x1, x2, 1], target x1 XOR x2, Dense(3→4) → sigmoid → Dense(4→1) → sigmoid without biases, weights uniform in [0, 1), sum of squared errors, plain SGD at learning rate 1. The heat map shows the output over (x1, x2) with the third input at 1.',
  circle: 'Blue inside, orange on a ring around it. Binary cross-entropy on logits; the heat map is σ(logit).',
  xor: 'Blue where x1 and x2 have the same sign: no straight line separates the classes.',
  gaussians: 'Two round clouds; noise widens them until they overlap.',
  spiral: 'Two interleaved spiral arms: the hardest set here; try 2 hidden layers of 16 tanh units.',
};

const { settings: initialSettings, problems: urlProblems } = settingsFromQuery(window.location.search);
let settings: Settings = initialSettings;
let running = false;
let currentRun = -1;
let pendingFrame: Frame | null = null;
/** Average time the page spends drawing one frame of pictures (an exponential moving average). */
let drawMilliseconds = 0;

const worker = new Worker(new URL('./worker/training-worker.ts', import.meta.url), { type: 'module' });
const send = (message: ToWorker) => worker.postMessage(message);

const form = byId<HTMLFormElement>('controls');
const controls = new Controls(
  form,
  (next) => apply(next),
  (problem) => {
    // A new problem brings its preset (the seed stays): the controls show it before it applies.
    const preset = presetFor(problem, settings.seed);
    controls.set(preset);
    apply(preset);
  },
);
const heatMap = new HeatMap(byId<HTMLCanvasElement>('heat-map'));
const lossChart = new LossChart(byId('loss-chart'));
const diagram = new NetworkDiagram(byId('diagram'));
const graphView = new GraphView(byId('graph'), byId('graph-dot'), byId('graph-mermaid'), byId('graph-step'));
const tutorialPanel = new TutorialPanel(byId<HTMLTableSectionElement>('predictions'), byId('weights'));
const history = new LossHistory();
const frameMeter = new FrameMeter();
const playButton = byId<HTMLButtonElement>('play');
const notice = byId<HTMLParagraphElement>('notice');

if (urlProblems.length > 0)
  showNotice(`Some settings in the link were not understood and use defaults: ${urlProblems.join('; ')}.`);
controls.set(settings);
showSettings();
send({ type: 'configure', settings });

/**
 * New settings from the controls (which already show them, so the focus stays where it is): kept in the URL and
 * sent to the worker, which rebuilds or applies them live.
 */
function apply(next: Settings): void {
  const change = classifyChange(settings, next);
  settings = next;
  if (change === 'none') return;
  showSettings();
  send({ type: 'configure', settings });
}

function showSettings(): void {
  const query = settingsToQuery(settings);
  if (window.location.search !== query) window.history.replaceState(null, '', `${query}${window.location.hash}`);
  byId('network-summary').textContent = describeNetwork(settings);
  byId('problem-note').textContent = PROBLEM_NOTES[settings.problem];
  const tutorial = settings.problem === 'tutorial';
  byId('tutorial-panel').hidden = !tutorial;
  document.body.dataset.problem = settings.problem;
  for (const element of document.querySelectorAll<HTMLElement>('.test-stat')) element.hidden = tutorial;
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const message = event.data;
  if (message.type === 'frame') receiveFrame(message.frame);
  else if (message.type === 'weights') {
    download(message.fileName, message.bytes as Uint8Array<ArrayBuffer>, 'application/octet-stream');
    byId('export-status').textContent =
      `Saved ${message.fileName} (${message.bytes.length.toLocaleString('en')} bytes).`;
  } else {
    setRunning(false);
    showNotice(`Training stopped: ${message.message}`);
    console.error(`chainrule playground: ${message.message}`);
  }
};

worker.onerror = (event) => {
  showNotice(`The training worker failed: ${event.message}`);
  console.error(`chainrule playground worker: ${event.message}`);
};

/** History and new data are taken at once (no chunk may be lost); the pictures wait for the next animation frame. */
function receiveFrame(frame: Frame): void {
  if (frame.run !== currentRun) {
    currentRun = frame.run;
    history.clear();
    graphView.clear('Press play or step to record a step, then its graph appears here.');
  }
  if (frame.dataset) {
    heatMap.setDataset(frame.dataset);
    const inputs = frame.dataset.features === 3 ? ['x1', 'x2', '1'] : ['x1', 'x2'];
    diagram.setStructure({
      inputs,
      hidden: frame.settings.hidden,
      activation: frame.settings.activation,
    });
  }
  history.append(frame.history);
  setRunning(frame.running);
  pendingFrame = frame;
}

function draw(frame: Frame): void {
  const { evaluation } = frame;
  setStat('stat-step', frame.step, frame.step.toLocaleString('en'));
  setStat('stat-train-loss', evaluation.trainLoss, formatNumber(evaluation.trainLoss));
  setStat('stat-test-loss', evaluation.testLoss, formatNumber(evaluation.testLoss));
  setStat('stat-train-accuracy', evaluation.trainAccuracy, formatPercent(evaluation.trainAccuracy));
  setStat('stat-test-accuracy', evaluation.testAccuracy, formatPercent(evaluation.testAccuracy));
  if (frame.running)
    setStat('stat-steps-per-second', frame.stepsPerSecond, Math.round(frame.stepsPerSecond).toLocaleString('en'));
  heatMap.setOutput(frame.grid.output, frame.grid.resolution);
  diagram.update(frame.weights, frame.grid);
  lossChart.update(history.downsample(CHART_POINTS), history.hasTest());
  if (frame.predictions) tutorialPanel.update(frame.predictions, frame.weights);
  if (frame.graph) {
    try {
      graphView.show(frame.graph);
    } catch (error) {
      graphView.clear(`The graph could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
      console.error(error);
    }
  }
}

function animate(now: number): void {
  const fps = frameMeter.tick(now);
  if (fps !== null) {
    setStat('stat-fps', fps, fps.toFixed(0));
    const fpsElement = byId('stat-fps');
    fpsElement.dataset.drawMilliseconds = drawMilliseconds.toFixed(2);
    fpsElement.title = `Drawing a frame of pictures takes ${drawMilliseconds.toFixed(1)} ms on average`;
  }
  if (pendingFrame) {
    const frame = pendingFrame;
    pendingFrame = null;
    const start = performance.now();
    try {
      draw(frame);
    } finally {
      // Even if a picture failed, the worker may send the next frame: the others keep moving.
      drawMilliseconds = 0.9 * drawMilliseconds + 0.1 * (performance.now() - start);
      send({ type: 'frame-drawn' });
    }
  }
  requestAnimationFrame(animate);
}
requestAnimationFrame(animate);

function setRunning(value: boolean): void {
  running = value;
  playButton.classList.toggle('playing', value);
  playButton.setAttribute('aria-label', value ? 'Pause' : 'Play');
  playButton.dataset.state = value ? 'playing' : 'paused';
}

playButton.addEventListener('click', () => {
  setRunning(!running);
  send({ type: running ? 'play' : 'pause' });
});
byId<HTMLButtonElement>('step').addEventListener('click', () => {
  setRunning(false);
  send({ type: 'step' });
});
byId<HTMLButtonElement>('reset').addEventListener('click', () => send({ type: 'reset' }));
byId<HTMLInputElement>('show-test').addEventListener('change', (event) =>
  heatMap.setShowTest((event.target as HTMLInputElement).checked),
);
byId<HTMLButtonElement>('download-weights').addEventListener('click', () => send({ type: 'export-weights' }));
byId<HTMLButtonElement>('download-csv').addEventListener('click', () => {
  const fileName = `chainrule-playground-${settings.problem}-loss.csv`;
  download(fileName, lossHistoryCsv(history), 'text/csv');
  byId('export-status').textContent = `Saved ${fileName} (${history.length.toLocaleString('en')} evaluations).`;
});
byId<HTMLButtonElement>('copy-link').addEventListener('click', async () => {
  const status = byId('export-status');
  try {
    await navigator.clipboard.writeText(window.location.href);
    status.textContent = 'Link copied: it opens these settings.';
  } catch {
    status.textContent = `Copy this link: ${window.location.href}`;
  }
});
// Space plays and pauses, unless a control has the focus (where space already means something).
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key === ' ' && target === document.body) {
    event.preventDefault();
    playButton.click();
  }
});

function setStat(id: string, value: number | null, text: string): void {
  const element = byId(id);
  element.textContent = text;
  element.dataset.value = value === null ? '' : String(value);
}

function formatNumber(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 0.001 ? value.toFixed(4) : value.toExponential(2);
}

function formatPercent(value: number | null): string {
  return value === null ? '–' : `${(100 * value).toFixed(1)}%`;
}

function showNotice(text: string): void {
  notice.textContent = text;
  notice.hidden = false;
}
