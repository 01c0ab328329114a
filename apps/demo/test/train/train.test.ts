import { describe, expect, it } from 'vitest';
import { INPUTS, TARGETS } from '../../src/train/dataset';
import { TrainingDivergedError } from '../../src/train/diverged-error';
import {
  DEFAULT_SEED,
  DEFAULT_TRAIN_OPTIONS,
  countRises,
  train,
  type TrainResult,
  type Weights,
} from '../../src/train/train';

/** The network's forward pass and SSE loss in plain float64 JavaScript (forward only: no derivative anywhere). */
function plainLoss(weights: Weights): number {
  const hiddenWeight = weights['hidden.weight']!;
  const outputWeight = weights['output.weight']!;
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
  let loss = 0;
  INPUTS.forEach((input, row) => {
    const hidden = hiddenWeight[0]!.map((_, unit) =>
      sigmoid(input.reduce((total, x, feature) => total + x * hiddenWeight[feature]![unit]!, 0)),
    );
    const output = sigmoid(hidden.reduce((total, h, unit) => total + h * outputWeight[unit]![0]!, 0));
    loss += (TARGETS[row]![0]! - output) ** 2;
  });
  return loss;
}

function worstError(result: TrainResult): number {
  return Math.max(...result.predictions.map((row) => Math.abs(row.prediction - row.target)));
}

describe('train', () => {
  it(`with the default seed (${DEFAULT_SEED}) the loss falls at every one of the 1500 iterations and every prediction ends within 0.05`, () => {
    const result = train(DEFAULT_TRAIN_OPTIONS);
    expect(result.options).toEqual({
      iterations: 1500,
      learningRate: 1,
      hiddenUnits: 4,
      seed: DEFAULT_SEED,
      dtype: 'float64',
    });
    expect(result.losses).toHaveLength(1501);
    expect(countRises(result.losses)).toBe(0);
    expect(result.lossRises).toBe(0);
    expect(worstError(result)).toBeLessThan(0.05);
  });

  it('for seeds 1..20 the loss falls at every iteration and every prediction ends within 0.1', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const result = train({ ...DEFAULT_TRAIN_OPTIONS, seed });
      expect({ seed, rises: result.lossRises }).toEqual({ seed, rises: 0 });
      expect(worstError(result), `seed ${seed}`).toBeLessThan(0.1);
    }
  });

  it('reports losses, final loss and predictions that agree with a plain forward pass', () => {
    const result = train({ ...DEFAULT_TRAIN_OPTIONS, iterations: 40 });
    expect(result.losses).toHaveLength(41);
    expect(result.losses[0]).toBeCloseTo(plainLoss(result.initialWeights), 12);
    expect(result.finalLoss).toBe(result.losses[40]);
    expect(result.finalLoss).toBeCloseTo(plainLoss(result.finalWeights), 12);
    const fromPredictions = result.predictions.reduce((total, row) => total + (row.target - row.prediction) ** 2, 0);
    expect(result.finalLoss).toBeCloseTo(fromPredictions, 12);
  });

  it('takes a gradient-descent step: W ← W − lr·∂L/∂W, with ∂L/∂W matching central differences of the plain loss', () => {
    const learningRate = 0.5;
    const result = train({ ...DEFAULT_TRAIN_OPTIONS, iterations: 1, learningRate, seed: 11 });
    const step = 1e-6;
    for (const [name, matrix] of Object.entries(result.initialWeights)) {
      matrix.forEach((row, i) =>
        row.forEach((weight, j) => {
          const shifted = (delta: number): Weights => {
            const copy = structuredClone(result.initialWeights);
            copy[name]![i]![j] = weight + delta;
            return copy;
          };
          const numericGradient = (plainLoss(shifted(step)) - plainLoss(shifted(-step))) / (2 * step);
          const stepTaken = (weight - result.finalWeights[name]![i]![j]!) / learningRate;
          expect(stepTaken, `${name}[${i}][${j}]`).toBeCloseTo(numericGradient, 7);
        }),
      );
    }
  });

  it('draws the initial weights from the seed: the same seed gives the same run, another seed another', () => {
    const options = { ...DEFAULT_TRAIN_OPTIONS, iterations: 10 };
    const first = train(options);
    const again = train(options);
    const other = train({ ...options, seed: DEFAULT_SEED + 1 });
    expect(again.losses).toEqual(first.losses);
    expect(again.finalWeights).toEqual(first.finalWeights);
    expect(other.initialWeights).not.toEqual(first.initialWeights);
  });

  it('trains in float32 too, close to the float64 run', () => {
    const single = train({ ...DEFAULT_TRAIN_OPTIONS, dtype: 'float32' });
    const double = train(DEFAULT_TRAIN_OPTIONS);
    expect(worstError(single)).toBeLessThan(0.05);
    expect(single.finalLoss).toBeCloseTo(double.finalLoss, 3);
  });

  it('calls onIteration once per iteration, in order, with the loss after that iteration, the last one final', () => {
    const seen: [number, number][] = [];
    const result = train(
      { ...DEFAULT_TRAIN_OPTIONS, iterations: 7 },
      { onIteration: (iteration, loss) => seen.push([iteration, loss]) },
    );
    expect(seen).toEqual(result.losses.slice(1).map((loss, index) => [index + 1, loss]));
    expect(seen.at(-1)).toEqual([7, result.finalLoss]);
  });
});

describe('train stops at the first non-finite weight or loss', () => {
  function divergence(learningRate: number): TrainingDivergedError {
    const seen: number[] = [];
    try {
      train({ ...DEFAULT_TRAIN_OPTIONS, dtype: 'float32', learningRate }, { onIteration: (i) => seen.push(i) });
    } catch (error) {
      expect(error).toBeInstanceOf(TrainingDivergedError);
      expect(seen).toEqual([]); // no iteration was reported as done
      return error as TrainingDivergedError;
    }
    throw new Error(`expected lr ${learningRate} to diverge`);
  }

  it('names the parameter that overflowed float32 and the iteration', () => {
    // One step of lr·∂L/∂W beyond float32's largest value (3.4e38) stores Infinity.
    expect(divergence(1e40)).toMatchObject({
      iteration: 1,
      iterations: 1500,
      quantity: 'hidden.weight',
      kind: 'infinite',
    });
    expect(divergence(3e39)).toMatchObject({ iteration: 1, quantity: 'output.weight', kind: 'infinite' });
    expect(divergence(1e40).message).toBe('training diverged at iteration 1 of 1,500: hidden.weight became infinite');
  });

  it('trains to the end when the numbers stay finite, even with a learning rate that saturates the sigmoids', () => {
    const result = train({ ...DEFAULT_TRAIN_OPTIONS, dtype: 'float32', learningRate: 1e39, iterations: 20 });
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(result.finalLoss)).toBe(true);
  });
});

describe('countRises', () => {
  it('counts the steps that do not fall, NaN included', () => {
    expect(countRises([3, 2, 1])).toBe(0);
    expect(countRises([3, 3, 1, 2])).toBe(2);
    expect(countRises([1, Number.NaN, 0])).toBe(2);
  });
});
