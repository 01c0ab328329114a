import * as T from '@chainrule/tensor';
import type { Tensor, TypedArray } from '@chainrule/tensor';
import { type Capture, beginCapture, endCapture } from '@chainrule/tensor/internal';
import { describe } from './describe';
import { GraphError } from './errors';
import { type StateLog, type VarField, configuration, currentSequence, setLog } from './engine/recording';
import type { Var } from './engine/var';

/** Options of `compile`. */
export interface CompileOptions {
  /**
   * Trace every call after the first (running `fn` as it is) and throw a `GraphError` when the kernels it launches
   * differ from the first trace's: a check, for tests and debugging, that a replay would have done the same work.
   * Default false.
   */
  verify?: boolean;
  /** Argument signatures (shapes and dtypes) kept at once; the least recently used is dropped beyond. Default 8. */
  maxSignatures?: number;
}

/** One traced call: the kernels it launched, the buffers its arguments were copied into, what it returned. */
interface Trace<R> {
  readonly capture: Capture;
  readonly inputs: readonly Tensor[];
  readonly result: R;
  readonly reads: StateReads;
  readonly configuration: number;
}

/**
 * Traces a function of tensors once per argument signature and replays it: the first call with given shapes and
 * dtypes runs `fn` eagerly; the second runs it while every kernel it launches (forward, backward, the optimizer's
 * update) is recorded with its buffers; later calls copy the arguments into the traced input buffers and run the
 * recorded kernels again on the same buffers, allocating nothing. Results are the eager results, bit for bit.
 *
 * ```ts
 * const step = compile((x: Tensor, y: Tensor) => {
 *   optimizer.zeroGrad();
 *   const loss = sse(model.forward(constant(x)), constant(y));
 *   loss.backward();
 *   optimizer.step();
 *   return loss.value;
 * });
 * for (let i = 0; i < 1500; i++) step(xs, ys); // call 1 runs eagerly, call 2 traces, later calls replay
 * ```
 *
 * What a replay cannot see is baked in at trace time: JavaScript values and control flow inside `fn`. So `fn` may
 * not read tensor values while it is traced (`item`, `toArray`, `data`, ... throw a `TraceError`); tensors it
 * returns hold the new values after each call and are valid until the next one (`clone()` keeps one). A Var
 * whose `value` or `grad` the trace read is checked before each replay: replaced since (a `loadStateDict`, a new
 * tensor assigned), the call runs eagerly and the next one traces again. Options read inside kernels (an
 * optimizer's `lr`), random draws (an `Rng` advances on each replay) and optimizer state take effect on every call.
 */
export function compile<Args extends Tensor[], R>(
  fn: (...args: Args) => R,
  options: CompileOptions = {},
): (...args: Args) => R {
  if (typeof fn !== 'function') throw new GraphError(`compile: expected a function of tensors; got ${describe(fn)}`);
  if (options === null || typeof options !== 'object') {
    throw new GraphError(`compile: options must be an object such as { verify }; got ${describe(options)}`);
  }
  const verify = options.verify ?? false;
  const maxSignatures = options.maxSignatures ?? 8;
  if (typeof verify !== 'boolean')
    throw new GraphError(`compile: options.verify must be a boolean; got ${describe(verify)}`);
  if (!Number.isSafeInteger(maxSignatures) || maxSignatures < 1) {
    throw new GraphError(`compile: options.maxSignatures must be a positive integer; got ${describe(maxSignatures)}`);
  }
  const traces = new Map<string, Trace<R>>();
  // Signatures whose last call ran `fn` eagerly, before a trace: their next call traces.
  const warmed = new Set<string>();
  let latest: Trace<R> | null = null; // the trace of the previous call, tried first
  const traceOrReplay = (args: Args): R => {
    const key = signature(args);
    const cached = traces.get(key);
    if (cached !== undefined && !verify && isCurrent(cached)) {
      latest = cached;
      return replay(cached, args);
    }
    // NOTE: a call that cannot replay runs eagerly, and the next one traces (TinyJit's rule: run, then capture,
    // then replay). The eager call lets `fn` make what it makes once (an optimizer's own parameter tensors and its
    // state are made at its first step), so the trace records the steady step: traced at its first call, a fresh
    // model's step read parameter tensors that its optimizer then replaced, and had to trace again at the second.
    if (!warmed.has(key) && (cached === undefined || !verify)) {
      const result = fn(...args);
      warmed.add(key);
      if (warmed.size > maxSignatures) warmed.delete(warmed.values().next().value!);
      return result;
    }
    const traced = trace(fn, args);
    warmed.delete(key);
    if (verify && cached !== undefined) compareTraces(cached.capture, traced.capture);
    const kept = verify && cached !== undefined ? cached : traced;
    traces.delete(key); // the most recently traced signature goes to the end: the first one is the oldest
    traces.set(key, kept);
    if (traces.size > maxSignatures) traces.delete(traces.keys().next().value!);
    latest = kept;
    return traced.result;
  };
  // NOTE: `arguments`, read only by index here, is not materialized by V8, where a rest parameter would allocate an
  // array at every call: a replayed call allocates nothing at all.
  return function compiled(): R {
    // biome-ignore lint/complexity/noArguments: see the NOTE above
    const args = arguments as unknown as Args;
    if (latest !== null && !verify && matches(latest.inputs, args) && isCurrent(latest)) return replay(latest, args);
    return traceOrReplay(Array.prototype.slice.call(args) as Args);
  } as unknown as (...args: Args) => R;
}

