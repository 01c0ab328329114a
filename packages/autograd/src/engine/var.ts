import * as T from '@chainrule/tensor';
import type { DType, DTypeOptions, NestedArray, Shape, Tensor } from '@chainrule/tensor';
import { acceptBrand, hasBrand, prototypeTest } from '@chainrule/tensor/internal';
import { describe } from '../describe';
import { GraphError } from '../errors';
import { activeLog, isRecording, nextSequence, setRecording } from './recording';
import { type WalkOptions, walk } from './walk';

const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');
const noParents: readonly Var[] = Object.freeze([]);

/** Brand of `Var` instances (see `acceptBrand` in @chainrule/tensor/internal). */
const varBrand = Symbol.for('@chainrule/autograd.Var');

/** Internal: a backward rule as stored on a graph node (an op definition with its types erased; see `defineOp`). */
export interface Rule {
  readonly name: string;
  backward(grad: Var, inputs: readonly Var[], out: Var, attrs: unknown): readonly (Var | null)[];
}

/** Options of `Var.backward` and `gradients`. */
export interface BackwardOptions {
  /** Keep the graph after the pass so it can be walked again (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward pass as a graph, so the gradients can be differentiated again (default false). */
  createGraph?: boolean;
}

/**
 * A graph node: a `Tensor` value, its gradient once a backward pass reached it, and the op that made it.
 * Leaves are made by `variable` (trainable, `requiresGrad = true`) and `constant`; every op returns a new `Var`
 * whose `parents` are its inputs. The graph is built as code runs (define-by-run) and freed by the garbage
 * collector once no `Var` refers to it.
 */
export class Var {
  /** Whether gradients flow to this node. Op results require grad when any input does (and recording is on). */
  requiresGrad: boolean;
  /** Name of the op that made this node (`'leaf'` for leaves and for results computed without recording). */
  readonly op: string;
  /** The op's inputs, in order (empty for leaves). */
  readonly parents: readonly Var[];
  /** The op's attributes (axis, shape, ...) as its `defineOp` definition receives them; `undefined` for leaves. */
  readonly attrs: unknown;
  /** @internal The backward rule of the op that made this node; `null` for leaves. */
  readonly rule: Rule | null;
  /** @internal The sum of the parents' `version`s when this node was computed (see `version`). */
  readonly inputVersion: number;
  /** @internal Set once a backward pass walked this node without `retainGraph`: walking it again is an error. */
  released: boolean;
  /** @internal Creation order: larger than the sequence of every Var made before, parents included (see `walk`). */
  readonly sequence: number;
  #value: Tensor;
  #version: number;
  #grad: Var | null;

  /** Wraps `value` as a leaf; `requiresGrad` (default false) makes it trainable. See also `variable` / `constant`. */
  constructor(value: Tensor, requiresGrad?: boolean);
  // `recordNode` passes the op's parts as well.
  constructor(value: Tensor, requiresGrad = false, rule: Rule | null = null, parents = noParents, attrs?: unknown) {
    if (!T.isTensor(value)) {
      throw new GraphError(`Var: value must be a Tensor; got ${describe(value)}`);
    }
    this.requiresGrad = requiresGrad;
    this.op = rule === null ? 'leaf' : rule.name;
    this.parents = parents;
    this.attrs = attrs;
    this.rule = rule;
    let versions = 0;
    for (let i = 0; i < parents.length; i++) versions += parents[i]!.version;
    this.inputVersion = versions;
    this.released = false;
    this.sequence = nextSequence();
    this.#value = value;
    this.#version = 0;
    this.#grad = null;
  }

