/** One node of a graph exported by `toDot`: its label lines, read into their parts. */
export interface DotNode {
  id: string;
  /** `box` for op results, `ellipse` for leaves. */
  shape: string;
  lines: string[];
  /** The human name given through `{ names }`, if any. */
  name: string | null;
  /** The op name, or `variable` / `constant` for a leaf. */
  kind: string;
  /** The shape line, e.g. `shape [4,1]`. */
  shapeText: string;
  /** The values line of small tensors, e.g. `data [0.5]`, if any. */
  data: string | null;
  /** The norm of the gradient that reached this node in the latest backward pass, if known. */
  gradNorm: number | null;
}

/** A graph read back from DOT text. */
export interface DotGraph {
  nodes: DotNode[];
  /** `[from, to]` ids, inputs to outputs, each pair once (an op that reads a Var twice draws one edge). */
  edges: [string, string][];
}

const NODE_LINE = /^\s*(\w+)\s*\[shape=(\w+),\s*label="((?:[^"\\]|\\.)*)"\];\s*$/;
const EDGE_LINE = /^\s*(\w+)\s*->\s*(\w+);\s*$/;

/**
 * Reads the DOT text that `toDot` of @chainrule/autograd writes (its documented layout: one `id [shape=..,
 * label=".."]` line per node, label lines separated by `\n`, then one `a -> b;` line per edge). Throws on a node or
 * edge line it cannot read, so a change of that layout fails loudly instead of drawing a wrong graph.
 */
export function parseDot(text: string): DotGraph {
  const nodes: DotNode[] = [];
  const edges: [string, string][] = [];
  const seenEdges = new Set<string>();
  for (const line of text.split('\n')) {
    const node = NODE_LINE.exec(line);
    if (node) {
      nodes.push(readNode(node[1]!, node[2]!, unescapeLabel(node[3]!)));
      continue;
    }
    const edge = EDGE_LINE.exec(line);
    if (edge) {
      const key = `${edge[1]}>${edge[2]}`;
      if (!seenEdges.has(key)) {
        seenEdges.add(key);
        edges.push([edge[1]!, edge[2]!]);
      }
      continue;
    }
    if (/\[.*label=|->/.test(line)) throw new Error(`parseDot: cannot read the line ${JSON.stringify(line)}`);
  }
  const ids = new Set(nodes.map((node) => node.id));
  for (const [from, to] of edges) {
    if (!ids.has(from) || !ids.has(to)) throw new Error(`parseDot: the edge ${from} -> ${to} names an unknown node`);
  }
  return { nodes, edges };
}

/** Label text → lines: `\n` separates lines, any other backslash escapes the character after it. */
function unescapeLabel(label: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (let index = 0; index < label.length; index++) {
    const character = label[index]!;
    if (character === '\\' && index + 1 < label.length) {
      const next = label[++index]!;
      if (next === 'n') {
        lines.push(current);
        current = '';
      } else {
        current += next;
      }
    } else {
      current += character;
    }
  }
  lines.push(current);
  return lines;
}

function readNode(id: string, shape: string, lines: string[]): DotNode {
  const shapeIndex = lines.findIndex((line) => line.startsWith('shape '));
  if (shapeIndex < 1 || shapeIndex > 2) {
    throw new Error(`parseDot: node ${id} has no "shape ..." line after its op: ${JSON.stringify(lines)}`);
  }
  const name = shapeIndex === 2 ? lines[0]! : null;
  const rest = lines.slice(shapeIndex + 1);
  const data = rest.find((line) => line.startsWith('data ')) ?? null;
  const gradLine = rest.find((line) => line.startsWith('grad norm '));
  const gradNorm = gradLine === undefined ? null : Number(gradLine.slice('grad norm '.length));
  return {
    id,
    shape,
    lines,
    name,
    kind: lines[shapeIndex - 1]!,
    shapeText: lines[shapeIndex]!,
    data,
    gradNorm: gradNorm === null || Number.isNaN(gradNorm) ? null : gradNorm,
  };
}
