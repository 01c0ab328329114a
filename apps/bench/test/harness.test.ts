import { describe, expect, it } from 'vitest';
import { compareWithin } from '../src/harness/compare';
import { buildCaseReport, caseMarkdown } from '../src/harness/report';
import { runCase } from '../src/harness/run-case';
import { median } from '../src/harness/stats';
import type { BenchCase, Implementation } from '../src/harness/types';
import { parseOptions, UsageError } from '../src/options';

function constantImplementation(name: string, value: number, log: string[]): Implementation {
  return {
    name,
    kind: 'baseline',
    prepare: () => ({
      run: () => void log.push(name),
      result: () => [value],
    }),
  };
}

function fakeCase(implementations: Implementation[]): BenchCase {
  return {
    benchmark: 'fake',
    id: 'fake',
    title: 'Fake',
    description: 'A fake case.',
    metric: { unit: 'ms', fromMilliseconds: (milliseconds) => milliseconds, digits: 2 },
    implementations,
    check: (result) => compareWithin(result, [1], 0),
    targets: [],
    budgetMilliseconds: 1,
    warmupRuns: 2,
  };
}

describe('runCase', () => {
  it('checks first, skips a failing implementation, then interleaves warm-up and rounds (rotated each round)', async () => {
    const log: string[] = [];
    const benchCase = fakeCase([
      constantImplementation('A', 1, log),
      constantImplementation('B', 2, log),
      constantImplementation('C', 1, log),
    ]);
    const result = await runCase(benchCase, { rounds: 3, minRounds: 1, maxRounds: 5, budgetScale: 1 }, () => {});
    // one check run each, then 2 warm-ups of A C, then 3 rounds starting one further along each: A C, C A, A C.
    // B never runs again.
    expect(log).toEqual(['A', 'B', 'C', 'A', 'C', 'A', 'C', 'A', 'C', 'C', 'A', 'A', 'C']);
    expect(result.implementations.map((row) => [row.name, row.status, row.times.length])).toEqual([
      ['A', 'ok', 3],
      ['B', 'failed', 0],
      ['C', 'ok', 3],
    ]);
    expect(result.implementations[1]!.detail).toContain('wrong result');
  });

  it('gives a slow implementation only its own warm-up runs and rounds, the others interleaved as before', async () => {
    const log: string[] = [];
    const slow = { ...constantImplementation('S', 1, log), slow: { warmupRuns: 0, maxRounds: 1 } };
    const benchCase = fakeCase([constantImplementation('A', 1, log), slow]);
    const result = await runCase(benchCase, { rounds: 3, minRounds: 1, maxRounds: 5, budgetScale: 1 }, () => {});
    // checks A S; 2 warm-up runs of A alone; round 1 A S; rounds 2 and 3 A alone
    expect(log).toEqual(['A', 'S', 'A', 'A', 'A', 'S', 'A', 'A']);
    expect(result.implementations.map((row) => [row.name, row.times.length])).toEqual([
      ['A', 3],
      ['S', 1],
    ]);
  });

  it('reports an implementation that throws as failed with the error', async () => {
    const throwing: Implementation = {
      name: 'thrower',
      kind: 'peer',
      prepare: () => ({
        run: () => {
          throw new TypeError('boom');
        },
        result: () => [1],
      }),
    };
    const result = await runCase(
      fakeCase([throwing]),
      { rounds: 2, minRounds: 1, maxRounds: 5, budgetScale: 1 },
      () => {},
    );
    expect(result.implementations[0]).toMatchObject({ status: 'failed', detail: 'TypeError: boom', times: [] });
  });

  it('builds a table with ratios to the fastest median and marks failures', () => {
    const benchCase = fakeCase([
      constantImplementation('A', 1, []),
      constantImplementation('B', 1, []),
      constantImplementation('C', 2, []),
    ]);
    const report = buildCaseReport(benchCase, {
      rounds: 3,
      implementations: [
        { name: 'A', kind: 'baseline', status: 'ok', detail: 'fine', times: [4, 2, 9] },
        { name: 'B', kind: 'baseline', status: 'ok', detail: 'fine', times: [8, 8, 8] },
        { name: 'C', kind: 'baseline', status: 'failed', detail: 'wrong result: off', times: [] },
      ],
    });
    expect(report.implementations.map((row) => row.ratioToFastest)).toEqual([1, 2, undefined]);
    const markdown = caseMarkdown(report, 1);
    expect(markdown).toContain('| A | 4.0 | 2.0–9.0 | 1.00x | fine |');
    expect(markdown).toContain('| C | – | – | – | **failed**: wrong result: off |');
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('parseOptions', () => {
  it('applies --quick defaults and --only lists', () => {
    const options = parseOptions(['--quick', '--only', 'matmul,per-op']);
    expect(options).toMatchObject({ quick: true, only: ['matmul', 'per-op'], sizes: [64, 256], chainLength: 100_000 });
    expect(parseOptions([])).toMatchObject({
      quick: false,
      sizes: [64, 256, 512, 1024],
      chainLength: 1_000_000,
      iterations: 1500,
      out: 'results/latest.json',
    });
    expect(options.out).toBe('results/partial.json');
  });

  it('rejects unknown flags, unknown benchmarks and bad numbers with a UsageError', () => {
    expect(() => parseOptions(['--fast'])).toThrow(UsageError);
    expect(() => parseOptions(['--only', 'matmull'])).toThrow(/unknown benchmark "matmull"/);
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/--rounds: expected a positive integer/);
  });
});
