/** The problems a person can pick: the tutorial's four rows first, then 2-D classification sets. */
export const PROBLEMS = ['tutorial', 'circle', 'xor', 'gaussians', 'spiral'] as const;
export type ProblemName = (typeof PROBLEMS)[number];

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Everything that defines a run: the same settings and seed give the same run, step for step. */
export interface Settings {
  problem: ProblemName;
  /** Noise of the 2-D sets, in percent (0 to 50). */
  noise: number;
  /** Share of the points used for training, in percent (10 to 90); the rest is the test set. */
  trainPercent: number;
  /** Number of points of a 2-D set (train and test together). */
  points: number;
  /** Units of each hidden layer, input side first; empty for none. */
  hidden: number[];
  activation: ActivationName;
  optimizer: OptimizerName;
  learningRate: number;
  /** Rows per step; a batch as large as the training set (or larger) is full-batch gradient descent. */
  batchSize: number;
  /** Seeds the data, the initial weights and the batch order. */
  seed: number;
  /** Steps per second at most, so a fast run can be watched; 0 trains as fast as the machine allows. */
  speed: number;
}

export const LIMITS = {
  noise: { min: 0, max: 50 },
  trainPercent: { min: 10, max: 90 },
  points: { min: 100, max: 2000 },
  hiddenLayers: { min: 0, max: 6 },
  units: { min: 1, max: 32 },
  batchSize: { min: 1, max: 2000 },
  seed: { min: 0, max: 2 ** 31 - 1 },
  learningRate: { min: 1e-6, max: 100 },
  speed: { min: 0, max: 100_000 },
} as const;

/** The speeds offered, in steps per second (0: as fast as possible). */
export const SPEEDS = [0, 1000, 300, 100, 30, 10];

/** The learning rates offered in the menu (a URL may carry any other in range). */
export const LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** Human names for the menus. */
export const PROBLEM_LABELS: Record<ProblemName, string> = {
  tutorial: 'Tutorial (4 rows)',
  circle: 'Circle',
  xor: 'XOR',
  gaussians: 'Two gaussians',
  spiral: 'Spiral',
};
export const ACTIVATION_LABELS: Record<ActivationName, string> = { sigmoid: 'Sigmoid', tanh: 'Tanh', relu: 'ReLU' };
export const OPTIMIZER_LABELS: Record<OptimizerName, string> = {
  sgd: 'SGD',
  momentum: 'SGD + momentum 0.9',
  adam: 'Adam',
};

/**
 * The settings a problem starts with. The tutorial's are the tutorial's network: 3→4→1, sigmoid, plain SGD at
 * learning rate 1 on all four rows, at 100 steps a second so its 1,500 steps can be watched. The 2-D sets start
 * with a small tanh network trained by Adam at full speed.
 */
export function presetFor(problem: ProblemName, seed = 1): Settings {
  if (problem === 'tutorial') {
    return {
      problem,
      noise: 0,
      trainPercent: 50,
      points: 500,
      hidden: [4],
      activation: 'sigmoid',
      optimizer: 'sgd',
      learningRate: 1,
      batchSize: 4,
      seed,
      speed: 100,
    };
  }
  return {
    problem,
    noise: 0,
    trainPercent: 50,
    points: 500,
    hidden: problem === 'spiral' ? [16, 16] : [8, 8],
    activation: 'tanh',
    optimizer: 'adam',
    learningRate: 0.03,
    batchSize: problem === 'spiral' ? 250 : 32,
    seed,
    speed: 0,
  };
}

export const DEFAULT_SETTINGS: Settings = presetFor('tutorial');

/** How a change of settings reaches a running trainer. */
export type SettingsChange = 'none' | 'live' | 'rebuild';

/**
 * `live` when only the learning rate, the batch size, the optimizer or the speed changed (training goes on from the
 * current weights; a new optimizer starts with fresh state), `rebuild` when the data or the network changed (new
 * data and weights from the seed), `none` when nothing did.
 */
export function classifyChange(before: Settings, after: Settings): SettingsChange {
  const rebuildKeys: (keyof Settings)[] = ['problem', 'noise', 'trainPercent', 'points', 'activation', 'seed'];
  if (rebuildKeys.some((key) => before[key] !== after[key])) return 'rebuild';
  if (before.hidden.join() !== after.hidden.join()) return 'rebuild';
  const liveKeys: (keyof Settings)[] = ['learningRate', 'batchSize', 'optimizer', 'speed'];
  return liveKeys.some((key) => before[key] !== after[key]) ? 'live' : 'none';
}

/** The number of training rows of a problem under these settings (the tutorial always has its 4). */
export function trainingRows(settings: Settings): number {
  if (settings.problem === 'tutorial') return 4;
  return splitSizes(settings.points, settings.trainPercent).train;
}

/** Train and test counts of `points` split at `trainPercent` (at least one of each). */
export function splitSizes(points: number, trainPercent: number): { train: number; test: number } {
  const train = Math.min(points - 1, Math.max(1, Math.round((points * trainPercent) / 100)));
  return { train, test: points - train };
}

/**
 * Steps between two evaluations of the whole sets: every step for the tutorial's four rows; for a 2-D set, often
 * enough for a smooth curve yet rarely enough that evaluating (a forward pass over every row, about a third of a
 * training step's cost per row) takes about 5% of the training time.
 */
export function evaluationInterval(settings: Settings): number {
  if (settings.problem === 'tutorial') return 1;
  const { train, test } = splitSizes(settings.points, settings.trainPercent);
  const batchRows = Math.min(settings.batchSize, train);
  return Math.max(10, Math.min(250, Math.round((7 * (train + test)) / batchRows)));
}

/** A one-line description of the network, e.g. `2-16-16-1 tanh`. */
export function describeNetwork(settings: Settings): string {
  const inputs = settings.problem === 'tutorial' ? 3 : 2;
  return `${[inputs, ...settings.hidden, 1].join('-')} ${settings.activation}`;
}
