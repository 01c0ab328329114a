import { describe } from '../describe';
import { GraphError } from '../errors';

/** Internal: the engine's global state, one object for every copy of this package in a program (see the NOTE). */
interface EngineState {
  /** Whether ops record the graph. */
  on: boolean;
  /** The sequence number of the last Var made. */
  sequence: number;
  /** While `compile` traces a function: what it reads of the Vars made before (see `StateLog`). */
  log: StateLog | null;
  /** Incremented by `invalidateCompiled()`: compiled functions traced before it trace again. */
  configuration: number;
}

/** Which field of a Var a trace read or wrote. */
export type VarField = 'value' | 'grad';

/**
 * Internal: what a traced function did first with each field (`value`, `grad`) of each Var made before the trace:
 * read it (the trace depends on what it held then) or write it (it made its own). A replay is valid while every
 * such read would see the same object again.
 */
export interface StateLog {
  /** Sequence numbers up to this one belong to Vars made before the trace. */
  readonly before: number;
  note(node: { readonly sequence: number }, field: VarField, read: boolean, current: unknown): void;
}

// NOTE: a program can load both builds of this package (ESM and CommonJS) and mix their Vars in one graph. Both use
// this one object, found through `Symbol.for`: `noGrad` of either build stops both from recording, and sequence
// numbers keep increasing across both.
const stateKey = Symbol.for('@chainrule/autograd.engine.v2');
const holder = globalThis as unknown as Record<symbol, EngineState | undefined>;
holder[stateKey] ??= { on: true, sequence: 0, log: null, configuration: 0 };
const flag: EngineState = holder[stateKey];

/** Internal: the sequence number of the newest Var so far. */
export function currentSequence(): number {
  return flag.sequence;
}

/** Internal: the next sequence number: every Var gets one when it is made, so a node's exceeds its parents'. */
export function nextSequence(): number {
  return ++flag.sequence;
}

/** Internal: the active state log of a trace, or null (read by Var's accessors). */
export function activeLog(): StateLog | null {
  return flag.log;
}

/** Internal: installs (or, with null, removes) the state log of a trace; returns the previous one. */
export function setLog(log: StateLog | null): StateLog | null {
  const previous = flag.log;
  flag.log = log;
  return previous;
}

/** Internal: the configuration counter that `invalidateCompiled()` increments. */
export function configuration(): number {
  return flag.configuration;
}

/**
 * Makes every compiled function trace again at its next call, for changes a replay cannot see: a Module switched
 * between training and evaluation mode, an optimizer's state loaded from a file, an option read while tracing.
 */
export function invalidateCompiled(): void {
  flag.configuration++;
}

/** True when ops record the graph (the default); false inside `noGrad(fn)` and inside a plain backward pass. */
export function isRecording(): boolean {
  return flag.on;
}

/** Internal: switches recording on or off and returns the previous state (restore it in a `finally`). */
export function setRecording(on: boolean): boolean {
  const previous = flag.on;
  flag.on = on;
  return previous;
}

/**
 * Runs `fn` without recording: ops inside compute their values only, their results are constants
 * (`requiresGrad = false`) and no graph is kept alive. `fn` must be synchronous: an `async` function would record
 * again after its first `await`, so a returned promise is a `GraphError`.
 */
export function noGrad<R>(fn: () => R): R {
  if (typeof fn !== 'function') {
    throw new GraphError(`noGrad: expected a function to run without recording; got ${describe(fn)}`);
  }
  const previous = setRecording(false);
  let result: R;
  try {
    result = fn();
  } finally {
    flag.on = previous;
  }
  if (isPromiseLike(result)) {
    throw new GraphError(
      'noGrad: fn returned a promise; noGrad covers synchronous code only (ops after an await would be recorded). ' +
        'Call noGrad inside the async function, around the synchronous part',
    );
  }
  return result;
}

function isPromiseLike(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
