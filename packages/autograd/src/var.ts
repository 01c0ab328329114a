import * as T from '@chainrule/tensor';
import {
  type DType,
  type DTypeOptions,
  type NestedArray,
  type Shape,
  type Tensor,
  acceptBrand,
  hasBrand,
  isTensor,
  prototypeTest,
} from '@chainrule/tensor';
import { type BackwardOptions, backwardInto } from './backward';
import type { AnyOpDef } from './define-op';
import { GraphError } from './errors';

const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom');
const noParents: readonly Var[] = Object.freeze([]);

/** Brand of `Var` instances (see `acceptBrand` in @chainrule/tensor). */
const varBrand = Symbol.for('@chainrule/autograd.Var');

/**
 * A graph node: a `Tensor` value, its gradient once a backward pass reached it, and the op that made it.
 * Leaves are made by `variable` (trainable, `requiresGrad = true`) and `constant`; every op returns a new `Var`
 * whose `parents` are its inputs. The graph is built as code runs (define-by-run) and freed by the garbage
 * collector once no `Var` refers to it.
 */
export class Var {
  /** The node's value. Ops never write into it; an optimizer replaces it with a new tensor. */
  value: Tensor;
  /** ∂L/∂this accumulated by `backward()` on leaves that require grad; `null` until then and after `zeroGrad()`. */
  grad: Var | null;
  /** Whether gradients flow to this node. Op results require grad when any input does (and recording is on). */
  requiresGrad: boolean;
  /** Name of the op that made this node (`'leaf'` for leaves and for results computed without recording). */
  readonly op: string;
  /** The op's inputs, in order (empty for leaves). */
  readonly parents: readonly Var[];
  /** @internal The op definition whose backward this node runs; `null` for leaves and once released. */
  opDef: AnyOpDef | null;
  /** @internal The op's attributes (axis, shape, ...); dropped once released. */
  attrs: unknown;
  /**
   * @internal Norm of the gradient that reached this node in the latest `backward()`, null when unknown. (Null rather
   * than NaN: a field that starts as a number gets a boxed double per Var, which gradient Vars never use.)
   */
  gradNorm: number | null;
  /** @internal Traversal mark of the topological sort: the epoch at which it was last visited or finished. */
  mark: number;
  /** @internal ∂L/∂this accumulated so far by the running backward walk (valid while `pendingWalk` is its epoch). */
  pendingGrad: Var | null;
  /** @internal Epoch of the walk that `pendingGrad` belongs to. */
  pendingWalk: number;

  /** Wraps `value` as a leaf; `requiresGrad` (default false) makes it trainable. See also `variable` / `constant`. */
  constructor(value: Tensor, requiresGrad = false) {
    if (!isTensor(value)) {
      throw new GraphError(`Var: value must be a Tensor; got ${describe(value)}`);
    }
    this.value = value;
    this.grad = null;
    this.requiresGrad = requiresGrad;
    this.op = 'leaf';
    this.parents = noParents;
    this.opDef = null;
    this.attrs = undefined;
    this.gradNorm = null;
    this.mark = 0;
    this.pendingGrad = null;
    this.pendingWalk = 0;
  }

  /** Shape of `value`. */
  get shape(): Shape {
    return this.value.shape;
  }

  /** Dtype of `value`. */
  get dtype(): DType {
    return this.value.dtype;
  }

  /** Rank (number of axes) of `value`. */
  get rank(): number {
    return this.value.rank;
  }

  /** Number of elements of `value`. */
  get size(): number {
    return this.value.size;
  }

  /** True for nodes that no op made (`variable`, `constant`, `detach`, results computed inside `noGrad`). */
  get isLeaf(): boolean {
    // Every recorded node has at least one parent, and keeps its parents once released.
    return this.parents.length === 0;
  }

  /**
   * Reverse mode from this node: computes ∂this/∂leaf for every leaf that requires grad and adds it to `leaf.grad`
   * (gradients accumulate across calls; `zeroGrad()` clears them). A non-scalar node needs `seed` (∂L/∂this, same
   * shape). Afterwards the walked part of the graph is released unless `retainGraph` is set; `createGraph` records
   * the backward pass itself, so the gradients can be differentiated again (it implies `retainGraph`).
   */
  backward(seed?: Tensor | Var, options: BackwardOptions = {}): void {
    backwardInto(this, seed, options);
  }

  /** A new leaf sharing this value, cut from the graph (`requiresGrad = false`). */
  detach(): Var {
    return new Var(this.value);
  }

  /** Clears the accumulated gradient (`grad = null`). */
  zeroGrad(): void {
    this.grad = null;
  }

  /** The single element of a size-1 value. */
  item(): number {
    return this.value.item();
  }

  /** The value as nested JS arrays. */
  toArray(): NestedArray {
    return this.value.toArray();
  }

  /** E.g. `Var(tensor([1, 2], shape=[2], dtype=float32), op=mul, requiresGrad=true)`. */
  toString(): string {
    return `Var(${this.value.toString()}, op=${this.op}${this.requiresGrad ? ', requiresGrad=true' : ''})`;
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

interface WritableNode {
  op: string;
  parents: readonly Var[];
}

/** Internal: a recorded op result, requiring grad, whose backward is `opDef.backward`. */
export function recordNode(value: Tensor, opDef: AnyOpDef, parents: readonly Var[], attrs: unknown): Var {
  const node = new Var(value, true);
  (node as unknown as WritableNode).op = opDef.name;
  (node as unknown as WritableNode).parents = parents;
  node.opDef = opDef;
  node.attrs = attrs;
  return node;
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
  if (values instanceof T.Tensor) {
    return options?.dtype !== undefined && options.dtype !== values.dtype ? T.astype(values, options.dtype) : values;
  }
  return T.tensor(values, options);
}

/** Short description of an unexpected value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}
