import { describe, expect, it } from 'vitest';
import { PROBLEMS, type Settings, presetFor } from '../../src/settings/settings';
import { settingsFromQuery, settingsToQuery } from '../../src/settings/url-state';

describe('settingsToQuery / settingsFromQuery', () => {
  it.each(PROBLEMS)('round-trips the %s preset', (problem) => {
    const settings = presetFor(problem, 42);
    expect(settingsFromQuery(settingsToQuery(settings))).toEqual({ settings, problems: [] });
  });

  it('round-trips every field of a custom view', () => {
    const settings: Settings = {
      problem: 'gaussians',
      noise: 25,
      trainPercent: 70,
      points: 300,
      hidden: [3, 1, 32],
      activation: 'relu',
      optimizer: 'momentum',
      learningRate: 0.0042,
      batchSize: 16,
      seed: 2 ** 31 - 1,
      speed: 30,
    };
    const query = settingsToQuery(settings);
    expect(query).toBe(
      '?problem=gaussians&hidden=3-1-32&activation=relu&optimizer=momentum&lr=0.0042&batch=16&noise=25&train=70&points=300&seed=2147483647&speed=30',
    );
    expect(settingsFromQuery(query).settings).toEqual(settings);
  });

  it('writes no hidden layer as an empty value and reads it back', () => {
    const settings = { ...presetFor('xor'), hidden: [] };
    const query = settingsToQuery(settings);
    expect(new URLSearchParams(query).get('hidden')).toBe('');
    expect(settingsFromQuery(query).settings.hidden).toEqual([]);
  });

  it('leaves the 2-D data settings out of a tutorial link', () => {
    const params = new URLSearchParams(settingsToQuery(presetFor('tutorial')));
    expect(params.has('noise')).toBe(false);
    expect(params.has('points')).toBe(false);
    expect(params.get('problem')).toBe('tutorial');
  });

  it('opens the tutorial when the query is empty', () => {
    expect(settingsFromQuery('')).toEqual({ settings: presetFor('tutorial'), problems: [] });
    expect(settingsFromQuery('?').settings).toEqual(presetFor('tutorial'));
  });

  it("takes missing keys from the problem's preset", () => {
    const { settings, problems } = settingsFromQuery('problem=spiral&seed=9');
    expect(problems).toEqual([]);
    expect(settings).toEqual({ ...presetFor('spiral'), seed: 9 });
  });

  it('falls back to the preset for each value it cannot use, and says which', () => {
    const { settings, problems } = settingsFromQuery(
      '?problem=circle&noise=51&train=abc&points=100.5&hidden=8-0&activation=swish&optimizer=lbfgs&lr=-1&batch=&seed=x1&speed=-5',
    );
    expect(settings).toEqual(presetFor('circle'));
    expect(problems).toEqual([
      'noise "51" is not an integer from 0 to 50',
      'train "abc" is not an integer from 10 to 90',
      'points "100.5" is not an integer from 100 to 2000',
      'hidden "8-0" is not up to 6 layer sizes from 1 to 32 joined by "-"',
      'unknown activation "swish"',
      'unknown optimizer "lbfgs"',
      'lr "-1" is not a number from 0.000001 to 100',
      'batch "" is not an integer from 1 to 2000',
      'seed "x1" is not an integer from 0 to 2147483647',
      'speed "-5" is not an integer from 0 to 100000',
    ]);
  });

  it('accepts a seed written in exponent form when it is an integer', () => {
    expect(settingsFromQuery('?seed=1e3').settings.seed).toBe(1000);
  });

  it('rejects an unknown problem, more than six hidden layers and a learning rate above 100', () => {
    const { settings, problems } = settingsFromQuery('?problem=moons&hidden=1-1-1-1-1-1-1&lr=101');
    expect(settings).toEqual(presetFor('tutorial'));
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('unknown problem "moons"');
  });
});
