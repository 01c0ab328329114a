import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { GraphError } from './errors';
import { add } from './ops/add';
import { isRecording, setRecording } from './recording';
import { shared } from './shared-state';
import { Var, describe, isVar } from './var';

/** Options of `Var.backward` and `gradients`. */
export interface BackwardOptions {
  /** Keep the graph's backward rules after the pass so it can be walked again (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward pass as a graph, so the gradients can be differentiated again (default false). */
  createGraph?: boolean;
}

/** Options of `gradients`. */
export interface GradientsOptions extends BackwardOptions {
  /** ∂L/∂output, same shape and dtype as the output; required when the output is not a scalar. */
  seed?: Tensor | Var;
}

// Each traversal and each walk takes a fresh epoch number (`shared.epoch`) and marks the nodes it visits with it: no
// Set per pass. `shared.activeWalks` counts the walks running: a backward rule calling `gradients()` nests one.

/**
 * The gradients of `output` with respect to each of `inputs` (like `torch.autograd.grad`): returns ∂L/∂input,
 * L = Σ seed ⊙ output, as `Var`s in the order of `inputs`; an input that `output` does not depend on gets zeros.
 * Leaves' `.grad` are not touched. Only the part of the graph between `output` and `inputs` is walked, and it is
 * released afterwards unless `retainGraph` (or `createGraph`) is set. With `createGraph` the returned gradients are
 * themselves differentiable.
 */
export function gradients(output: Var, inputs: readonly Var[], options: GradientsOptions = {}): Var[] {
  if (!(output instanceof Var)) throw new GraphError(`gradients: output must be a Var; got ${describe(output)}`);
  if (!Array.isArray(inputs))
    throw new GraphError(`gradients: inputs must be an array of Vars; got ${describe(inputs)}`);
  inputs.forEach((input: unknown, index) => {
    if (!(input instanceof Var))
      throw new GraphError(`gradients: input ${index} must be a Var; got ${describe(input)}`);
    if (!input.requiresGrad) {
      throw new GraphError(
        `gradients: input ${index} (shape ${T.formatShape(input.shape)}) does not require grad; expected a variable or a Var computed from one`,
      );
    }
  });
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const seed = makeSeed(output, options.seed, createGraph, 'gradients');
  if (!output.requiresGrad) return inputs.map((input) => new Var(T.zerosLike(input.value)));
  const callerData = options.seed === undefined || createGraph ? null : seed.value.data;

  const order = topologicalOrder(output);
  const targets = new Set<Var>(inputs);
  // Post-order lists parents before children, so one pass finds the nodes from which a target can be reached.
  const onPath = new Set<Var>();
  for (const node of order) {
    if (targets.has(node) || node.parents.some((parent) => onPath.has(parent) || targets.has(parent))) onPath.add(node);
  }
  const include = (node: Var): boolean => onPath.has(node) || targets.has(node);
  const found = walk(order, output, seed, createGraph, false, include, targets, (id) => {
    // Read every input before clearing any: an input listed twice gets its gradient twice.
    const grads = inputs.map((input) => (input.pendingWalk === id ? input.pendingGrad : null));
    for (const input of inputs) takePending(input, id);
    return grads;
  });
  if (!retainGraph) release(order, (node) => onPath.has(node));
  return inputs.map((input, index) => {
    const grad = found[index];
    return grad === null || grad === undefined ? new Var(T.zerosLike(input.value)) : ownGradient(grad, callerData);
  });
}

/** Implements `Var.backward`: walks the whole graph below `root` and adds each leaf's gradient to its `.grad`. */
export function backwardInto(root: Var, seed: Tensor | Var | undefined, options: BackwardOptions): void {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const seedVar = makeSeed(root, seed, createGraph, 'backward');
  if (!root.requiresGrad) {
    throw new GraphError(
      `backward: this Var (op ${root.op}, shape ${T.formatShape(root.shape)}) does not require grad; it was computed from constants only or inside noGrad`,
    );
  }
  const order = topologicalOrder(root);
  // Interior gradients are dropped as soon as they are used: what is left are the leaves' gradients.
  const outerSeedData = callerSeedData;
  callerSeedData = seed === undefined || createGraph ? null : seedVar.value.data;
  try {
    walk(order, root, seedVar, createGraph, true, null, null, addToLeafGradients);
  } finally {
    callerSeedData = outerSeedData;
  }
  if (!retainGraph) release(order, null);
}