/** True while a trace may be replayed: no `invalidateCompiled()` since, and every Var field it read unchanged. */
function isCurrent(trace: Trace<unknown>): boolean {
  return trace.configuration === configuration() && trace.reads.unchanged();
}

/** Copies `args` into the trace's input buffers and runs its kernels again; returns what the trace returned. */
function replay<R>(trace: Trace<R>, args: ArrayLike<Tensor>): R {
  for (let i = 0; i < args.length; i++) copyInto(trace.inputs[i]!, args[i]!);
  trace.capture.replay();
  return trace.result;
}

/** True when `args` have the shapes and dtypes of a trace's `inputs` (checked without building a key). */
function matches(inputs: readonly Tensor[], args: ArrayLike<unknown>): boolean {
  if (inputs.length !== args.length) return false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const input = inputs[i]!;
    if (!T.isTensor(arg) || arg.dtype !== input.dtype || !T.shapesEqual(arg.shape, input.shape)) return false;
  }
  return true;
}

/** Runs `fn` on copies of `args` while recording its kernels and what it reads of earlier Vars. */
function trace<Args extends Tensor[], R>(fn: (...args: Args) => R, args: Args): Trace<R> {
  const inputs = args.map((arg) => arg.clone()) as Args;
  const reads = new StateReads(currentSequence());
  const capture = beginCapture('compile');
  const previousLog = setLog(reads);
  let result: R;
  try {
    result = fn(...inputs);
  } finally {
    setLog(previousLog);
    endCapture();
  }
  return { capture, inputs, result, reads, configuration: configuration() };
}

/** `float32[2,3];float64[4]`: the shapes and dtypes that select a trace; anything but a Tensor is a GraphError. */
function signature(args: readonly unknown[]): string {
  let key = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!T.isTensor(arg)) {
      throw new GraphError(
        `compile: argument ${i} must be a Tensor; got ${describe(arg)} (pass other values in the closure)`,
      );
    }
    key += `${arg.dtype}[${arg.shape.join(',')}];`;
  }
  return key;
}

/** Copies `source`'s elements into the traced input `target` (same shape and dtype), element by element. */
function copyInto(target: Tensor, source: Tensor): void {
  const into: TypedArray = target.storage;
  const from = source.isContiguous() ? source : source.contiguous();
  const data = from.storage;
  for (let i = 0, j = from.offset; i < into.length; i++, j++) into[i] = data[j]!;
}

function compareTraces(first: Capture, again: Capture): void {
  const before = first.describe();
  const now = again.describe();
  const length = Math.max(before.length, now.length);
  for (let i = 0; i < length; i++) {
    if (before[i] !== now[i]) {
      throw new GraphError(
        `compile: with { verify: true }, launch ${i} differs from the first trace's: ${now[i] ?? 'none'} (was ` +
          `${before[i] ?? 'none'}; ${now.length} launches, was ${before.length}); a replay would have done other work`,
      );
    }
  }
}

/**
 * The fields of earlier Vars that a trace read before writing them, with what they held: while each still holds
 * the same object, a replay reads what the trace read.
 */
class StateReads implements StateLog {
  readonly before: number;
  readonly #seen = new Map<unknown, Map<VarField, unknown>>();
  readonly #nodes: Var[] = [];
  readonly #fields: VarField[] = [];
  readonly #objects: unknown[] = [];

  constructor(before: number) {
    this.before = before;
  }

  note(node: { readonly sequence: number }, field: VarField, read: boolean, current: unknown): void {
    let fields = this.#seen.get(node);
    if (fields === undefined) {
      fields = new Map();
      this.#seen.set(node, fields);
    }
    if (fields.has(field)) return;
    fields.set(field, current);
    if (!read) return;
    this.#nodes.push(node as Var);
    this.#fields.push(field);
    this.#objects.push(current);
  }

  /** True while every field read still holds what the trace saw. */
  unchanged(): boolean {
    const nodes = this.#nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const now = this.#fields[i] === 'value' ? node.value : node.grad;
      if (now !== this.#objects[i]) return false;
    }
    return true;
  }
}
