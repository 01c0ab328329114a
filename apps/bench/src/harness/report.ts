import { summarize, type CaseResult } from './run-case';
import type { BenchCase } from './types';

/** One implementation's row, as stored in results/latest.json. */
export interface ImplementationReport {
  name: string;
  kind: string;
  status: 'ok' | 'failed';
  detail: string;
  /** Round times in milliseconds. */
  times: number[];
  medianMilliseconds?: number;
  /** The case's metric (ms, µs/op, GFLOP/s, s) at the median, the fastest round (best) and the slowest (worst). */
  metric?: { median: number; best: number; worst: number };
  /** Median time over the fastest implementation's median time. */
  ratioToFastest?: number;
}

/** A target's verdict. */
export interface TargetReport {
  implementation: string;
  description: string;
  measured?: string;
  met?: boolean;
}

/** One case, as stored in results/latest.json. */
export interface CaseReport {
  benchmark: string;
  id: string;
  title: string;
  description: string;
  unit: string;
  rounds: number;
  implementations: ImplementationReport[];
  targets: TargetReport[];
}

/** Turns round times into medians, metrics, ratios and target verdicts. */
export function buildCaseReport(benchCase: BenchCase, result: CaseResult): CaseReport {
  const medians = new Map<string, number>();
  const implementations: ImplementationReport[] = result.implementations.map((implementation) => {
    const row: ImplementationReport = { ...implementation };
    if (implementation.status === 'ok' && implementation.times.length > 0) {
      const summary = summarize(implementation.times);
      const toMetric = (milliseconds: number) => benchCase.metric.fromMilliseconds(milliseconds);
      row.medianMilliseconds = summary.median;
      row.metric = { median: toMetric(summary.median), best: toMetric(summary.min), worst: toMetric(summary.max) };
      medians.set(implementation.name, summary.median);
    }
    return row;
  });
  const fastest = Math.min(...medians.values());
  for (const row of implementations) {
    if (row.medianMilliseconds !== undefined) row.ratioToFastest = row.medianMilliseconds / fastest;
  }
  const metricMedians = new Map(
    [...medians].map(([name, milliseconds]) => [name, benchCase.metric.fromMilliseconds(milliseconds)]),
  );
  const targets = benchCase.targets.map((target): TargetReport => {
    const value = medians.has(target.implementation) ? target.measure(metricMedians) : undefined;
    return value === undefined
      ? { implementation: target.implementation, description: target.description }
      : {
          implementation: target.implementation,
          description: target.description,
          measured: target.format(value),
          met: target.met(value),
        };
  });
  return {
    benchmark: benchCase.benchmark,
    id: benchCase.id,
    title: benchCase.title,
    description: benchCase.description,
    unit: benchCase.metric.unit,
    rounds: result.rounds,
    implementations,
    targets,
  };
}

/** Markdown: a heading, the table (median, min–max, ratio to the fastest, check) and the target verdicts. */
export function caseMarkdown(report: CaseReport, digits: number): string {
  const format = (value: number) => value.toFixed(digits);
  const lines = [
    `### ${report.title}`,
    '',
    `${report.description} ${report.rounds} interleaved rounds.`,
    '',
    `| implementation | median (${report.unit}) | min–max (${report.unit}) | ratio to fastest | check |`,
    '|---|--:|--:|--:|---|',
  ];
  const ordered = [...report.implementations].sort(
    (a, b) => (a.ratioToFastest ?? Infinity) - (b.ratioToFastest ?? Infinity),
  );
  for (const row of ordered) {
    if (row.status === 'ok' && row.metric && row.ratioToFastest !== undefined) {
      const low = Math.min(row.metric.best, row.metric.worst);
      const high = Math.max(row.metric.best, row.metric.worst);
      lines.push(
        `| ${row.name} | ${format(row.metric.median)} | ${format(low)}–${format(high)} | ${row.ratioToFastest.toFixed(2)}x | ${escapeCell(row.detail)} |`,
      );
    } else {
      lines.push(`| ${row.name} | – | – | – | **failed**: ${escapeCell(row.detail)} |`);
    }
  }
  for (const target of report.targets) {
    const verdict =
      target.met === undefined ? 'not measured' : `${target.measured}: ${target.met ? '**met**' : '**missed**'}`;
    lines.push('', `Target for ${target.implementation}: ${target.description}; measured ${verdict}.`);
  }
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|');
}

/** One line of the closing summary: a target and its verdict. */
export interface TargetSummary {
  benchmark: string;
  implementation: string;
  description: string;
  measured?: string;
  met?: boolean;
}

/** The targets of every case, for the summary table. */
export function targetSummaries(reports: readonly CaseReport[]): TargetSummary[] {
  return reports.flatMap((report) => report.targets.map((target) => ({ benchmark: report.title, ...target })));
}

/** Markdown summary: one row per target with the measured value and whether it is met. */
export function targetsMarkdown(summaries: readonly TargetSummary[]): string {
  const lines = [
    '### Targets',
    '',
    '| benchmark | implementation | target | measured | verdict |',
    '|---|---|---|--:|---|',
  ];
  for (const summary of summaries) {
    const verdict = summary.met === undefined ? 'not measured' : summary.met ? 'met' : '**missed**';
    lines.push(
      `| ${summary.benchmark} | ${summary.implementation} | ${summary.description} | ${summary.measured ?? '–'} | ${verdict} |`,
    );
  }
  return lines.join('\n');
}
