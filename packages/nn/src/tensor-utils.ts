import { Var } from '@chainrule/autograd';
import { type DType, Tensor } from '@chainrule/tensor';
import { hasBrand } from '@chainrule/tensor/internal';
import { bufferBrand, parameterBrand } from './brand';

/** `[2,3] float32`: shape and dtype for error messages. */
export function describeTensor(t: Tensor): string {
  return `[${t.shape.join(',')}] ${t.dtype}`;
}

/**
 * Short description of an unexpected value for error messages: `null`, `an array`, `a Parameter [2,3] float32`,
 * `a Var [2] float64`, `number NaN`. A Parameter or ModuleBuffer is named as one (by brand: this file cannot import
 * their classes without an import cycle), as a user thinks of it, not as the Var it also is.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  // Checked by class rather than by constructor.name, which bundlers may rename (`_Var`).
  if (value instanceof Tensor) return `a Tensor ${describeTensor(value)}`;
  if (value instanceof Var) {
    const kind = hasBrand(value, parameterBrand) ? 'Parameter' : hasBrand(value, bufferBrand) ? 'ModuleBuffer' : 'Var';
    return `a ${kind} ${describeTensor(value.value)}`;
  }
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== 'Object'
      ? `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`
      : 'an object';
  }
  if (typeof value === 'string') return `string '${value}'`;
  return `${typeof value} ${String(value)}`;
}

/**
 * True for a plain object (its prototype is `Object.prototype`, from any realm, or null): the only kind of record a
 * state dict may be. A `Map`, an array or a class instance (a Module) is not one: reading it with `Object.keys` would
 * see no entries (a Map) or the wrong ones.
 */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** What a non-record was, for `expected a plain object ...; got <this>`; a Map gets the one-line fix. */
export function describeNonRecord(value: unknown): string {
  return value instanceof Map ? `a Map (convert it with Object.fromEntries(map))` : describeValue(value);
}

/** Bytes per element of a dtype. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' ? 8 : 4;
}

/** True on little-endian hosts (every mainstream one), where typed-array bytes are already in file order. */
export const hostIsLittleEndian: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Keys that could reach `Object.prototype` when used as property names; state dicts refuse them. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
