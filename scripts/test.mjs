// Runs the whole vitest suite once and closes with the line CI reads: "N passed, N failed".
// Vitest's own summary is printed too; its JSON report is the source of the closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const reportFile = '.vitest.json';
rmSync(reportFile, { force: true });
const run = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
if (!existsSync(reportFile)) {
  console.log('0 passed, 1 failed');
  process.exit(run.status || 1);
}
const report = JSON.parse(readFileSync(reportFile, 'utf8'));
// A file that fails to load has no failed tests of its own, yet it is a failure: count it once.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
).length;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`);
process.exit(run.status ?? 1);
