import { type GraphExportOptions, collectGraph, resolveGraphOptions } from './graph';
import { GraphError } from './errors';
import { describe } from './describe';
import { Var } from './engine/var';

/**
 * The graph below `v` in Graphviz DOT: one box per op (name, shape, small values, gradient norm once a backward
 * pass reached it), one ellipse per leaf, edges from inputs to outputs. Render with `dot -Tsvg`.
 * `options.names` labels nodes with human names (first label line): `[name, Var]` pairs or a `Map<Var, string>`.
 *
 * @example
 * const loss = sse(model.forward(x), y);
 * loss.backward();
 * const dot = toDot(loss, { names: [...model.namedParameters(), ['X', x], ['y', y]] });
 * // ... n5 [shape=ellipse, label="output.weight\nvariable\nshape [4,1]\n..."]; ... n7 [shape=ellipse, label="X\n...
 */
export function toDot(v: Var, options?: GraphExportOptions): string {
  if (!(v instanceof Var)) throw new GraphError(`toDot: expected a Var; got ${describe(v)}`);
  const names = resolveGraphOptions('toDot', options);
  const { nodes, edges } = collectGraph(v, names);
  const lines = ['digraph chainrule {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  for (const { id, node, lines: text } of nodes) {
    const shape = node.parents.length > 0 ? 'box' : 'ellipse';
    lines.push(`  ${id} [shape=${shape}, label="${text.map(escapeDot).join('\\n')}"];`);
  }
  for (const [from, to] of edges) lines.push(`  ${from} -> ${to};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Text inside a double-quoted DOT string: backslashes and quotes escaped, line breaks as `\n` (centred lines). */
function escapeDot(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n');
}
