import { formatShape } from '@chainrule/tensor';
import { GraphError } from '../errors';
import type { Var } from './var';

/**
 * The interior nodes below `root` that require grad, parents before children (post-order). Leaves and constants are
 * not listed. Depth first with an explicit stack, so a graph a million ops deep is fine; a node that is its own
 * ancestor (parents edited into a cycle) is a `GraphError`.
 */
export function topologicalOrder(root: Var): Var[] {
  const order: Var[] = [];
  if (root.parents.length === 0) return order;
  // false: entered, its parents are being sorted (it is on the current path); true: listed.
  const listed = new Map<Var, boolean>();
  const stack: Var[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1]!;
    const state = listed.get(node);
    if (state === undefined) {
      listed.set(node, false);
      const parents = node.parents;
      for (let i = 0; i < parents.length; i++) {
        const parent = parents[i]!;
        if (!parent.requiresGrad || parent.parents.length === 0) continue;
        const parentState = listed.get(parent);
        if (parentState === undefined) stack.push(parent);
        else if (parentState === false) throw cycleError(parent);
      }
    } else {
      stack.pop();
      if (state === false) {
        listed.set(node, true);
        order.push(node);
      }
    }
  }
  return order;
}

function cycleError(node: Var): GraphError {
  return new GraphError(
    `backward: the graph has a cycle through op ${node.op} (shape ${formatShape(node.shape)}): a node is among its ` +
      'own ancestors; expected parents made by earlier ops only',
  );
}
