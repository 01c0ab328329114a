import { type Tensor, isTensor, scalar, shapesEqual } from '@chainrule/tensor';
import { StateDictError } from '../errors';
import type { Parameter } from '../parameter';
import { describeTensor, describeValue } from '../tensor-utils';

// An optimizer's state dict, flat and made of tensors so that the weight formats (safetensors, JSON) carry it:
//   lr                  [] float64, the learning rate
//   state.<i>.<name>    parameter i's state: a copy of each state tensor, and each step count as a [] float64

const f64 = { dtype: 'float64' } as const;
const stateKey = /^state\.(0|[1-9]\d*)\.([A-Za-z_$][\w$]*)$/;

/** Internal: `Optimizer.stateDict()`'s dict from the learning rate and the per-parameter states (null: none yet). */
export function writeOptimizerStateDict(lr: number, states: readonly (object | null)[]): Record<string, Tensor> {
  const dict: Record<string, Tensor> = { lr: scalar(lr, f64) };
  states.forEach((state, index) => {
    if (state === null) return;
    for (const [name, entry] of Object.entries(state)) {
      if (typeof entry === 'number') dict[`state.${index}.${name}`] = scalar(entry, f64);
      else if (isTensor(entry)) dict[`state.${index}.${name}`] = entry.clone();
    }
  });
  return dict;
}

/**
 * Internal: reads `Optimizer.loadStateDict`'s dict, checking all of it against the parameters and the fresh state
 * `initialState` makes for each; returns the learning rate and the states to install (null: start afresh), or
 * throws one StateDictError listing every problem.
 */
export function readOptimizerStateDict<State extends object>(
  op: string,
  dict: unknown,
  parameters: readonly Parameter[],
  initialState: (value: Tensor) => State | null,
): { lr: number; states: (State | null)[] } {
  const where = `${op}.loadStateDict`;
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict) || isTensor(dict)) {
    throw new StateDictError(
      `${where}: expected an object of name -> Tensor (optimizer.stateDict()); got ${describeValue(dict)}`,
    );
  }
  const record = dict as Record<string, unknown>;
  const problems: string[] = [];
  const missing: string[] = [];
  const unexpected: string[] = [];
  const mismatched: string[] = [];
  const lr = readScalar(record, 'lr', problems, missing, mismatched);
  if (lr !== null && !(lr >= 0 && Number.isFinite(lr))) {
    mismatched.push('lr');
    problems.push(`'lr' is ${lr}; expected a finite number >= 0`);
  }
  // Entries grouped by parameter index.
  const entries = new Map<number, string[]>();
  for (const key of Object.keys(record)) {
    if (key === 'lr') continue;
    const match = stateKey.exec(key);
    const index = match === null ? -1 : Number(match[1]);
    if (index < 0 || index >= parameters.length) {
      unexpected.push(key);
      problems.push(
        match === null
          ? `unexpected key '${key}' (expected 'lr' or 'state.<index>.<name>')`
          : `unexpected key '${key}': the optimizer has ${parameters.length} parameters`,
      );
      continue;
    }
    entries.set(index, [...(entries.get(index) ?? []), match![2]!]);
  }
  const states = parameters.map((parameter, index): State | null => {
    const names = entries.get(index);
    if (names === undefined) return null;
    const template = initialState(parameter.value);
    const expected = template === null ? [] : Object.entries(template).filter(([, entry]) => entry !== null);
    const loaded: Record<string, unknown> = { ...template };
    for (const name of names) {
      if (!expected.some(([known]) => known === name)) {
        unexpected.push(`state.${index}.${name}`);
        problems.push(`unexpected key 'state.${index}.${name}' (${describeExpected(index, expected)})`);
      }
    }
    for (const [name, entry] of expected) {
      const key = `state.${index}.${name}`;
      if (typeof entry === 'number') {
        const count = readScalar(record, key, problems, missing, mismatched);
        if (count !== null && !(Number.isSafeInteger(count) && count >= 0)) {
          mismatched.push(key);
          problems.push(`'${key}' is ${count}; expected a step count (an integer >= 0)`);
        } else if (count !== null) loaded[name] = count;
      } else if (isTensor(entry)) {
        const value = readTensor(record, key, entry, problems, missing, mismatched);
        if (value !== null) loaded[name] = value.clone();
      }
    }
    return loaded as State;
  });
  if (problems.length > 0) {
    throw new StateDictError(`${where}: ${problems.join('; ')}`, { missing, unexpected, mismatched });
  }
  return { lr: lr!, states };
}

function describeExpected(index: number, expected: readonly [string, unknown][]): string {
  if (expected.length === 0) return 'this optimizer keeps no state for its parameters';
  return `expected ${expected.map(([name]) => `'state.${index}.${name}'`).join(', ')}`;
}

/** `record[key]` as a number, from a `[]` float64 tensor; null (and a problem recorded) otherwise. */
function readScalar(
  record: Record<string, unknown>,
  key: string,
  problems: string[],
  missing: string[],
  mismatched: string[],
): number | null {
  if (!Object.hasOwn(record, key)) {
    missing.push(key);
    problems.push(`missing key '${key}' (expected [] float64)`);
    return null;
  }
  const value = record[key];
  if (!isTensor(value) || value.rank !== 0 || value.dtype !== 'float64') {
    mismatched.push(key);
    problems.push(`'${key}' is ${isTensor(value) ? describeTensor(value) : describeValue(value)}, expected [] float64`);
    return null;
  }
  return value.item();
}

/** `record[key]` as a tensor of `like`'s shape and dtype; null (and a problem recorded) otherwise. */
function readTensor(
  record: Record<string, unknown>,
  key: string,
  like: Tensor,
  problems: string[],
  missing: string[],
  mismatched: string[],
): Tensor | null {
  if (!Object.hasOwn(record, key)) {
    missing.push(key);
    problems.push(`missing key '${key}' (expected ${describeTensor(like)})`);
    return null;
  }
  const value = record[key];
  if (!isTensor(value) || !shapesEqual(value.shape, like.shape) || value.dtype !== like.dtype) {
    mismatched.push(key);
    problems.push(
      `'${key}' is ${isTensor(value) ? describeTensor(value) : describeValue(value)}, expected ${describeTensor(like)}`,
    );
    return null;
  }
  return value;
}
