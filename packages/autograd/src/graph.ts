import * as T from '@chainrule/tensor';
import { norm } from './backward';
import type { Var } from './var';

/** Internal: one node of an exported graph. */
export interface GraphNode {
  readonly id: string;
  readonly node: Var;
  /** Text lines: op, shape, small values, gradient norm once known. */
  readonly lines: readonly string[];
}

/** Internal: the graph below `root`, breadth first from the root (ids n0, n1, ... in that order); edges run parent → child. */
export function collectGraph(root: Var): { nodes: GraphNode[]; edges: [string, string][] } {
  const ids = new Map<Var, string>([[root, 'n0']]);
  const nodes: GraphNode[] = [];
  const edges: [string, string][] = [];
  const queue: Var[] = [root];
  for (let next = 0; next < queue.length; next++) {
    const node = queue[next]!;
    const id = ids.get(node)!;
    nodes.push({ id, node, lines: describeNode(node) });
    for (const parent of node.parents) {
      let parentId = ids.get(parent);
      if (parentId === undefined) {
        parentId = `n${ids.size}`;
        ids.set(parent, parentId);
        queue.push(parent);
      }
      edges.push([parentId, id]);
    }
  }
  return { nodes, edges };
}

function describeNode(node: Var): string[] {
  const kind = node.parents.length > 0 ? node.op : node.requiresGrad ? 'variable' : 'constant';
  const lines = [kind, `shape ${T.formatShape(node.shape)}`];
  if (node.size > 0 && node.size <= 4) {
    const value = node.value.contiguous();
    const values = Array.from(value.data.subarray(value.offset, value.offset + value.size), formatNumber);
    lines.push(`data [${values.join(', ')}]`);
  }
  const gradNorm = node.grad !== null ? norm(node.grad.value) : node.gradNorm;
  if (!Number.isNaN(gradNorm)) lines.push(`grad norm ${formatNumber(gradNorm)}`);
  return lines;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}
