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
