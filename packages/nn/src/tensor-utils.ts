import { Var } from '@chainrule/autograd';
import { type DType, Tensor } from '@chainrule/tensor';

/** A contiguous copy of `t` with its own buffer (offset 0), so later writes to either never reach the other. */
export function copyTensor(t: Tensor): Tensor {
  const source = t.contiguous();
  const data = source.data.slice(source.offset, source.offset + source.size);
  return new Tensor(data, source.shape.slice());
}

/** `[2,3] float32`: shape and dtype for error messages. */
export function describeTensor(t: Tensor): string {
  return `[${t.shape.join(',')}] ${t.dtype}`;
}

/** Short description of an unexpected value for error messages: `null`, `an array`, `a Var`, `number NaN`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  // Checked by class rather than by constructor.name, which bundlers may rename (`_Var`).
  if (value instanceof Tensor) return `a Tensor ${describeTensor(value)}`;
  if (value instanceof Var) return `a Var ${describeTensor(value.value)}`;
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

/** Bytes per element of a dtype. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' ? 8 : 4;
}

/** True on little-endian hosts (every mainstream one), where typed-array bytes are already in file order. */
export const hostIsLittleEndian: boolean = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Keys that could reach `Object.prototype` when used as property names; state dicts refuse them. */
export const forbiddenKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
