import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI the tests run as a process. */
export const CLI_PATH = join(appDirectory, 'dist', 'cli.js');

/** What a CLI run produced. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Makes sure dist/cli.js exists and is newer than every file under src/, building it with tsup otherwise, so the
 * tests always run the CLI built from the current source (the library packages must be built already).
 */
export function ensureBuilt(): void {
  if (existsSync(CLI_PATH) && statSync(CLI_PATH).mtimeMs >= newestSourceTime(join(appDirectory, 'src'))) return;
  const build = spawnSync(
    process.execPath,
    [join(appDirectory, 'node_modules', 'tsup', 'dist', 'cli-default.js'), '--silent'],
    {
      cwd: appDirectory,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0) throw new Error(`building the demo failed:\n${build.stdout}${build.stderr}`);
}

/** Runs the built CLI with `args` (stdout and stderr are pipes, so not a TTY). */
export function runCli(args: readonly string[], options: { cwd?: string } = {}): CliRun {
  const run = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? appDirectory,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Like runCli, without blocking, so independent runs can overlap (`describe.concurrent`). */
export function runCliAsync(args: readonly string[], options: { cwd?: string } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [CLI_PATH, ...args],
      { cwd: options.cwd ?? appDirectory, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        if (error && status === null) reject(error);
        else resolvePromise({ status, stdout, stderr });
      },
    );
  });
}

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
