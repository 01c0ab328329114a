import { type GraphExportOptions, collectGraph, resolveGraphOptions } from './graph';
import { GraphError } from './errors';
import { describe } from './describe';
import { Var } from './engine/var';

/**
 * The graph below `v` as a Mermaid flowchart (renders in GitHub Markdown): one rectangle per op (name, shape, small
 * values, gradient norm once known), one rounded node per leaf, edges from inputs to outputs.
 * `options.names` labels nodes with human names (first label line): `[name, Var]` pairs or a `Map<Var, string>`.
 *
 * @example
 * const loss = sse(model.forward(x), y);
 * loss.backward();
 * const mermaid = toMermaid(loss, { names: model.namedParameters() });
 * // ... n5(["output.weight<br/>variable<br/>shape [4,1]<br/>..."]) ...
 */
export function toMermaid(v: Var, options?: GraphExportOptions): string {
  if (!(v instanceof Var)) throw new GraphError(`toMermaid: expected a Var; got ${describe(v)}`);
  const names = resolveGraphOptions('toMermaid', options);
  const { nodes, edges } = collectGraph(v, names);
  const lines = ['flowchart LR'];
  for (const { id, node, lines: text } of nodes) {
    const label = `"${text.map(escapeMermaid).join('<br/>')}"`;
    lines.push(node.parents.length > 0 ? `  ${id}[${label}]` : `  ${id}([${label}])`);
  }
  for (const [from, to] of edges) lines.push(`  ${from} --> ${to}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Text inside a double-quoted Mermaid label: `#` first (Mermaid's entity prefix, so a name holding `#quot;` stays
 * literal), then quotes, `&`, `<`, `>`, backticks (which would start a Markdown string) and backslashes (which
 * recent Mermaid versions read as escapes) as entity codes, and line breaks as `<br/>`. Brackets and parentheses
 * are safe inside the quotes.
 */
function escapeMermaid(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\\/g, '#92;')
    .replace(/\r\n|\r|\n/g, '<br/>');
}
