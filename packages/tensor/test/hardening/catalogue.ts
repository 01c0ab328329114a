import { ChainruleError, Tensor } from '@chainrule/tensor';
import { expect } from 'vitest';

/** A typed error class of chainrule (ShapeError, DTypeError, ...). */
export type ErrorClass = abstract new (...args: never[]) => ChainruleError;

/** One row of a bad-input catalogue: build the arguments, call, expect a typed error whose message matches. */
export interface BadInputCase {
  readonly name: string;
  readonly error: ErrorClass;
  readonly message: RegExp;
  readonly args: () => readonly unknown[];
  readonly call: (...args: never[]) => unknown;
}

/** A catalogue row; `args` builds fresh arguments (snapshotted before the call), `call` receives them. */
export function bad<A extends unknown[]>(
  name: string,
  error: ErrorClass,
  message: RegExp,
  args: () => A,
  call: (...args: A) => unknown,
): BadInputCase {
  return { name, error, message, args, call: call as (...args: never[]) => unknown };
}

/**
 * What a package building on tensor adds to the catalogue: how to snapshot and describe its own kinds of value
 * (autograd's Vars). Each returns undefined for a value it does not know, which then falls through.
 */
export interface CatalogueExtension {
  snapshot?: (value: unknown, recurse: (inner: unknown) => unknown) => unknown;
  describe?: (value: unknown) => string | undefined;
}

/** A deep copy of everything observable about the arguments: tensors' whole buffers, shapes, strides, offsets. */
export function snapshot(value: unknown, extension: CatalogueExtension = {}, seen = new Set<unknown>()): unknown {
  const extended = extension.snapshot?.(value, (inner) => snapshot(inner, extension, seen));
  if (extended !== undefined) return extended;
  if (value instanceof Tensor) {
    return { data: Array.from(value.data), shape: [...value.shape], strides: [...value.strides], offset: value.offset };
  }
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (x) => String(x));
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '<cycle>';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => snapshot(item, extension, seen));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = snapshot((value as Record<string, unknown>)[key], extension, seen);
  return copy;
}

/**
 * Runs one catalogue row: the call must throw an instance of `error` (a ChainruleError, with its class name as
 * `name`) whose message matches, and must leave every argument exactly as it was (as `extension` sees it too).
 */
export function expectTypedError(row: BadInputCase, extension: CatalogueExtension = {}): void {
  const args = row.args();
  const before = snapshot(args, extension);
  let caught: unknown;
  let returned: unknown;
  try {
    returned = row.call(...(args as never[]));
  } catch (error) {
    caught = error;
  }
  expect(caught, `no error thrown; returned ${extension.describe?.(returned) ?? describe(returned)}`).toBeDefined();
  const error = caught as Error;
  expect(error, `${error?.name}: ${error?.message}`).toBeInstanceOf(row.error);
  expect(error).toBeInstanceOf(ChainruleError);
  expect(error.name).toBe(row.error.name);
  expect(error.message).toMatch(row.message);
  expect(snapshot(args, extension), 'an argument was mutated').toEqual(before);
}

function describe(value: unknown): string {
  if (value instanceof Tensor) return `a tensor of shape [${value.shape.join(',')}]`;
  return String(value);
}
