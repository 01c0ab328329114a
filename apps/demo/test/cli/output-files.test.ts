import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_BYTES, checkWritable, temporaryPathFor, writeFilesAtomically } from '../../src/cli/output-files';
import { UsageError } from '../../src/cli/usage-error';

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'chainrule-demo-files-'));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const bytes = (text: string): number => Buffer.byteLength(text);
const time = 1_796_392_965_779; // 13 digits, like every Date.now() until the year 2286

describe('temporaryPathFor', () => {
  it('keeps a short name whole: .NAME.PID.TIME.tmp beside the target', () => {
    const path = temporaryPathFor('/some/dir/loss.svg', time);
    expect(dirname(path)).toBe('/some/dir');
    expect(basename(path)).toBe(`.loss.svg.${process.pid}.${time}.tmp`);
  });

  it('cuts a long name so that the temporary name fits in 255 bytes, at a character boundary', () => {
    for (const name of [
      `${'a'.repeat(251)}.svg`,
      `${'é'.repeat(125)}.svg`,
      `${'😀'.repeat(63)}.svg`,
      'xé'.repeat(84),
    ]) {
      const temporary = basename(temporaryPathFor(`/d/${name}`, time));
      expect(bytes(temporary), name).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
      expect(bytes(temporary)).toBeGreaterThan(MAX_FILE_NAME_BYTES - 4); // cut no shorter than it must be
      expect(temporary.endsWith(`.${process.pid}.${time}.tmp`)).toBe(true);
      expect(temporary).not.toContain('\uFFFD');
      const kept = temporary.slice(1, temporary.length - `.${process.pid}.${time}.tmp`.length);
      expect(name.startsWith(kept)).toBe(true);
    }
  });
});

describe('checkWritable', () => {
  function reason(path: string): string {
    try {
      checkWritable('--plot', path);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    return 'accepted';
  }

  it('accepts a name of exactly 255 bytes and creates nothing', () => {
    expect(reason(join(directory, `${'a'.repeat(251)}.svg`))).toBe('accepted');
    expect(readdirSync(directory)).toEqual([]);
  });

  it('refuses a name over 255 bytes, counting UTF-8 bytes rather than characters', () => {
    expect(reason(join(directory, `${'a'.repeat(252)}.svg`))).toMatch(
      /^--plot cannot write ".*": the file name is 256 bytes long; file systems allow at most 255$/,
    );
    expect(reason(join(directory, `${'é'.repeat(126)}.svg`))).toContain('the file name is 256 bytes long');
  });

  it('names the other reasons', () => {
    expect(reason(join(directory, 'missing', 'loss.svg'))).toContain('does not exist');
    expect(reason(join(directory, 'x'.repeat(300), 'loss.svg'))).toContain('the path is too long');
    writeFileSync(join(directory, 'file'), '');
    expect(reason(join(directory, 'file', 'loss.svg'))).toContain('is not a directory');
  });
});

describe('writeFilesAtomically', () => {
  it('writes a 255-byte name through its shortened temporary and leaves nothing else', () => {
    const target = join(directory, 'w', `${'b'.repeat(251)}.svg`);
    mkdirSync(dirname(target));
    writeFilesAtomically([{ path: target, content: '<svg/>' }]);
    expect(readdirSync(dirname(target))).toEqual([basename(target)]);
  });
});
