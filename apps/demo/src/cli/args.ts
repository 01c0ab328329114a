import { parseArgs } from 'node:util';
import type { DType } from '@chainrule/tensor';
import { formatCount } from '../render/format';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from './options';
import { UsageError } from './usage-error';

/** Everything one run of the demo needs: the training settings plus what to show and where to write. */
export interface DemoOptions extends TrainOptions {
  /** Print only the JSON result on stdout. */
  json: boolean;
  /** Print only the final summary line. */
  quiet: boolean;
  /** Train with a compiled step (`compile` of @chainrule/autograd): the same numbers, traced once and replayed. */
  compile: boolean;
  /** Where to write the loss curve as SVG, if asked. */
  plotPath?: string;
  /** Where to write the computation graph (`.dot` or `.mmd`), if asked. */
  graphPath?: string;
}

/** What the command line asks for: help, the version, or a run. */
export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: DemoOptions };

/** Largest accepted `--iterations` (every loss is kept in memory and printed by `--json`; about a minute of training). */
export const MAX_ITERATIONS = 1_000_000;
/** Largest accepted `--hidden`. */
export const MAX_HIDDEN_UNITS = 4096;
/** Largest accepted `--seed`: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;
/** File extensions `--graph` understands, and the format each one selects. */
export const GRAPH_FORMATS = { '.dot': 'dot', '.mmd': 'mermaid' } as const;

const optionSpecs = {
  iterations: { type: 'string' },
  lr: { type: 'string' },
  hidden: { type: 'string' },
  seed: { type: 'string' },
  dtype: { type: 'string' },
  plot: { type: 'string' },
  graph: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  compile: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type FlagName = keyof typeof optionSpecs;

const seeHelp = ' (see --help)';

/**
 * Parses and validates the command line (without the `node script` prefix). `-h`/`--help` anywhere wins over every
 * other flag, bad ones included, then `--version`. Otherwise throws a UsageError whose one-line message names the
 * offending flag; never touches the file system.
 */
export function parseCommand(argv: readonly string[]): Command {
  const asked = askedFor(argv);
  if (asked) return { kind: asked };
  const { values, tokens } = parseTokens(argv);

  const options: DemoOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    compile: values.compile ?? false,
  };
  // Validate in command-line order, so the first bad flag typed is the one reported.
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    applyValue(options, token.name as FlagName, token.value);
  }
  return { kind: 'run', options };
}

/**
 * `help` when `-h` or `--help` appears anywhere before a `--` (alone, in a group of short flags like `-qh`, or where a
 * value was expected, as in `--plot --help`), else `version` for `--version`, else null.
 */
