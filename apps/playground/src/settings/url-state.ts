import {
  ACTIVATIONS,
  type ActivationName,
  LIMITS,
  OPTIMIZERS,
  type OptimizerName,
  PROBLEMS,
  type ProblemName,
  type Settings,
  presetFor,
} from './settings';

/**
 * Settings as URL query parameters, so a view can be shared:
 * `?problem=spiral&hidden=16-16&activation=tanh&optimizer=adam&lr=0.03&batch=250&noise=0&train=50&points=500&seed=1&speed=0`
 * (speed 0: as fast as possible).
 * Every key is written, so a link says exactly what it runs.
 */
export function settingsToQuery(settings: Settings): string {
  const params = new URLSearchParams();
  params.set('problem', settings.problem);
  params.set('hidden', settings.hidden.join('-'));
  params.set('activation', settings.activation);
  params.set('optimizer', settings.optimizer);
  params.set('lr', String(settings.learningRate));
  params.set('batch', String(settings.batchSize));
  if (settings.problem !== 'tutorial') {
    params.set('noise', String(settings.noise));
    params.set('train', String(settings.trainPercent));
    params.set('points', String(settings.points));
  }
  params.set('seed', String(settings.seed));
  params.set('speed', String(settings.speed));
  return `?${params.toString()}`;
}

/**
 * Reads settings from a query string (with or without `?`). Missing keys take the problem's preset; a value that is
 * malformed or out of range also falls back to the preset, and is reported in `problems` so the page can say so.
 */
export function settingsFromQuery(query: string): { settings: Settings; problems: string[] } {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const problems: string[] = [];
  const problemText = params.get('problem');
  let problem: ProblemName = 'tutorial';
  if (problemText !== null) {
    if (isOneOf(PROBLEMS, problemText)) problem = problemText;
    else problems.push(`unknown problem "${problemText}"`);
  }
  const preset = presetFor(problem);

  const choice = <K extends string>(key: string, options: readonly K[], fallback: K): K => {
    const text = params.get(key);
    if (text === null) return fallback;
    if (isOneOf(options, text)) return text;
    problems.push(`unknown ${key} "${text}"`);
    return fallback;
  };
  const integer = (key: string, range: { min: number; max: number }, fallback: number): number => {
    const text = params.get(key);
    if (text === null) return fallback;
    const value = Number(text);
    if (text.trim() !== '' && Number.isInteger(value) && value >= range.min && value <= range.max) return value;
    problems.push(`${key} "${text}" is not an integer from ${range.min} to ${range.max}`);
    return fallback;
  };

  const settings: Settings = {
    problem,
    noise: integer('noise', LIMITS.noise, preset.noise),
    trainPercent: integer('train', LIMITS.trainPercent, preset.trainPercent),
    points: integer('points', LIMITS.points, preset.points),
    hidden: readHidden(params.get('hidden'), preset.hidden, problems),
    activation: choice<ActivationName>('activation', ACTIVATIONS, preset.activation),
    optimizer: choice<OptimizerName>('optimizer', OPTIMIZERS, preset.optimizer),
    learningRate: readLearningRate(params.get('lr'), preset.learningRate, problems),
    batchSize: integer('batch', LIMITS.batchSize, preset.batchSize),
    seed: integer('seed', LIMITS.seed, preset.seed),
    speed: integer('speed', LIMITS.speed, preset.speed),
  };
  return { settings, problems };
}

function readHidden(text: string | null, fallback: number[], problems: string[]): number[] {
  if (text === null) return fallback;
  if (text === '') return [];
  const parts = text.split('-');
  const units = parts.map(Number);
  const valid =
    parts.length <= LIMITS.hiddenLayers.max &&
    parts.every((part) => part.trim() !== '') &&
    units.every((value) => Number.isInteger(value) && value >= LIMITS.units.min && value <= LIMITS.units.max);
  if (valid) return units;
  problems.push(
    `hidden "${text}" is not up to ${LIMITS.hiddenLayers.max} layer sizes from ${LIMITS.units.min} to ${LIMITS.units.max} joined by "-"`,
  );
  return fallback;
}

function readLearningRate(text: string | null, fallback: number, problems: string[]): number {
  if (text === null) return fallback;
  const value = Number(text);
  const { min, max } = LIMITS.learningRate;
  if (text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max) return value;
  problems.push(`lr "${text}" is not a number from ${min} to ${max}`);
  return fallback;
}

function isOneOf<K extends string>(options: readonly K[], value: string): value is K {
  return (options as readonly string[]).includes(value);
}
