import { shared } from './shared-state';

/** True when ops record the graph (the default); false inside `noGrad(fn)` and inside a plain backward pass. */
export function isRecording(): boolean {
  return shared.recording;
}

/** Internal: switches recording on or off and returns the previous state (restore it in a `finally`). */
export function setRecording(on: boolean): boolean {
  const previous = shared.recording;
  shared.recording = on;
  return previous;
}

/**
 * Runs `fn` without recording: ops inside compute their values only, their results are constants
 * (`requiresGrad = false`) and no graph is kept alive. `fn` must be synchronous.
 */
export function noGrad<R>(fn: () => R): R {
  const previous = setRecording(false);
  try {
    return fn();
  } finally {
    shared.recording = previous;
  }
}