function askedFor(argv: readonly string[]): 'help' | 'version' | null {
  const { tokens } = parseArgs({
    args: [...argv],
    options: optionSpecs,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const asked = new Set<string>();
  for (const token of tokens) {
    if (token.kind === 'option-terminator') break;
    if (token.kind !== 'option') continue;
    if (token.name === 'help' || (token.name === 'version' && token.value === undefined)) asked.add(token.name);
    if (token.value === '--help' || token.value === '-h') asked.add('help');
    if (token.value === '--version') asked.add('version');
  }
  if (asked.has('help')) return 'help';
  return asked.has('version') ? 'version' : null;
}

/** Node's parseArgs with the demo's flags; its errors become one-line UsageErrors. */
function parseTokens(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: optionSpecs, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    throw explainParseFailure(argv, error);
  }
}

function applyValue(options: DemoOptions, flag: FlagName, raw: string): void {
  switch (flag) {
    case 'iterations':
      options.iterations = parseCount('--iterations', raw, 1, MAX_ITERATIONS);
      return;
    case 'hidden':
      options.hiddenUnits = parseCount('--hidden', raw, 1, MAX_HIDDEN_UNITS);
      return;
    case 'seed':
      options.seed = parseCount('--seed', raw, 0, MAX_SEED);
      return;
    case 'lr':
      options.learningRate = parsePositiveNumber('--lr', raw);
      return;
    case 'dtype':
      options.dtype = parseDType(raw);
      return;
    case 'plot':
      options.plotPath = parseOutputPath('--plot', raw, ['.svg']);
      return;
    case 'graph':
      options.graphPath = parseOutputPath('--graph', raw, Object.keys(GRAPH_FORMATS));
      return;
    default:
      return;
  }
}

/** A whole number written in decimal digits, within [min, max]. */
function parseCount(flag: string, raw: string, min: number, max: number): number {
  const expected = min === 0 ? 'a whole number' : `a whole number >= ${min}`;
  if (!isDigits(raw)) throw new UsageError(`${flag} must be ${expected}, got ${quote(raw)}${seeHelp}`);
  const value = Number(raw);
  if (value < min || value > max) {
    const range = `${formatCount(min)} to ${formatCount(max)}`;
    throw new UsageError(`${flag} must be a whole number from ${range}, got ${quote(raw)}${seeHelp}`);
  }
  return value;
}

/** A finite number > 0 in plain decimal or exponent notation (`1`, `0.5`, `.5`, `2e-3`). */
function parsePositiveNumber(flag: string, raw: string): number {
  const value = isDecimalNumber(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got ${quote(raw)}${seeHelp}`);
  }
  return value;
}

function parseDType(raw: string): DType {
  if (raw === 'float32' || raw === 'float64') return raw;
  throw new UsageError(`--dtype must be float32 or float64, got ${quote(raw)}${seeHelp}`);
}

function parseOutputPath(flag: string, raw: string, extensions: readonly string[]): string {
  const lower = raw.toLowerCase();
  const base = lower.slice(Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\')) + 1);
  if (!extensions.some((extension) => base.endsWith(extension) && base.length > extension.length)) {
    const wanted = extensions.join(' or ');
    throw new UsageError(`${flag} needs a file name ending in ${wanted}, got ${quote(raw)}${seeHelp}`);
  }
  return raw;
}

/**
 * Turns a util.parseArgs failure into a message that names the flag. Re-reads the arguments leniently (tokens,
 * no strict checks) to find the first offending one; a numeric value starting with '-' (`--iterations -5`) is
 * then judged by its own validator, so it reads "must be a whole number", not "argument is ambiguous".
 */
function explainParseFailure(argv: readonly string[], error: unknown): UsageError {
  const { tokens } = parseArgs({
    args: [...argv],
    options: optionSpecs,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      return new UsageError(`unexpected argument ${quote(token.value)}: this command takes flags only${seeHelp}`);
    }
    if (token.kind !== 'option') continue;
    if (!Object.hasOwn(optionSpecs, token.name)) return new UsageError(`unknown flag ${token.rawName}${seeHelp}`);
    const spec = optionSpecs[token.name as FlagName];
    if (spec.type === 'boolean') {
      if (token.value !== undefined)
        return new UsageError(`${token.rawName} takes no value, got ${quote(token.value)}${seeHelp}`);
      continue;
    }
    if (token.value === undefined) return new UsageError(`--${token.name} needs a value${seeHelp}`);
    if (!token.inlineValue && token.value.startsWith('-')) {
      if (token.value.startsWith('--') || isShortFlag(token.value)) {
        return new UsageError(`--${token.name} needs a value, got the flag ${quote(token.value)}${seeHelp}`);
      }
      try {
        applyValue(
          { ...DEFAULT_TRAIN_OPTIONS, json: false, quiet: false, compile: false },
          token.name as FlagName,
          token.value,
        );
      } catch (validationError) {
        if (validationError instanceof UsageError) return validationError;
        throw validationError;
      }
      return new UsageError(
        `--${token.name} value ${quote(token.value)} starts with '-'; write --${token.name}=${token.value} if you mean it`,
      );
    }
  }
  const firstLine = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return new UsageError(firstLine);
}

function isShortFlag(text: string): boolean {
  return text.length === 2 && text[0] === '-' && !isDigits(text.slice(1));
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (const character of text) if (character < '0' || character > '9') return false;
  return true;
}

/** `123`, `1.5`, `.5`, `5.`, `2e-3`, `+1E2`: digits with at most one point, an optional exponent, no sign but `+`. */
function isDecimalNumber(text: string): boolean {
  const [mantissa = '', exponent, ...rest] = text.toLowerCase().split('e');
  if (rest.length > 0) return false;
  const unsigned = mantissa.startsWith('+') ? mantissa.slice(1) : mantissa;
  const [whole = '', fraction, ...more] = unsigned.split('.');
  if (more.length > 0 || (whole === '' && (fraction ?? '') === '')) return false;
  if (whole !== '' && !isDigits(whole)) return false;
  if (fraction !== undefined && fraction !== '' && !isDigits(fraction)) return false;
  if (exponent === undefined) return true;
  const exponentDigits = exponent.startsWith('+') || exponent.startsWith('-') ? exponent.slice(1) : exponent;
  return isDigits(exponentDigits);
}

function quote(text: string): string {
  return JSON.stringify(text);
}
