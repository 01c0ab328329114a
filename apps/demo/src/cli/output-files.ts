import { accessSync, constants, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error';

/** A file to write: its path and its whole content. */
export interface OutputFile {
  path: string;
  content: string;
}

/**
 * Checks, before any work is done, that `path` can be written: its directory exists and is writable, and the path
 * is not a directory nor a read-only file. Throws a UsageError naming `flag` otherwise. Creates nothing.
 */
export function checkWritable(flag: string, path: string): void {
  const target = resolve(path);
  const directory = dirname(target);
  const fail = (reason: string): never => {
    throw new UsageError(`${flag} cannot write ${JSON.stringify(path)}: ${reason}`);
  };
  const directoryStats = statOrNull(directory);
  if (!directoryStats) fail(`directory ${JSON.stringify(directory)} does not exist`);
  if (!directoryStats!.isDirectory()) fail(`${JSON.stringify(directory)} is not a directory`);
  if (!canAccess(directory, constants.W_OK | constants.X_OK))
    fail(`directory ${JSON.stringify(directory)} is not writable`);
  const targetStats = statOrNull(target);
  if (targetStats?.isDirectory()) fail('it is a directory');
  if (targetStats && !canAccess(target, constants.W_OK)) fail('the file is not writable');
}

/**
 * Writes every file or none: each content goes to a temporary file beside its target, and only when all are written
 * are they renamed over their targets (a rename within a directory is atomic). On failure the temporaries are removed.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const written: { temporary: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = resolve(file.path);
      const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
      try {
        writeFileSync(temporary, file.content, { flag: 'wx' });
      } catch (error) {
        // A write that fails midway (a full disk) leaves a partial temporary; one that existed already is not ours.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') removeQuietly(temporary);
        throw error;
      }
      written.push({ temporary, target });
    }
    for (const { temporary, target } of written) renameSync(temporary, target);
  } catch (error) {
    for (const { temporary } of written) removeQuietly(temporary);
    throw error;
  }
}

function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone: nothing to clean up
  }
}
