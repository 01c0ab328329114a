import { ValueError } from './errors';

/**
 * Internal: an options argument as an object to read: `{}` when it is undefined; `null`, a number, a string or an
 * array is a ValueError naming `op` (so `tensor(values, null)` is not a TypeError from reading `null.dtype`).
 */
export function optionsObject<T extends object>(options: T | undefined, op: string): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${op}: options must be an object; got ${describeOption(options)}`);
  }
  return options;
}

/** Internal: a boolean flag, `fallback` when undefined; any other value (`'yes'`, `1`) is a ValueError naming `op`. */
export function checkFlag(value: unknown, fallback: boolean, op: string, name: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  throw new ValueError(`${op}: ${name} must be true or false; got ${describeOption(value)}`);
}

function describeOption(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string '${value}'`;
  return `${typeof value} ${String(value)}`;
}
