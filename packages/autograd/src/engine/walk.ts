import { formatShape } from '@chainrule/tensor';
import { GraphError } from '../errors';
import type { Var } from './var';

/** How a walk runs; see `walk`. */
export interface WalkOptions {
  /** Adds two gradients of one node (recorded as an op when the pass is recorded). */
  readonly accumulate: (a: Var, b: Var) => Var;
  /** Only these nodes are walked (those on a path to the wanted gradients); null: every node. */
  readonly include: ReadonlySet<Var> | null;
  /** Called with each interior node's complete gradient, before its backward rule runs; null: not needed. */
  readonly visit: ((node: Var, grad: Var) => void) | null;
  /** Walk a graph that a backward pass released (drawing a graph reads its gradients again). Default false. */
  readonly allowReleased?: boolean;
}

/**
 * The chain rule from `root` back: each node's gradient goes through its op's backward rule and the results go to
 * its parents. Returns the interior nodes walked (for `release`); each leaf reached that requires grad and its complete
 * gradient are appended to `leaves`, as pairs `leaf, grad, leaf, grad, ...`.
 *
 * NOTE: a node is made after its parents, so its `sequence` number is larger than theirs; taking nodes largest
 * sequence first (a max-heap, as PyTorch's engine orders its ready queue by sequence number) reaches each node only
 * after every node that uses it. Its gradient's pieces then sit next to each other at the top of the heap and are
 * summed as they come off. The heap is local to the walk, so nothing is stored on the nodes, a backward rule may
 * start a walk of its own, and a walk that throws leaves nothing behind.
 */
export function walk(root: Var, seed: Var, options: WalkOptions, leaves: Var[]): Var[] {
  const { accumulate, include, visit } = options;
  const allowReleased = options.allowReleased === true;
  const heap = new GradientHeap();
  const walked: Var[] = [];
  heap.push(root, seed);
  while (heap.size > 0) {
    const node = heap.topNode();
    let grad = heap.pop();
    while (heap.size > 0 && heap.topNode() === node) grad = accumulate(grad, heap.pop());
    const parents = node.parents;
    if (parents.length === 0) {
      if (node.requiresGrad) leaves.push(node, grad);
      continue;
    }
    if (visit !== null) visit(node, grad);
    if (node.released && !allowReleased) throw releasedError(node);
    checkInputsUnchanged(node);
    walked.push(node);
    const result = node.rule!.backward(grad, parents, node, node.attrs);
    for (let i = 0; i < parents.length; i++) {
      const parent = parents[i]!;
      const parentGrad = result[i];
      if (parentGrad === null || parentGrad === undefined || !parent.requiresGrad) continue;
      if (include !== null && !include.has(parent)) continue;
      if (parent.sequence >= node.sequence) throw cycleError(node, parent);
      heap.push(parent, parentGrad);
    }
  }
  return walked;
}

/**
 * A binary max-heap of (node, gradient piece) entries, ordered by the node's sequence number; pieces of one node come
 * off in the order they went in, so sums are the same run after run.
 */
class GradientHeap {
  readonly #nodes: Var[] = [];
  readonly #grads: Var[] = [];
  readonly #arrivals: number[] = [];
  #pushes = 0;

  get size(): number {
    return this.#nodes.length;
  }

  topNode(): Var {
    return this.#nodes[0]!;
  }

  push(node: Var, grad: Var): void {
    const nodes = this.#nodes;
    const grads = this.#grads;
    const arrivals = this.#arrivals;
    const arrival = this.#pushes++;
    let i = nodes.length;
    nodes.push(node);
    grads.push(grad);
    arrivals.push(arrival);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!before(node, arrival, nodes[up]!, arrivals[up]!)) break;
      nodes[i] = nodes[up]!;
      grads[i] = grads[up]!;
      arrivals[i] = arrivals[up]!;
      i = up;
    }
    nodes[i] = node;
    grads[i] = grad;
    arrivals[i] = arrival;
  }

  /** Removes the top entry and returns its gradient. */
  pop(): Var {
    const nodes = this.#nodes;
    const grads = this.#grads;
    const arrivals = this.#arrivals;
    const top = grads[0]!;
    const lastNode = nodes.pop()!;
    const lastGrad = grads.pop()!;
    const lastArrival = arrivals.pop()!;
    const n = nodes.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(nodes[child + 1]!, arrivals[child + 1]!, nodes[child]!, arrivals[child]!)) child++;
      if (!before(nodes[child]!, arrivals[child]!, lastNode, lastArrival)) break;
      nodes[i] = nodes[child]!;
      grads[i] = grads[child]!;
      arrivals[i] = arrivals[child]!;
      i = child;
    }
    nodes[i] = lastNode;
    grads[i] = lastGrad;
    arrivals[i] = lastArrival;
    return top;
  }
}

/** Whether entry (a, arrival a) comes off the heap before entry (b, arrival b): later node first, then first in. */
function before(a: Var, arrivalA: number, b: Var, arrivalB: number): boolean {
  return a.sequence > b.sequence || (a.sequence === b.sequence && arrivalA < arrivalB);
}

/** Internal: true when no node below `root` was computed from a value assigned since (see `checkInputsUnchanged`). */
export function inputsUnchanged(root: Var): boolean {
  const seen = new Set<Var>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node) || node.parents.length === 0) continue;
    seen.add(node);
    let versions = 0;
    for (const parent of node.parents) {
      versions += parent.version;
      stack.push(parent);
    }
    if (versions !== node.inputVersion || node.version !== 0) return false;
  }
  return true;
}

/**
 * Throws when an input of `node` was given a new value (`input.value = ...`, as `optimizer.step()` does) after
 * `node` was computed from it: the backward rule would read the new values and silently give the gradient at
 * another point (PyTorch raises here too, through its version counters).
 */
function checkInputsUnchanged(node: Var): void {
  const parents = node.parents;
  let versions = 0;
  for (let i = 0; i < parents.length; i++) versions += parents[i]!.version;
  if (versions === node.inputVersion && node.version === 0) return;
  const changed = parents.filter((parent) => parent.version > 0).map(describeNode);
  const what = node.version > 0 ? `its own value (${describeNode(node)})` : `an input (${changed.join(' or ')})`;
  throw new GraphError(
    `backward: op ${node.op} (shape ${formatShape(node.shape)}) was computed from values that changed since: ${what} ` +
      'was assigned after the forward pass (e.g. by optimizer.step()); run the forward pass again, or call backward ' +
      'before updating',
  );
}

function describeNode(node: Var): string {
  return `${node.parents.length === 0 ? 'a leaf' : `op ${node.op}`} of shape ${formatShape(node.shape)}`;
}

function releasedError(node: Var): GraphError {
  return new GraphError(
    `backward: the graph was released after backward (at op ${node.op}, shape ${formatShape(node.shape)}); pass { retainGraph: true } to the first backward to walk it again`,
  );
}

function cycleError(node: Var, parent: Var): GraphError {
  return new GraphError(
    `backward: op ${node.op} (shape ${formatShape(node.shape)}) lists as input a node made after it (op ${parent.op}, ` +
      `shape ${formatShape(parent.shape)}), so the graph may have a cycle; expected parents made by earlier ops only`,
  );
}
