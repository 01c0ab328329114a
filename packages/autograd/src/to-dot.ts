import { collectGraph } from './graph';
import { GraphError } from './errors';
import { Var, describe } from './var';

/**
 * The graph below `v` in Graphviz DOT: one box per op (name, shape, small values, gradient norm once a backward
 * pass reached it), one ellipse per leaf, edges from inputs to outputs. Render with `dot -Tsvg`.
 */
export function toDot(v: Var): string {
  if (!(v instanceof Var)) throw new GraphError(`toDot: expected a Var; got ${describe(v)}`);
  const { nodes, edges } = collectGraph(v);
  const lines = ['digraph chainrule {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const { id, node, lines: text } of nodes) {
    const shape = node.parents.length > 0 ? 'box' : 'ellipse';
    lines.push(`  ${id} [shape=${shape}, label="${text.map(escapeDot).join('\\n')}"];`);
  }
  for (const [from, to] of edges) lines.push(`  ${from} -> ${to};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function escapeDot(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
