// Runs the whole vitest suite once and closes with the line CI reads: "N passed, N failed".
// Vitest's own summary is printed too; its JSON report is the source of the closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const reportFile = '.vitest.json';
// The closing line is also kept in this file, for .ci/run to repeat after pnpm's own failure message.
const summaryFile = '.test-summary';
rmSync(reportFile, { force: true });
rmSync(summaryFile, { force: true });
const run = spawnSync(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--coverage',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
if (!existsSync(reportFile)) {
  close('0 passed, 1 failed');
  process.exit(run.status || 1);
}
printCoverage();
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
// A file that fails to load has no failed tests of its own, yet it is a failure: count it once.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
).length;
close(`${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`);
process.exit(run.status ?? 1);

function close(line) {
  writeFileSync(summaryFile, `${line}\n`);
  console.log(line);
}

/** Line and branch coverage per library package, from vitest's v8 json-summary (coverage/coverage-summary.json). */
function printCoverage() {
  const summaryPath = 'coverage/coverage-summary.json';
  if (!existsSync(summaryPath)) return;
  const files = JSON.parse(readFileSync(summaryPath, 'utf8'));
  const packages = new Map();
  for (const [file, figures] of Object.entries(files)) {
    const name = /packages\/([^/]+)\/src\//.exec(file)?.[1];
    if (name === undefined) continue;
    const totals = packages.get(name) ?? { lines: [0, 0], branches: [0, 0], functions: [0, 0] };
    for (const kind of ['lines', 'branches', 'functions']) {
      totals[kind][0] += figures[kind].covered;
      totals[kind][1] += figures[kind].total;
    }
    packages.set(name, totals);
  }
  const percent = ([covered, total]) => (total === 0 ? '100.0' : ((100 * covered) / total).toFixed(1));
  console.log('\nCoverage (v8) of the library sources:');
  for (const [name, totals] of [...packages].sort()) {
    console.log(
      `  @chainrule/${name}: lines ${percent(totals.lines)}%, branches ${percent(totals.branches)}%, functions ${percent(totals.functions)}%`,
    );
  }
}
