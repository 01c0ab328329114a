import { TraceError } from './errors';

/** A kernel: a loop over typed arrays that writes its output from its inputs (never allocating, never returning). */
// biome-ignore lint/suspicious/noExplicitAny: kernels take typed arrays, numbers and state objects, in any order
export type Kernel = (...args: any[]) => void;

/**
 * Internal: the kernel launches recorded while a capture is active, in order, with the very buffers they used.
 * `replay()` runs them again on those buffers: what `compile` in @chainrule/autograd calls instead of the ops.
 *
 * A recorded kernel must produce its whole output from its inputs (or update state it owns, as the optimizer
 * kernels do), so that running it again gives what running the op again would, without allocating.
 */
export class Capture {
  readonly #kernels: Kernel[] = [];
  readonly #arguments: unknown[][] = [];
  // NOTE: each launch is also kept as its kernel bound to its arguments, which replay() calls with none: V8 calls a
  // bound function without spreading an array, as `kernel.apply(undefined, args)` did. Measured on the reference
  // network's replayed step (1500 steps, alternating processes): 1.24-1.29 ms with apply, 1.12-1.15 ms bound.
  readonly #launches: (() => void)[] = [];

  /** Number of launches recorded. */
  get length(): number {
    return this.#kernels.length;
  }

  /** Appends a launch (see `recordLaunch`). */
  record(kernel: Kernel, args: unknown[]): void {
    this.#kernels.push(kernel);
    this.#arguments.push(args);
    this.#launches.push(kernel.bind(undefined, ...args));
  }

  /** Runs every recorded launch again, in order, on the same buffers. Allocates nothing. */
  replay(): void {
    const launches = this.#launches;
    for (let i = 0; i < launches.length; i++) launches[i]!();
  }

  /**
   * A description of the launches for comparing two traces: each kernel's name and the lengths and numbers it got
   * (not the buffers' identities, which differ from trace to trace).
   */
  describe(): string[] {
    return this.#kernels.map((kernel, i) => `${kernel.name}(${this.#arguments[i]!.map(describeArgument).join(', ')})`);
  }
}

function describeArgument(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (value === null || value === undefined) return String(value);
  return typeof value;
}

// NOTE: one capture at a time, shared by both builds of the package (ESM and CommonJS) through Symbol.for, as a
// program may load both: a kernel of either build records into the capture that is running.
interface CaptureState {
  active: Capture | null;
  /** What a read of values during the capture is reported as (set by `compile`); null while reads are allowed. */
  forbidReads: string | null;
}
const stateKey = Symbol.for('@chainrule/tensor.capture.v1');
const holder = globalThis as unknown as Record<symbol, CaptureState | undefined>;
holder[stateKey] ??= { active: null, forbidReads: null };
const state: CaptureState = holder[stateKey];

/** Internal: true while a capture records launches (kernels then also call `recordLaunch`). */
export function isCapturing(): boolean {
  return state.active !== null;
}

/** Internal: appends `kernel(...args)`, already run by the caller, to the active capture. */
export function recordLaunch(kernel: Kernel, args: unknown[]): void {
  state.active?.record(kernel, args);
}

/**
 * Internal: starts recording kernel launches into a new capture; values may not be read until `endCapture`
 * (`item`, `toArray`, `data`, ... throw a TraceError naming `context`, e.g. `compile`).
 */
export function beginCapture(context: string): Capture {
  if (state.active !== null) throw new TraceError(`${context}: a capture is already running; captures do not nest`);
  const capture = new Capture();
  state.active = capture;
  state.forbidReads = context;
  return capture;
}

/** Internal: stops the active capture (whatever happened inside it). */
export function endCapture(): void {
  state.active = null;
  state.forbidReads = null;
}

/** Internal: throws a TraceError when a capture is running: a value read now would be frozen into the replay. */
export function checkRead(what: string): void {
  if (state.forbidReads === null) return;
  throw new TraceError(
    `${state.forbidReads}: ${what} read a tensor's values while tracing; a value read here could steer control flow ` +
      'that the replay would not re-run. Read values outside the compiled function (return the tensor instead)',
  );
}