// The storage of the seed the caller passed to the running `backward()` (null for none, or when it is recorded):
// a leaf reached through identity-like ops would otherwise get the caller's own tensor as its gradient.
let callerSeedData: T.TypedArray | null = null;

/**
 * `backwardInto`'s end of the walk: adds each reached leaf's gradient (walk `id`) to its `.grad`. It runs inside the
 * walk, where recording is on exactly when the pass is recorded (createGraph).
 */
function addToLeafGradients(id: number, leaves: readonly Var[]): void {
  const createGraph = isRecording();
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    const grad = takePending(leaf, id)!;
    const value = createGraph
      ? grad
      : ownGradient(grad.value.isContiguous() ? grad : new Var(grad.value.contiguous()), callerSeedData);
    leaf.grad = leaf.grad === null ? value : add(leaf.grad, value);
  }
}

// NOTE: the seed of a scalar output is a ones tensor that is only ever read, so the passes that are not recorded
// share one per dtype instead of allocating it each time. It must never reach the user (who could write into it):
// `ownGradient` replaces a gradient that still shares its storage (a leaf reached through identity-like ops) with
// a fresh ones tensor, which is what such a gradient holds.
let float32Seed: Var | null = null;
let float64Seed: Var | null = null;

/**
 * The shared ones seed for a size-1 `output` (see the NOTE above). The first shape seen per dtype is kept for good
 * (a seed is never dropped from the cache, so `ownGradient` always recognizes it); other shapes get a fresh seed.
 */
function sharedOnesSeed(output: Var): Var {
  const float64 = output.dtype === 'float64';
  const cached = float64 ? float64Seed : float32Seed;
  if (cached !== null) return T.shapesEqual(cached.shape, output.shape) ? cached : new Var(T.onesLike(output.value));
  const seed = new Var(T.onesLike(output.value));
  if (float64) float64Seed = seed;
  else float32Seed = seed;
  return seed;
}

/**
 * `grad`, or a copy of it when it shares the storage of a shared ones seed or of the seed the caller passed
 * (`callerData`): what a caller receives is its own, and writing into it changes no other tensor.
 */
function ownGradient(grad: Var, callerData: T.TypedArray | null): Var {
  const data = grad.value.data;
  const sharesSeed =
    (float32Seed !== null && data === float32Seed.value.data) ||
    (float64Seed !== null && data === float64Seed.value.data);
  if (sharesSeed) return new Var(T.onesLike(grad.value));
  return data === callerData ? new Var(T.mul(grad.value, 1)) : grad; // x·1 copies exactly (−0, NaN and ±Infinity too)
}