  /**
   * The node's value. Ops never write into it. Assigning a new one (as optimizers and `loadStateDict` do) counts as
   * a change (`version`): a graph computed from the old value then refuses to backward, rather than silently
   * differentiating at the new one.
   */
  get value(): Tensor {
    const log = activeLog();
    if (log !== null && this.sequence <= log.before) log.note(this, 'value', true, this.#value);
    return this.#value;
  }

  set value(value: Tensor) {
    if (!T.isTensor(value)) throw new GraphError(`Var: value must be a Tensor; got ${describe(value)}`);
    const log = activeLog();
    if (log !== null && this.sequence <= log.before) log.note(this, 'value', false, value);
    this.#value = value;
    this.#version++;
  }

  /** ∂L/∂this accumulated by `backward()` on leaves that require grad; `null` until then and after `zeroGrad()`. */
  get grad(): Var | null {
    const log = activeLog();
    if (log !== null && this.sequence <= log.before) log.note(this, 'grad', true, this.#grad);
    return this.#grad;
  }

  set grad(grad: Var | null) {
    const log = activeLog();
    if (log !== null && this.sequence <= log.before) log.note(this, 'grad', false, grad);
    this.#grad = grad;
  }

  /** How many times `value` was assigned since this Var was made (0 for a value never replaced). */
  get version(): number {
    return this.#version;
  }

  /** Shape of `value`. */
  get shape(): Shape {
    return this.#value.shape;
  }

  /** Dtype of `value`. */
  get dtype(): DType {
    return this.#value.dtype;
  }

  /** Rank (number of axes) of `value`. */
  get rank(): number {
    return this.#value.rank;
  }

  /** Number of elements of `value`. */
  get size(): number {
    return this.#value.size;
  }

  /** True for nodes that no op made (`variable`, `constant`, `detach`, results computed inside `noGrad`). */
  get isLeaf(): boolean {
    return this.parents.length === 0;
  }

  /**
   * Reverse mode from this node: computes ∂this/∂leaf for every leaf that requires grad and adds it to `leaf.grad`
   * (gradients accumulate across calls; `zeroGrad()` clears them). A non-scalar node needs `seed` (∂L/∂this, same
   * shape). Every leaf gets gradient storage of its own. Afterwards the walked graph is released (walking it again
   * is an error) unless `retainGraph` is set; `createGraph` records the backward pass itself, so the gradients can
   * be differentiated again (it implies `retainGraph`).
   */
  backward(seed?: Tensor | Var, options?: BackwardOptions): void {
    const { createGraph, retainGraph } = readBackwardOptions('backward', options);
    const seedVar = makeSeed(this, seed, 'backward');
    if (!this.requiresGrad) {
      throw new GraphError(
        `backward: this Var (op ${this.op}, shape ${T.formatShape(this.shape)}) does not require grad; it was computed from constants only or inside noGrad`,
      );
    }
    const previous = setRecording(createGraph);
    let walked: Var[];
    const leaves: Var[] = [];
    try {
      walked = walk(this, seedVar, wholeGraph, leaves);
      addToLeafGradients(leaves, seed === undefined ? null : seedVar);
    } finally {
      setRecording(previous);
    }
    if (!retainGraph) release(walked);
  }

  /** A new leaf sharing this value, cut from the graph (`requiresGrad = false`). */
  detach(): Var {
    return new Var(this.#value);
  }

  /** Clears the accumulated gradient (`grad = null`). */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The single element of a size-1 value. */
  item(): number {
    return this.#value.item();
  }

  /** The value as nested JS arrays. */
  toArray(): NestedArray {
    return this.#value.toArray();
  }

  /** E.g. `Var(tensor([1, 2], shape=[2], dtype=float32), op=mul, requiresGrad=true)`. */
  toString(): string {
    return `Var(${this.#value.toString()}, op=${this.op}${this.requiresGrad ? ', requiresGrad=true' : ''})`;
  }

  /** Node's `util.inspect` / `console.log` hook. */
  [inspectCustom](): string {
    return this.toString();
  }

  // `instanceof Var` also accepts instances made by this package's other build (ESM or CommonJS): see `acceptBrand`.
  static {
    acceptBrand(this, varBrand);
  }
}

const plainVar = /* @__PURE__ */ prototypeTest(Var);

/**
 * `value instanceof Var`, also for a Var (or Parameter) made by this package's other build (ESM or CommonJS), at the
 * cost of a plain prototype test: what packages building on this one use on their hot paths.
 */
export function isVar(value: unknown): value is Var {
  return value instanceof plainVar || hasBrand(value, varBrand);
}

/** The constructor with the internal parameters visible, for `recordNode`. */
const NodeVar = Var as unknown as new (
  value: Tensor,
  requiresGrad: boolean,
  rule: Rule,
  parents: readonly Var[],
  attrs: unknown,
) => Var;

/** Internal: a recorded op result, requiring grad, whose backward is `rule.backward`. */
export function recordNode(value: Tensor, rule: Rule, parents: readonly Var[], attrs: unknown): Var {
  return new NodeVar(value, true, rule, parents, attrs);
}

/** A trainable leaf (`requiresGrad = true`) from a tensor (shared, not copied) or nested arrays (default float32). */
export function variable(values: Tensor | NestedArray, options?: DTypeOptions): Var {
  return new Var(toTensor(values, options), true);
}

/** A constant leaf (`requiresGrad = false`) from a tensor (shared, not copied) or nested arrays (default float32). */
export function constant(values: Tensor | NestedArray, options?: DTypeOptions): Var {
  return new Var(toTensor(values, options), false);
}

function toTensor(values: Tensor | NestedArray, options: DTypeOptions | undefined): Tensor {
  if (T.isTensor(values)) {
    return options?.dtype !== undefined && options.dtype !== values.dtype ? T.astype(values, options.dtype) : values;
  }
  return T.tensor(values, options);
}

const defaultBackwardOptions = Object.freeze({ createGraph: false, retainGraph: false });

/** Internal: reads `{ retainGraph, createGraph }`; anything else is a GraphError naming `op`. */
export function readBackwardOptions(op: string, options: unknown): { createGraph: boolean; retainGraph: boolean } {
  if (options === undefined) return defaultBackwardOptions;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new GraphError(
      `${op}: options must be an object such as { retainGraph, createGraph }; got ${describe(options)}`,
    );
  }
  const { createGraph = false, retainGraph = createGraph } = options as BackwardOptions;
  for (const [name, value] of [
    ['createGraph', createGraph],
    ['retainGraph', retainGraph],
  ] as const) {
    if (typeof value !== 'boolean') {
      throw new GraphError(`${op}: options.${name} must be a boolean; got ${describe(value)}`);
    }
  }
  return { createGraph, retainGraph };
}

/** Internal: the seed ∂L/∂output as a Var: fresh ones for a size-1 output, else the given seed (checked). */
export function makeSeed(output: Var, seed: Tensor | Var | undefined, op: string): Var {
  if (seed === undefined) {
    if (output.size !== 1) {
      throw new GraphError(
        `${op}: output of shape ${T.formatShape(output.shape)} is not a scalar; pass a seed gradient ∂L/∂output of shape ${T.formatShape(output.shape)} (e.g. ones)`,
      );
    }
    return new Var(T.onesLike(output.value));
  }
  const seedVar = isVar(seed) ? seed : T.isTensor(seed) ? new Var(seed) : null;
  if (seedVar === null) throw new GraphError(`${op}: seed must be a Tensor or a Var; got ${describe(seed)}`);
  if (!T.shapesEqual(seedVar.shape, output.shape)) {
    throw new T.ShapeError(
      `${op}: seed of shape ${T.formatShape(seedVar.shape)} does not match the output's shape; expected ${T.formatShape(output.shape)}`,
    );
  }
  if (seedVar.dtype !== output.dtype) {
    throw new T.DTypeError(`${op}: seed is ${seedVar.dtype} but the output is ${output.dtype}; expected one dtype`);
  }
  return seedVar;
}

// A backward pass walks the whole graph below its root and collects the leaves' gradients.
const wholeGraph: WalkOptions = { accumulate, include: null, visit: null };

// The rule of an accumulation: the sum of two gradients of one node (same shape and dtype), ∂/∂a = ∂/∂b = 1.
const accumulationRule: Rule = { name: 'add', backward: (grad) => [grad, grad] };

/** Internal: `a + b` for two gradients of one node; recorded as an `add` node when the pass is recorded. */
export function accumulate(a: Var, b: Var): Var {
  const sum = T.add(a.value, b.value);
  return isRecording() && (a.requiresGrad || b.requiresGrad)
    ? recordNode(sum, accumulationRule, [a, b], undefined)
    : new Var(sum);
}

// The rule of a gradient handed to a second leaf in a recorded pass: a copy, ∂out/∂x = 1.
const copyRule: Rule = { name: 'copy', backward: (grad) => [grad] };

/**
 * Internal: the gradient a caller receives, as storage of its own: a contiguous copy when `grad` is a view, shares
 * its storage with a gradient already handed out in this pass (`handedOut`, e.g. `add` passes one gradient to both
 * inputs) or with the caller's seed. Recorded (createGraph), the gradient stays a graph node: a repeated one is a
 * recorded copy.
 */
export function ownGradient(grad: Var, handedOut: unknown[]): Var {
  const value = grad.value;
  if (isRecording()) {
    if (!handedOut.includes(grad)) {
      handedOut.push(grad);
      return grad;
    }
    return recordNode(value.clone(), copyRule, [grad], undefined);
  }
  const owned = !value.isContiguous() || handedOut.includes(value.storage) ? new Var(value.clone()) : grad;
  handedOut.push(owned.value.storage);
  return owned;
}

/**
 * Adds each leaf's gradient from a finished walk to its `.grad`, all or nothing: every accumulation is checked before
 * any `.grad` changes. Recorded passes (createGraph) keep the gradients as graph nodes.
 */
function addToLeafGradients(reached: readonly Var[], callerSeed: Var | null): void {
  for (let i = 0; i < reached.length; i += 2) {
    const node = reached[i]!;
    const existing = node.grad;
    if (existing !== null && (!T.shapesEqual(existing.shape, node.shape) || existing.dtype !== node.dtype)) {
      throw new GraphError(
        `backward: cannot accumulate into the .grad of a leaf of shape ${T.formatShape(node.shape)} (${node.dtype}): it holds ` +
          `a ${existing.dtype} gradient of shape ${T.formatShape(existing.shape)}; expected the leaf's shape and dtype ` +
          '(clear it with zeroGrad() after replacing the value); no gradient was changed',
      );
    }
  }
  const handedOut: unknown[] = [];
  if (callerSeed !== null) handedOut.push(isRecording() ? callerSeed : callerSeed.value.storage);
  for (let i = 0; i < reached.length; i += 2) {
    const node = reached[i]!;
    const owned = ownGradient(reached[i + 1]!, handedOut);
    node.grad = node.grad === null ? owned : accumulate(node.grad, owned);
  }
}

/** Marks walked nodes as released: walking them again without `retainGraph` is an error. Values and parents stay. */
export function release(order: readonly Var[]): void {
  for (let i = 0; i < order.length; i++) order[i]!.released = true;
}
