import * as T from '@chainrule/tensor';
import type { Tensor } from '@chainrule/tensor';
import { GraphError } from './errors';
import { add } from './ops/add';
import { setRecording } from './recording';
import { Var, describe } from './var';

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

// Each traversal takes a fresh epoch number and marks the nodes it visits with it: no Set per backward pass.
let epoch = 0;

/**
 * The gradients of `output` with respect to each of `inputs` (like `torch.autograd.grad`): returns ∂L/∂input,
 * L = Σ seed ⊙ output, as `Var`s in the order of `inputs`; an input that `output` does not depend on gets zeros.
 * Leaves' `.grad` are not touched. Only the part of the graph between `output` and `inputs` is walked, and it is
 * released afterwards unless `retainGraph` (or `createGraph`) is set. With `createGraph` the returned gradients are
 * themselves differentiable.
 */
export function gradients(output: Var, inputs: readonly Var[], options: GradientsOptions = {}): Var[] {
  if (!(output instanceof Var)) throw new GraphError(`gradients: output must be a Var; got ${describe(output)}`);
  if (!Array.isArray(inputs)) throw new GraphError(`gradients: inputs must be an array of Vars; got ${describe(inputs)}`);
  inputs.forEach((input: unknown, index) => {
    if (!(input instanceof Var)) throw new GraphError(`gradients: input ${index} must be a Var; got ${describe(input)}`);
    if (!input.requiresGrad) {
      throw new GraphError(
        `gradients: input ${index} (shape ${T.formatShape(input.shape)}) does not require grad; expected a variable or a Var computed from one`,
      );
    }
  });
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const seed = makeSeed(output, options.seed, 'gradients');
  if (!output.requiresGrad) return inputs.map((input) => new Var(T.zerosLike(input.value)));

  const order = topologicalOrder(output);
  const targets = new Set<Var>(inputs);
  // Post-order lists parents before children, so one pass finds the nodes from which a target can be reached.
  const onPath = new Set<Var>();
  for (const node of order) {
    if (targets.has(node) || node.parents.some((parent) => onPath.has(parent) || targets.has(parent))) onPath.add(node);
  }
  const grads = walk(order, output, seed, createGraph, false, (node) => onPath.has(node) || targets.has(node), targets);
  if (!retainGraph) release(order, (node) => onPath.has(node));
  return inputs.map((input) => grads.get(input) ?? new Var(T.zerosLike(input.value)));
}

/** Implements `Var.backward`: walks the whole graph below `root` and adds each leaf's gradient to its `.grad`. */
export function backwardInto(root: Var, seed: Tensor | Var | undefined, options: BackwardOptions): void {
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const seedVar = makeSeed(root, seed, 'backward');
  if (!root.requiresGrad) {
    throw new GraphError(
      `backward: this Var (op ${root.op}, shape ${T.formatShape(root.shape)}) does not require grad; it was computed from constants only or inside noGrad`,
    );
  }
  const order = topologicalOrder(root);
  const grads = walk(order, root, seedVar, createGraph, true, null, null);
  // Interior gradients were dropped as soon as they were used: what is left are the leaves' gradients.
  const previous = setRecording(createGraph);
  try {
    for (const [leaf, grad] of grads) {
      const value = createGraph || grad.value.isContiguous() ? grad : new Var(grad.value.contiguous());
      leaf.grad = leaf.grad === null ? value : add(leaf.grad, value);
    }
  } finally {
    setRecording(previous);
  }
  if (!retainGraph) release(order, null);
}

/** The seed gradient ∂L/∂output as a Var: ones for a scalar output, else the given seed (checked). */
function makeSeed(output: Var, seed: Tensor | Var | undefined, op: string): Var {
  if (seed === undefined) {
    if (output.size !== 1) {
      throw new GraphError(
        `${op}: output of shape ${T.formatShape(output.shape)} is not a scalar; pass a seed gradient ∂L/∂output of shape ${T.formatShape(output.shape)} (e.g. ones)`,
      );
    }
    return new Var(T.onesLike(output.value));
  }
  const seedVar = seed instanceof Var ? seed : seed instanceof T.Tensor ? new Var(seed) : null;
  if (seedVar === null) throw new GraphError(`${op}: seed must be a Tensor or a Var; got ${describe(seed)}`);
  if (!sameShape(seedVar.shape, output.shape)) {
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
  const mark = ++epoch;
  const order: Var[] = [];
  if (root.parents.length === 0) return order;
  const stack: Var[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    if (node.visitMark !== mark) {
      node.visitMark = mark;
      const parents = node.parents;
      for (let i = 0; i < parents.length; i++) {
        const parent = parents[i]!;
        if (parent.requiresGrad && parent.parents.length > 0 && parent.visitMark !== mark) stack.push(parent);
      }
    } else {
      stack.pop();
      if (node.doneMark !== mark) {
        node.doneMark = mark;
        order.push(node);
      }
    }
  }
  return order;
}

/**
 * The chain rule from `root` back: each node's accumulated gradient goes through its op's backward rule and is added
 * to its parents' gradients (kept in a Map, not on the nodes). `include` limits the walk to nodes on a path to a
 * target; `keep` lists nodes whose gradients must survive (targets); other interior gradients are dropped once used.
 */
function walk(
  order: readonly Var[],
  root: Var,
  seed: Var,
  createGraph: boolean,
  recordNorms: boolean,
  include: ((node: Var) => boolean) | null,
  keep: ReadonlySet<Var> | null,
): Map<Var, Var> {
  const grads = new Map<Var, Var>();
  grads.set(root, seed);
  const previous = setRecording(createGraph);
  try {
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k]!;
      const grad = grads.get(node);
      if (grad === undefined || (include !== null && !include(node))) continue;
      if (keep === null || !keep.has(node)) grads.delete(node);
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
        const accumulated = grads.get(parent);
        grads.set(parent, accumulated === undefined ? parentGrad : add(accumulated, parentGrad));
      }
    }
  } finally {
    setRecording(previous);
  }
  return grads;
}

/** Checks a backward rule's result: one gradient (a Var of the input's shape and dtype, or null) per input. */
function checkGradients(node: Var, result: readonly unknown[]): void {
  const parents = node.parents;
  if (!Array.isArray(result) || result.length !== parents.length) {
    const count = Array.isArray(result) ? `${result.length} gradients (${result.map(describeGradient).join(', ')})` : describe(result);
    throw new GraphError(
      `${node.op}: backward returned ${count} for ${parents.length} input${parents.length === 1 ? '' : 's'} of shapes ${parents.map((p) => T.formatShape(p.shape)).join(', ')}; expected one gradient (or null) per input`,
    );
  }
  for (let i = 0; i < parents.length; i++) {
    const grad = result[i];
    if (grad === null) continue;
    const parent = parents[i]!;
    if (!(grad instanceof Var)) {
      throw new GraphError(`${node.op}: backward returned ${describe(grad)} as gradient ${i}; expected a Var or null`);
    }
    if (!sameShape(grad.shape, parent.shape)) {
      throw new T.ShapeError(
        `${node.op}: backward returned a gradient of shape ${T.formatShape(grad.shape)} for input ${i} of shape ${T.formatShape(parent.shape)}; expected the input's shape`,
      );
    }
    if (grad.dtype !== parent.dtype) {
      throw new T.DTypeError(
        `${node.op}: backward returned a ${grad.dtype} gradient for input ${i} (${parent.dtype}, shape ${T.formatShape(parent.shape)}); expected ${parent.dtype}`,
      );
    }
  }
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
    node.released = true;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
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