/** The seed gradient ∂L/∂output as a Var: ones for a scalar output, else the given seed (checked). */
function makeSeed(output: Var, seed: Tensor | Var | undefined, createGraph: boolean, op: string): Var {
  if (seed === undefined) {
    if (output.size !== 1) {
      throw new GraphError(
        `${op}: output of shape ${T.formatShape(output.shape)} is not a scalar; pass a seed gradient ∂L/∂output of shape ${T.formatShape(output.shape)} (e.g. ones)`,
      );
    }
    // A recorded pass makes the seed part of the new graph, so it gets its own.
    return createGraph ? new Var(T.onesLike(output.value)) : sharedOnesSeed(output);
  }
  const seedVar = seed instanceof Var ? seed : seed instanceof T.Tensor ? new Var(seed) : null;
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

/**
 * Interior nodes below `root` that require grad, parents before children (post-order), found with an explicit
 * stack: no recursion, so a graph a million ops deep is fine. Leaves and constants are not listed.
 */
function topologicalOrder(root: Var): Var[] {
  // A node's mark is below `visited` until the sort reaches it, `visited` while its parents are being sorted, and
  // `finished` once it is listed.
  const visited = ++shared.epoch;
  const finished = ++shared.epoch;
  const order: Var[] = [];
  if (root.parents.length === 0) return order;
  const stack: Var[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (node.mark < visited) {
      node.mark = visited;
      const parents = node.parents;
      for (let i = 0; i < parents.length; i++) {
        const parent = parents[i]!;
        if (parent.requiresGrad && parent.parents.length > 0 && parent.mark < visited) stack.push(parent);
      }
    } else {
      stack.pop();
      if (node.mark === visited) {
        node.mark = finished;
        order.push(node);
      }
    }
  }
  return order;
}

/**
 * The chain rule from `root` back: each node's accumulated gradient goes through its op's backward rule and is added
 * to its parents' pending gradients. `include` limits the walk to nodes on a path to a target; `keep` lists nodes
 * whose gradients must survive (targets); other interior gradients are dropped once used. `collect` reads the
 * results (the leaves reached, with the walk's epoch for `takePending`) before the walk ends.
 *
 * NOTE: pending gradients live on the nodes (`pendingGrad`, valid while `pendingWalk` is this walk's epoch) rather
 * than in a Map: for the small graphs of small networks the Map's lookups cost more than the ops themselves. A
 * stale entry (left by a walk that threw) carries an old epoch and is ignored. A nested walk (a backward rule calling
 * `gradients()`) saves the entries of the walks around it that it overwrites and restores them when it ends, after
 * `collect` has read its own results.
 */
function walk<R>(
  order: readonly Var[],
  root: Var,
  seed: Var,
  createGraph: boolean,
  recordNorms: boolean,
  include: ((node: Var) => boolean) | null,
  keep: ReadonlySet<Var> | null,
  collect: (id: number, leaves: readonly Var[]) => R,
): R {
  const id = ++shared.epoch;
  const leaves: Var[] = [];
  const saved: SavedPending[] | null = shared.activeWalks > 0 ? [] : null;
  shared.activeWalks++;
  const previous = setRecording(createGraph);
  try {
    setPending(root, seed, id, saved);
    if (root.parents.length === 0) leaves.push(root);
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k]!;
      if (node.pendingWalk !== id || (include !== null && !include(node))) continue;
      const grad = node.pendingGrad!;
      if (keep === null || !keep.has(node)) node.pendingGrad = null;
      const rule = node.opDef;
      if (rule === null) throw releasedError(node);
      if (recordNorms) node.gradNorm = norm(grad.value);
      const parents = node.parents;
      const result = rule.backward(grad, parents, node, node.attrs);
      checkGradients(node, result);
      for (let i = 0; i < parents.length; i++) {
        const parent = parents[i]!;
        const parentGrad = result[i] as Var | null;
        if (parentGrad === null || !parent.requiresGrad || (include !== null && !include(parent))) continue;
        if (parent.pendingWalk !== id) {
          setPending(parent, parentGrad, id, saved);
          if (parent.parents.length === 0) leaves.push(parent);
        } else {
          parent.pendingGrad = add(parent.pendingGrad!, parentGrad);
        }
      }
    }
    return collect(id, leaves);
  } finally {
    setRecording(previous);
    shared.activeWalks--;
    if (saved !== null) restorePending(saved);
  }
}

/** A pending gradient that a nested walk replaced, to put back when it ends. */
interface SavedPending {
  node: Var;
  grad: Var | null;
  walk: number;
}

/** Starts `node`'s pending gradient for walk `id`; a nested walk first saves the entry it replaces. */
function setPending(node: Var, grad: Var, id: number, saved: SavedPending[] | null): void {
  if (saved !== null && node.pendingGrad !== null) {
    saved.push({ node, grad: node.pendingGrad, walk: node.pendingWalk });
  }
  node.pendingGrad = grad;
  node.pendingWalk = id;
}

