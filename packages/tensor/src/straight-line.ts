/**
 * Internal: turns a recorded list of kernel launches into straight-line JavaScript, one direct call per launch, which
 * is how a capture replays (see capture.ts).
 *
 * Why: a loop calling N different kernels goes through one call site that sees all of them, so V8 can neither
 * predict nor inline the target and each launch pays a generic call (about 9 ns a launch here, measured on 17 launches
 * of trivial kernels: 155 ns through bound functions, 45 ns straight-line). In generated code each launch has a call
 * site of its own that only ever sees one kernel, as in TinyJit's batched replay or jax-js's generated kernels.
 *
 * The generated text holds nothing but variable names and indices (the kernels and their arguments are passed in as
 * values), so no value recorded in a capture can reach the source. Where the host forbids building functions from
 * text (a Content-Security-Policy without 'unsafe-eval'), `straightLine` returns null and the capture loops over
 * bound launches instead.
 */

// biome-ignore lint/suspicious/noExplicitAny: kernels take typed arrays, numbers and state objects, in any order
type Kernel = (...args: any[]) => void;

/** Builds one replay function from the launches' kernels and argument lists (same length, same order). */
type Factory = (kernels: readonly Kernel[], args: readonly (readonly unknown[])[]) => () => void;

/**
 * Launches per generated function: a longer capture (a strided op launches a kernel per row) replays as a sequence of
 * functions of this many launches, so the source stays small and one shape of launches reuses one function.
 */
export const LAUNCHES_PER_FUNCTION = 64;

/** Factories kept by shape (kernel names and argument counts); beyond this many, the map starts afresh. */
const MAX_FACTORIES = 256;

// NOTE: factories are shared by every capture with the same launch shape, so the replay functions they return share
// V8's feedback and optimized code (a new trace of a step seen before does not warm up again), and the text is parsed
// once per shape, not once per trace (about 25 µs for a step of 17 launches, measured).
const factories = new Map<string, Factory>();
let codegenAvailable: boolean | undefined;

/**
 * One function per `LAUNCHES_PER_FUNCTION` launches that runs them in order, or null where functions cannot be
 * built from text.
 */
export function straightLine(kernels: readonly Kernel[], args: readonly (readonly unknown[])[]): (() => void)[] | null {
  codegenAvailable ??= canBuildFunctions();
  if (!codegenAvailable) return null;
  const parts: (() => void)[] = [];
  for (let start = 0; start < kernels.length; start += LAUNCHES_PER_FUNCTION) {
    const end = Math.min(start + LAUNCHES_PER_FUNCTION, kernels.length);
    const someKernels = kernels.slice(start, end);
    const someArgs = args.slice(start, end);
    parts.push(factoryFor(someKernels, someArgs)(someKernels, someArgs));
  }
  return parts;
}

function factoryFor(kernels: readonly Kernel[], args: readonly (readonly unknown[])[]): Factory {
  let key = '';
  for (let i = 0; i < kernels.length; i++) key += `${kernels[i]!.name}/${args[i]!.length};`;
  let factory = factories.get(key);
  if (factory === undefined) {
    if (factories.size >= MAX_FACTORIES) factories.clear();
    factory = buildFactory(args.map((list) => list.length));
    factories.set(key, factory);
  }
  return factory;
}

/**
 * For argument counts [6, 13], the source of a function of `(K, A)` that binds `const k0 = K[0]`, `const a0_0 =
 * A[0][0]`, ... `const a1_12 = A[1][12]` and returns `function replay() { k0(a0_0, ..., a0_5); k1(a1_0, ..., a1_12); }`.
 */
// NOTE: one constant per argument, not `a0[j]` loads from the argument lists: measured on the reference network's
// replayed step, 620 ns against 750 ns (the lists mix typed arrays and numbers, so V8 loads their elements generically).
function buildFactory(counts: readonly number[]): Factory {
  let bindings = '';
  let calls = '';
  for (let i = 0; i < counts.length; i++) {
    bindings += `const k${i} = K[${i}];\n`;
    const values: string[] = [];
    for (let j = 0; j < counts[i]!; j++) {
      bindings += `const a${i}_${j} = A[${i}][${j}];\n`;
      values.push(`a${i}_${j}`);
    }
    calls += `  k${i}(${values.join(', ')});\n`;
  }
  return new Function('K', 'A', `"use strict";\n${bindings}return function replay() {\n${calls}};`) as Factory;
}

function canBuildFunctions(): boolean {
  try {
    return new Function('return true')() === true;
  } catch {
    return false;
  }
}

/** Internal, for tests: pretends functions cannot be built from text (true), or finds out again (undefined). */
export function forbidCodegenForTesting(forbid: boolean | undefined): void {
  codegenAvailable = forbid === undefined ? undefined : !forbid;
}
