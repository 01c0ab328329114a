import { collectGraph } from './graph';
import { GraphError } from './errors';
import { Var, describe } from './var';

/**
 * The graph below `v` as a Mermaid flowchart (renders in GitHub Markdown): one rectangle per op (name, shape, small
 * values, gradient norm once known), one rounded node per leaf, edges from inputs to outputs.
 */
export function toMermaid(v: Var): string {
  if (!(v instanceof Var)) throw new GraphError(`toMermaid: expected a Var; got ${describe(v)}`);
  const { nodes, edges } = collectGraph(v);
  const lines = ['flowchart LR'];
  for (const { id, node, lines: text } of nodes) {
    const label = `"${text.map(escapeMermaid).join('<br/>')}"`;
    lines.push(node.parents.length > 0 ? `  ${id}[${label}]` : `  ${id}([${label}])`);
  }
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  return `${lines.join('\n')}\n`;
}

function escapeMermaid(text: string): string {
  return text.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
