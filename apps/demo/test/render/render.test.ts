import { describe, expect, it } from 'vitest';
import { downsample, renderLossChart } from '../../src/render/chart';
import { chooseAxisKind, linearTicks, logTicks } from '../../src/render/scale';
import { escapeXml, renderLossPlotSvg } from '../../src/render/svg-plot';
import { renderPredictionTable } from '../../src/render/table';
import { formatJson } from '../../src/render/json-output';
import { summary } from '../../src/cli/run';
import { parseXml } from '../helpers/xml';

/** The loss after 0..1500 iterations of a run that falls like the demo's. */
const fallingLosses = Array.from({ length: 1501 }, (_, index) => 1.2 * Math.exp(-index / 300) + 0.002);

describe('downsample', () => {
  it('keeps the first and last values and returns the asked count', () => {
    const values = Array.from({ length: 1500 }, (_, index) => index);
    const samples = downsample(values, 70);
    expect(samples).toHaveLength(70);
    expect(samples[0]).toBe(0);
    expect(samples.at(-1)).toBe(1499);
    for (let index = 1; index < samples.length; index++) expect(samples[index]).toBeGreaterThan(samples[index - 1]!);
  });

  it('returns short series whole', () => {
    expect(downsample([3, 2, 1], 70)).toEqual([3, 2, 1]);
  });
});

describe('axis scales', () => {
  it('uses a log axis for positive values spanning a decade, linear otherwise', () => {
    expect(chooseAxisKind([1, 0.05])).toBe('log');
    expect(chooseAxisKind([1, 0.5])).toBe('linear');
    expect(chooseAxisKind([1, 0])).toBe('linear');
  });

  it('log ticks cover the range with 1-2-5 ends and label every power of ten', () => {
    const ticks = logTicks(0.0031, 1.4);
    expect(ticks[0]!.value).toBe(0.002);
    expect(ticks.at(-1)!.value).toBe(2);
    const labelled = ticks.filter((tick) => tick.label).map((tick) => tick.value);
    for (const power of [0.01, 0.1, 1]) expect(labelled).toContain(power);
  });

  it('linear ticks are evenly spaced nice numbers', () => {
    expect(linearTicks(0, 1500, 7, 'within').map((tick) => tick.value)).toEqual([0, 250, 500, 750, 1000, 1250, 1500]);
    expect(linearTicks(0.13, 0.97, 5).map((tick) => tick.label)).toEqual(['0', '0.25', '0.5', '0.75', '1']);
  });
});

describe('renderLossChart', () => {
  for (const columns of [60, 80, 132]) {
    it(`fits ${columns} columns and labels its scale`, () => {
      const chart = renderLossChart(fallingLosses, { columns });
      const lines = chart.split('\n');
      expect(lines[0]).toContain('log scale');
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
      expect(lines.at(-1)).toMatch(/ 1,500$/);
    });
  }
});

describe('renderLossChart with a non-finite loss', () => {
  it('throws a RangeError instead of a failure inside asciichart', () => {
    expect(() => renderLossChart([1, Number.NaN], { columns: 80 })).toThrow(
      /renderLossChart: loss 2 of 2 is not finite/,
    );
  });
});

describe('renderLossPlotSvg', () => {
  it('escapes text and stays well-formed', () => {
    const svg = renderLossPlotSvg([3, 2, 1], { title: 'a <b> & "c"', subtitle: "it's" });
    expect(parseXml(svg).name).toBe('svg');
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('refuses a non-finite loss instead of drawing NaN coordinates', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => renderLossPlotSvg([1, bad, 0.5], { title: 't' })).toThrow(RangeError);
      expect(() => renderLossPlotSvg([1, bad, 0.5], { title: 't' })).toThrow(/loss 2 of 3 is not finite/);
    }
  });

  it('draws a single-iteration run', () => {
    expect(parseXml(renderLossPlotSvg([0.5], { title: 't' })).name).toBe('svg');
  });
});

describe('renderPredictionTable', () => {
  it('lines up inputs, targets, predictions and absolute errors', () => {
    const table = renderPredictionTable([
      { input: [0, 0, 1], target: 0, prediction: 0.01234 },
      { input: [0, 1, 1], target: 1, prediction: 0.98 },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^input\s+target\s+prediction\s+error$/);
    expect(lines[2]).toMatch(/^\[0, 0, 1\]\s+0\s+0\.0123\s+0\.0123$/);
    expect(lines[3]).toMatch(/^\[0, 1, 1\]\s+1\s+0\.9800\s+0\.0200$/);
    expect(new Set(lines.map((line) => [...line].length)).size).toBe(1);
  });
});

describe('formatJson', () => {
  it('prints what JSON.parse reads back, arrays of numbers on one line', () => {
    const value = {
      a: [1, 2.5, -3e-7],
      b: {
        c: [
          [1, 2],
          [3, 4],
        ],
        d: 'x"y',
        e: null,
        f: [],
      },
      g: [{ h: true }],
    };
    const text = formatJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain('"a": [1,2.5,-3e-7]');
    expect(text).toContain('      [1,2]');
  });
});

describe('summary', () => {
  const result = {
    options: { iterations: 1500, learningRate: 1, hiddenUnits: 4, seed: 1, dtype: 'float64' as const },
    losses: [],
    finalLoss: 0.0017126,
    lossRises: 0,
    predictions: [],
    initialWeights: {},
    finalWeights: {},
    trainingMilliseconds: 108.4,
  };
  it('says whether the loss fell at every iteration', () => {
    expect(summary(result)).toBe('Final loss 0.001713; it fell at all 1,500 iterations; trained in 108 ms.');
    expect(summary({ ...result, lossRises: 3, trainingMilliseconds: 1234 })).toBe(
      'Final loss 0.001713; it failed to fall at 3 of 1,500 iterations; trained in 1.23 s.',
    );
  });
});
