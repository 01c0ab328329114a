import { describe, expect, it } from 'vitest';
import { lossHistoryCsv } from '../../src/output/csv';
import { LossHistory } from '../../src/output/loss-history';
import type { HistoryChunk } from '../../src/worker/protocol';

function chunk(steps: number[], loss: (step: number) => number, test = true): HistoryChunk {
  const column = (f: (step: number) => number) => Float64Array.from(steps, f);
  return {
    steps: Float64Array.from(steps),
    trainLoss: column(loss),
    testLoss: column((step) => (test ? 2 * loss(step) : Number.NaN)),
    trainAccuracy: column((step) => step / 1000),
    testAccuracy: column((step) => (test ? step / 2000 : Number.NaN)),
  };
}

describe('LossHistory', () => {
  it('appends chunks in order, growing past its first capacity', () => {
    const history = new LossHistory();
    const steps = Array.from({ length: 3000 }, (_, index) => index * 10);
    history.append(chunk(steps.slice(0, 1000), (step) => 1 / (step + 1)));
    history.append(chunk(steps.slice(1000), (step) => 1 / (step + 1)));
    expect(history.length).toBe(3000);
    expect(Array.from(history.column('steps'))).toEqual(steps);
    expect(history.column('testLoss')[2999]).toBe(2 / 29991);
    history.clear();
    expect(history.length).toBe(0);
    expect(history.hasTest()).toBe(false);
  });

  it('downsamples to every k-th evaluation and keeps the last one', () => {
    const history = new LossHistory();
    history.append(
      chunk(
        Array.from({ length: 1001 }, (_, index) => index),
        (step) => step + 1,
      ),
    );
    const series = history.downsample(100);
    // k = ceil(1001 / 100) = 11: steps 0, 11, ..., 990, then the last (1000)
    expect(series.steps).toHaveLength(92);
    expect(series.steps.slice(0, 3)).toEqual([0, 11, 22]);
    expect(series.steps.at(-1)).toBe(1000);
    expect(series.trainLoss.at(-1)).toBe(1001);
    expect(series.testLoss[1]).toBe(24);
  });

  it('returns every evaluation when there are few, and null for losses a log axis cannot show', () => {
    const history = new LossHistory();
    history.append(chunk([0, 1, 2, 3], (step) => [1, 0, Number.NaN, Number.POSITIVE_INFINITY][step]!, false));
    const series = history.downsample(600);
    expect(series.steps).toEqual([0, 1, 2, 3]);
    expect(series.trainLoss).toEqual([1, null, null, null]);
    expect(series.testLoss).toEqual([null, null, null, null]);
    expect(history.hasTest()).toBe(false);
  });
});

describe('lossHistoryCsv', () => {
  it('writes a header and one line per evaluation with full precision', () => {
    const history = new LossHistory();
    history.append(chunk([0, 10], (step) => (step === 0 ? Math.LN2 : 0.1)));
    expect(lossHistoryCsv(history)).toBe(
      'step,train_loss,test_loss,train_accuracy,test_accuracy\n' +
        '0,0.6931471805599453,1.3862943611198906,0,0\n' +
        '10,0.1,0.2,0.01,0.005\n',
    );
  });

  it('leaves the test columns empty for the tutorial, which has no test set, and writes divergence as it is', () => {
    const history = new LossHistory();
    history.append(chunk([0, 1, 2], (step) => [0.5, Number.NaN, Number.POSITIVE_INFINITY][step]!, false));
    expect(lossHistoryCsv(history).split('\n')).toEqual([
      'step,train_loss,test_loss,train_accuracy,test_accuracy',
      '0,0.5,,0,',
      '1,NaN,,0.001,',
      '2,Infinity,,0.002,',
      '',
    ]);
  });

  it('writes only the header for an empty history', () => {
    expect(lossHistoryCsv(new LossHistory())).toBe('step,train_loss,test_loss,train_accuracy,test_accuracy\n');
  });
});