/** Puts back the pending gradients a nested walk replaced, last saved first. */
function restorePending(saved: readonly SavedPending[]): void {
  for (let i = saved.length - 1; i >= 0; i--) {
    const { node, grad, walk } = saved[i]!;
    node.pendingGrad = grad;
    node.pendingWalk = walk;
  }
}

/** Removes and returns `node`'s pending gradient from walk `id` (null when that walk gave it none). */
function takePending(node: Var, id: number): Var | null {
  if (node.pendingWalk !== id) return null;
  const grad = node.pendingGrad;
  node.pendingGrad = null;
  return grad;
}

/** Checks a backward rule's result: one gradient (a Var of the input's shape and dtype, or null) per input. */
function checkGradients(node: Var, result: readonly unknown[]): void {
  const parents = node.parents;
  if (!Array.isArray(result) || result.length !== parents.length) throw countError(node, result);
  for (let i = 0; i < parents.length; i++) {
    const grad = result[i];
    if (grad === null) continue;
    if (!isVar(grad)) {
      throw new GraphError(`${node.op}: backward returned ${describe(grad)} as gradient ${i}; expected a Var or null`);
    }
    // Read the tensors once: this runs for every node of every backward pass.
    const gradient = grad.value;
    const input = parents[i]!.value;
    if (!T.shapesEqual(gradient.shape, input.shape)) {
      throw new T.ShapeError(
        `${node.op}: backward returned a gradient of shape ${T.formatShape(gradient.shape)} for input ${i} of shape ${T.formatShape(input.shape)}; expected the input's shape`,
      );
    }
    if (gradient.dtype !== input.dtype) {
      throw new T.DTypeError(
        `${node.op}: backward returned a ${gradient.dtype} gradient for input ${i} (${input.dtype}, shape ${T.formatShape(input.shape)}); expected ${input.dtype}`,
      );
    }
  }
}

function countError(node: Var, result: unknown): GraphError {
  const parents = node.parents;
  const count = Array.isArray(result)
    ? `${result.length} gradients (${result.map(describeGradient).join(', ')})`
    : describe(result);
  return new GraphError(
    `${node.op}: backward returned ${count} for ${parents.length} input${parents.length === 1 ? '' : 's'} of shapes ${parents.map((p) => T.formatShape(p.shape)).join(', ')}; expected one gradient (or null) per input`,
  );
}

function describeGradient(grad: unknown): string {
  return grad instanceof Var ? T.formatShape(grad.shape) : describe(grad);
}

function releasedError(node: Var): GraphError {
  return new GraphError(
    `backward: the graph was released after backward (at op ${node.op}, shape ${T.formatShape(node.shape)}); pass { retainGraph: true } to the first backward to walk it again`,
  );
}

/** Drops the backward rule and saved attributes of walked nodes; op name, parents and value stay for toDot. */
function release(order: readonly Var[], include: ((node: Var) => boolean) | null): void {
  for (const node of order) {
    if (include !== null && !include(node)) continue;
    node.opDef = null;
    node.attrs = undefined;
  }
}

/** Euclidean norm of all elements, read in place (any layout, no allocation except for rank > 0 strided views). */
export function norm(t: Tensor): number {
  const data = t.data;
  let total = 0;
  if (t.isContiguous()) {
    for (let i = t.offset, end = t.offset + t.size; i < end; i++) total += data[i]! * data[i]!;
    return Math.sqrt(total);
  }
  // Odometer over the multi-index: broadcast views (stride 0) and transposes are read without a copy.
  const { shape, strides, rank } = t;
  const index = new Array<number>(rank).fill(0);
  let position = t.offset;
  for (let n = 0; n < t.size; n++) {
    total += data[position]! * data[position]!;
    for (let axis = rank - 1; axis >= 0; axis--) {
      position += strides[axis]!;
      if (++index[axis]! < shape[axis]!) break;
      position -= strides[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
  return Math.sqrt(total);
}
