import { describe } from '../describe';
import { GraphError } from '../errors';

/** Internal: the engine's global state, one object for every copy of this package in a program (see the NOTE). */
interface EngineState {
  /** Whether ops record the graph. */
  on: boolean;
  /** The sequence number of the last Var made. */
  sequence: number;
}

// NOTE: a program can load both builds of this package (ESM and CommonJS) and mix their Vars in one graph. Both use
// this one object, found through `Symbol.for`: `noGrad` of either build stops both from recording, and sequence
// numbers keep increasing across both.
const stateKey = Symbol.for('@chainrule/autograd.engine.v2');
const holder = globalThis as unknown as Record<symbol, EngineState | undefined>;
holder[stateKey] ??= { on: true, sequence: 0 };
const flag: EngineState = holder[stateKey];

/** Internal: the next sequence number: every Var gets one when it is made, so a node's exceeds its parents'. */
export function nextSequence(): number {
  return ++flag.sequence;
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
