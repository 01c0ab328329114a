import { uniformArray } from '../../random';

/**
 * The reference problem of DESIGN.md: 4 samples of 3 inputs, targets 0 1 1 0,
 * Dense(3→4, no bias) → sigmoid → Dense(4→1, no bias) → sigmoid, loss Σ(y − ŷ)², plain gradient descent
 * with learning rate 1. Weights start uniform in [0, 1), the same numbers for every implementation.
 * Matrices are flat, row-major.
 */
export interface ReferenceProblem {
  samples: number;
  inputSize: number;
  hiddenSize: number;
  /** samples × inputSize. */
  inputs: Float64Array;
  /** samples × 1. */
  targets: Float64Array;
  /** inputSize × hiddenSize. */
  firstWeights: Float64Array;
  /** hiddenSize × 1. */
  secondWeights: Float64Array;
  iterations: number;
  learningRate: number;
}

/** The tutorial's data with seeded initial weights. */
export function referenceProblem(iterations = 1500, seed = 1): ReferenceProblem {
  return {
    samples: 4,
    inputSize: 3,
    hiddenSize: 4,
    inputs: Float64Array.from([0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1]),
    targets: Float64Array.from([0, 1, 1, 0]),
    firstWeights: uniformArray(seed, 3 * 4),
    secondWeights: uniformArray(seed + 1, 4),
    iterations,
    learningRate: 1,
  };
}

/** The problem as plain JSON (for the child processes of the cold-start benchmark). */
export function problemToJson(problem: ReferenceProblem): string {
  return JSON.stringify({
    ...problem,
    inputs: [...problem.inputs],
    targets: [...problem.targets],
    firstWeights: [...problem.firstWeights],
    secondWeights: [...problem.secondWeights],
  });
}
