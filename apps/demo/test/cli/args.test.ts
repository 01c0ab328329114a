import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/args';
import { DEFAULT_TRAIN_OPTIONS } from '../../src/cli/options';
import { UsageError } from '../../src/cli/usage-error';

function messageOf(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected ${JSON.stringify(argv)} to be rejected`);
}

describe('parseCommand', () => {
  it('gives the defaults for no arguments', () => {
    expect(parseCommand([])).toEqual({
      kind: 'run',
      options: { ...DEFAULT_TRAIN_OPTIONS, json: false, quiet: false, compile: false },
    });
  });

  it('reads every flag', () => {
    const command = parseCommand([
      '--iterations',
      '200',
      '--lr=0.25',
      '--hidden',
      '8',
      '--seed',
      '0',
      '--dtype',
      'float32',
      '--plot',
      'out/loss.SVG',
      '--graph',
      'g.mmd',
      '--json',
      '-q',
      '--compile',
    ]);
    expect(command).toEqual({
      kind: 'run',
      options: {
        iterations: 200,
        learningRate: 0.25,
        hiddenUnits: 8,
        seed: 0,
        dtype: 'float32',
        plotPath: 'out/loss.SVG',
        graphPath: 'g.mmd',
        json: true,
        quiet: true,
        compile: true,
      },
    });
  });

  it('accepts the usual ways of writing a learning rate', () => {
    for (const [text, value] of [
      ['1', 1],
      ['0.5', 0.5],
      ['.5', 0.5],
      ['5.', 5],
      ['2e-3', 0.002],
      ['+1E1', 10],
    ] as const) {
      expect(parseCommand(['--lr', text])).toMatchObject({ options: { learningRate: value } });
    }
  });

  it('rejects learning rates that are not plain positive numbers', () => {
    for (const text of ['', 'abc', '0x10', '1e', '1..2', '.', 'NaN', '-0.5', '0', '1e999']) {
      expect(messageOf(['--lr', text])).toContain('--lr must be a positive number');
    }
  });

  it('names the first bad flag as typed', () => {
    expect(messageOf(['--seed', 'x', '--lr', 'y'])).toContain('--seed');
    expect(messageOf(['--lr', 'y', '--seed', 'x'])).toContain('--lr');
  });

  it('explains the errors util.parseArgs finds in terms of the flag', () => {
    expect(messageOf(['--iterations', '-5'])).toBe('--iterations must be a whole number >= 1, got "-5" (see --help)');
    expect(messageOf(['--hidden'])).toBe('--hidden needs a value (see --help)');
    expect(messageOf(['--nope'])).toBe('unknown flag --nope (see --help)');
    expect(messageOf(['-x'])).toBe('unknown flag -x (see --help)');
    expect(messageOf(['--seed', '--json'])).toBe('--seed needs a value, got the flag "--json" (see --help)');
    expect(messageOf(['--quiet=1'])).toBe('--quiet takes no value, got "1" (see --help)');
    expect(messageOf(['--plot', '-loss.svg'])).toContain('--plot=-loss.svg');
  });

  it('checks the range of each count', () => {
    expect(messageOf(['--iterations', '0'])).toBe(
      '--iterations must be a whole number from 1 to 1,000,000, got "0" (see --help)',
    );
    expect(messageOf(['--iterations', '1.5'])).toBe('--iterations must be a whole number >= 1, got "1.5" (see --help)');
    expect(messageOf(['--iterations', '1e3'])).toContain('--iterations must be a whole number');
    expect(messageOf(['--hidden', '4097'])).toContain('--hidden must be a whole number from 1 to 4,096');
    expect(messageOf(['--seed', '4294967296'])).toContain('--seed must be a whole number from 0 to 4,294,967,295');
    expect(parseCommand(['--seed', '4294967295'])).toMatchObject({ options: { seed: 4294967295 } });
  });

  it('rejects output names with the wrong extension', () => {
    expect(messageOf(['--plot', 'loss.png'])).toBe(
      '--plot needs a file name ending in .svg, got "loss.png" (see --help)',
    );
    expect(messageOf(['--plot', '.svg'])).toContain('--plot needs a file name');
    expect(messageOf(['--graph', 'g.svg'])).toBe(
      '--graph needs a file name ending in .dot or .mmd, got "g.svg" (see --help)',
    );
  });

  it('keeps messages on one line whatever the value holds', () => {
    expect(messageOf(['--dtype', 'float\n64'])).not.toContain('\n');
  });

  it('asks for help', () => {
    expect(parseCommand(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommand(['--seed', '3', '--help'])).toEqual({ kind: 'help' });
  });

  it('lets --help win over every other flag, bad ones included', () => {
    for (const argv of [
      ['--nope', '--help'],
      ['--iterations', '-5', '-h'],
      ['--lr', 'abc', '--help'],
      ['extra', '--help'],
      ['--plot', '--help'],
      ['--seed', '-h'],
      ['-qh'],
      ['--json=yes', '--help'],
      ['--version', '--help'],
      ['--help', '--version'],
    ]) {
      expect(parseCommand(argv), JSON.stringify(argv)).toEqual({ kind: 'help' });
    }
    expect(messageOf(['--', '--help'])).toContain('unexpected argument "--help"'); // after --, an argument
  });

  it('asks for the version, which also wins over the other flags', () => {
    expect(parseCommand(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommand(['--iterations', '0', '--version'])).toEqual({ kind: 'version' });
    expect(messageOf(['--version=1'])).toContain('--version takes no value');
  });
});
