import { type Stats, accessSync, constants, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error';

/** A file to write: its path and its whole content. */
export interface OutputFile {
  path: string;
  content: string;
}

/** Longest file name, in UTF-8 bytes, that common file systems accept (NAME_MAX on Linux, macOS and Windows). */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * Checks, before any work is done, that `path` can be written: its file name fits in MAX_FILE_NAME_BYTES, its
 * directory exists and is writable, the path is not a directory nor a read-only file, and the file system accepts
 * the names of both the target and the temporary file written beside it. Throws a UsageError naming `flag`
 * otherwise. Creates nothing.
 */
export function checkWritable(flag: string, path: string): void {
  const target = resolve(path);
  const directory = dirname(target);
  const fail: (reason: string) => never = (reason) => {
    throw new UsageError(`${flag} cannot write ${JSON.stringify(path)}: ${reason}`);
  };
  const nameBytes = utf8Length(basename(target));
  if (nameBytes > MAX_FILE_NAME_BYTES) {
    fail(`the file name is ${nameBytes} bytes long; file systems allow at most ${MAX_FILE_NAME_BYTES}`);
  }
  const directoryStats = statOrCode(directory);
  if (directoryStats === 'ENAMETOOLONG') fail('the path is too long for this system');
  if (directoryStats === 'ENOENT' || directoryStats === 'ENOTDIR') {
    fail(`directory ${JSON.stringify(directory)} does not exist`);
  }
  if (typeof directoryStats === 'string')
    fail(`directory ${JSON.stringify(directory)} cannot be read (${directoryStats})`);
  if (!directoryStats.isDirectory()) fail(`${JSON.stringify(directory)} is not a directory`);
  if (!canAccess(directory, constants.W_OK | constants.X_OK))
    fail(`directory ${JSON.stringify(directory)} is not writable`);
  const targetStats = statOrCode(target);
  if (targetStats === 'ENAMETOOLONG') fail('the name is too long for this file system');
  if (typeof targetStats !== 'string') {
    if (targetStats.isDirectory()) fail('it is a directory');
    if (!canAccess(target, constants.W_OK)) fail('the file is not writable');
  }
  // The temporary name has the same length at any time (Date.now() keeps 13 digits until the year 2286).
  if (statOrCode(temporaryPathFor(target, Date.now())) === 'ENAMETOOLONG') {
    fail('the name of the temporary file written beside it is too long for this file system; choose a shorter name');
  }
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
      const temporary = temporaryPathFor(target, Date.now());
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

/**
 * The temporary file beside `target`: `.NAME.PID.TIME.tmp`, where NAME is the target's file name cut (at a character
 * boundary) so that the whole name stays within MAX_FILE_NAME_BYTES whenever the target's name does.
 */
export function temporaryPathFor(target: string, time: number): string {
  const suffix = `.${process.pid}.${time}.tmp`;
  const name = truncateUtf8(basename(target), MAX_FILE_NAME_BYTES - 1 - utf8Length(suffix));
  return join(dirname(target), `.${name}${suffix}`);
}

/** The longest prefix of `text` whose UTF-8 encoding takes at most `maxBytes`, never splitting a character. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    bytes += utf8Length(character);
    if (bytes > maxBytes) break;
    end += character.length;
  }
  return text.slice(0, end);
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The file's stats, or the error code (`ENOENT`, `ENAMETOOLONG`, ...) that stat failed with. */
function statOrCode(path: string): Stats | string {
  try {
    return statSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown';
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
