import type { Prediction, TrainOptions, TrainResult, Weights } from '../train/train';

/** What `--json` prints: the run's settings and outcome, with the per-iteration losses last. */
export interface JsonResult {
  options: TrainOptions;
  finalLoss: number;
  /** True when the loss fell at every iteration (`losses` strictly decreasing). */
  lossFellEveryIteration: boolean;
  lossRises: number;
  trainingMilliseconds: number;
  predictions: Prediction[];
  weights: { initial: Weights; final: Weights };
  /** `losses[k]`: the loss after k iterations, k = 0..iterations (`losses[0]` initial, the last one `finalLoss`). */
  losses: number[];
}

/** Shapes a training result for `--json`. */
export function toJsonResult(result: TrainResult): JsonResult {
  return {
    options: result.options,
    finalLoss: result.finalLoss,
    lossFellEveryIteration: result.lossRises === 0,
    lossRises: result.lossRises,
    trainingMilliseconds: Number(result.trainingMilliseconds.toFixed(3)),
    predictions: result.predictions,
    weights: { initial: result.initialWeights, final: result.finalWeights },
    losses: result.losses,
  };
}

/**
 * JSON with two-space indentation in which arrays of numbers (or other non-objects) stay on one line, so the
 * weights read as matrices and the 1500 losses take one line instead of 1500. Parses like `JSON.stringify`'s output.
 */
export function formatJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return JSON.stringify(value);
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + formatJson(item, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(',\n')}\n${indent}}`;
}
