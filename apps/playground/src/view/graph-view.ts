import dagre, { type EdgeLabel } from '@dagrejs/dagre';
import type { StepGraph } from '../training/trainer';
import { type DotGraph, type DotNode, parseDot } from './dot-graph';

const SVG = 'http://www.w3.org/2000/svg';
const FONT_SIZE = 11;
const LINE_HEIGHT = 14;
const PADDING_X = 8;
const PADDING_Y = 6;
/** The least a graph is shrunk to fit the panel (its text stays readable). */
const MIN_SCALE = 0.75;

interface PlacedNode {
  node: DotNode;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Layout {
  key: string;
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number; width: number; height: number }>;
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
}

/**
 * The computation graph of the latest step, as `toDot` exports it after the backward pass: ops as boxes, leaves as
 * rounded pills (trainable weights tinted blue), each with its name, shape, small values and gradient norm, and a
 * bar under each node that grows with log₁₀ of its gradient norm. dagre (a layered graph layout) places the nodes;
 * the layout is kept while the graph's structure stays the same, so only the numbers change from step to step.
 */
export class GraphView {
  readonly #container: HTMLElement;
  readonly #dotSource: HTMLElement;
  readonly #mermaidSource: HTMLElement;
  readonly #stepLabel: HTMLElement;
  #layout: Layout | null = null;
  #drawn: { key: string; nodes: Map<string, DrawnNode> } | null = null;
  #characterWidth = 0;

  constructor(container: HTMLElement, dotSource: HTMLElement, mermaidSource: HTMLElement, stepLabel: HTMLElement) {
    this.#container = container;
    this.#stepLabel = stepLabel;
    this.#dotSource = dotSource;
    this.#mermaidSource = mermaidSource;
  }

  clear(message: string): void {
    this.#layout = null;
    this.#drawn = null;
    const note = document.createElement('p');
    note.className = 'graph-empty';
    note.textContent = message;
    this.#container.replaceChildren(note);
    this.#dotSource.textContent = '';
    this.#mermaidSource.textContent = '';
    this.#stepLabel.textContent = '';
  }

  show(step: StepGraph): void {
    const graph = parseDot(step.dot);
    const layout = this.#layoutFor(graph);
    if (this.#drawn?.key === layout.key) this.#update(graph, this.#drawn);
    else this.#render(graph, layout);
    this.#dotSource.textContent = step.dot;
    this.#mermaidSource.textContent = step.mermaid;
    this.#stepLabel.textContent = `step ${step.step.toLocaleString('en')}`;
  }

  #layoutFor(graph: DotGraph): Layout {
    const sizes = graph.nodes.map((node) => this.#nodeSize(node));
    // The structure only: the numbers change at every step, but the nodes' sizes leave room for them.
    const key = JSON.stringify([
      graph.nodes.map((node, index) => [node.id, node.kind, node.name, node.lines.length, sizes[index]]),
      graph.edges,
    ]);
    if (this.#layout?.key === key) return this.#layout;
    const layoutGraph = new dagre.graphlib.Graph();
    layoutGraph.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 34, marginx: 6, marginy: 6 });
    layoutGraph.setDefaultEdgeLabel(() => ({}));
    graph.nodes.forEach((node, index) => layoutGraph.setNode(node.id, sizes[index]!));
    for (const [from, to] of graph.edges) layoutGraph.setEdge(from, to);
    dagre.layout(layoutGraph);
    const label = layoutGraph.graph();
    const nodes = new Map<string, { x: number; y: number; width: number; height: number }>();
    for (const id of layoutGraph.nodes()) {
      const placed = layoutGraph.node(id);
      nodes.set(id, { x: placed.x ?? 0, y: placed.y ?? 0, width: placed.width, height: placed.height });
    }
    const edges = layoutGraph.edges().map((edge) => ({
      from: edge.v,
      to: edge.w,
      points: ((layoutGraph.edge(edge) as EdgeLabel).points ?? []).map((point) => ({ x: point.x, y: point.y })),
    }));
    this.#layout = { key, width: label.width ?? 0, height: label.height ?? 0, nodes, edges };
    return this.#layout;
  }

  #nodeSize(node: DotNode): { width: number; height: number } {
    if (this.#characterWidth === 0) {
      const context = document.createElement('canvas').getContext('2d');
      if (context) {
        context.font = `${FONT_SIZE}px ${getComputedStyle(this.#container).getPropertyValue('--mono').trim() || 'monospace'}`;
        this.#characterWidth = context.measureText('0123456789').width / 10;
      }
      if (!(this.#characterWidth > 0)) this.#characterWidth = FONT_SIZE * 0.62;
    }
    const characters = Math.max(...node.lines.map((line) => reservedLength(line)));
    return {
      width: Math.ceil(characters * this.#characterWidth + 2 * PADDING_X),
      height: node.lines.length * LINE_HEIGHT + 2 * PADDING_Y + 4,
    };
  }

  #render(graph: DotGraph, layout: Layout): void {
    const svg = document.createElementNS(SVG, 'svg');
    // Shrink a wide graph to the panel, down to MIN_SCALE; wider still, the panel scrolls sideways.
    const available = this.#container.clientWidth;
    const scale = available > 0 && layout.width > available ? Math.max(MIN_SCALE, available / layout.width) : 1;
    svg.setAttribute('width', String(Math.ceil(layout.width * scale)));
    svg.setAttribute('height', String(Math.ceil(layout.height * scale)));
    svg.setAttribute('viewBox', `0 0 ${Math.ceil(layout.width)} ${Math.ceil(layout.height)}`);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', describeGraph(graph));
    svg.innerHTML =
      '<defs><marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a94a0"/></marker></defs>';
    for (const edge of layout.edges) {
      if (edge.points.length < 2) continue;
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', smoothPath(edge.points));
      path.setAttribute('class', 'graph-edge');
      path.setAttribute('marker-end', 'url(#graph-arrow)');
      svg.append(path);
    }
    const nodes = new Map<string, DrawnNode>();
    for (const node of graph.nodes) {
      const placed = layout.nodes.get(node.id);
      if (!placed) continue;
      const drawn = drawNode({ node, ...placed });
      svg.append(drawn.group);
      nodes.set(node.id, drawn);
    }
    this.#container.replaceChildren(svg);
    this.#drawn = { key: layout.key, nodes };
    this.#update(graph, this.#drawn);
  }

  /** New numbers into the drawn nodes: their lines, titles and gradient bars. */
  #update(graph: DotGraph, drawn: { nodes: Map<string, DrawnNode> }): void {
    const logs = graph.nodes.flatMap((node) =>
      node.gradNorm !== null && node.gradNorm > 0 ? [Math.log10(node.gradNorm)] : [],
    );
    const lowest = Math.min(...logs);
    const span = Math.max(...logs) - lowest;
    for (const node of graph.nodes) {
      const target = drawn.nodes.get(node.id);
      if (!target) continue;
      node.lines.forEach((line, index) => {
        const spanElement = target.lines[index];
        if (spanElement && spanElement.textContent !== line) spanElement.textContent = line;
      });
      target.title.textContent = node.lines.join('\n');
      const norm = node.gradNorm;
      const share =
        norm === null || !(norm > 0) ? 0 : span > 0 ? 0.12 + (0.88 * (Math.log10(norm) - lowest)) / span : 1;
      target.bar.setAttribute('width', ((target.width - 2) * share).toFixed(1));
    }
  }
}

interface DrawnNode {
  group: SVGGElement;
  lines: SVGTSpanElement[];
  title: SVGTitleElement;
  bar: SVGRectElement;
  width: number;
}

/**
 * Characters a label line may need: its own length, or for the lines whose numbers change from step to step room
 * for the longest they usually get (a gradient norm like 0.0001234, values like -0.05437), so the layout holds.
 */
function reservedLength(line: string): number {
  if (line.startsWith('grad norm ')) return Math.max(line.length, 'grad norm 0.00001234'.length);
  if (line.startsWith('data [')) {
    const values = line.split(',').length;
    return Math.max(line.length, 'data []'.length + values * 10);
  }
  return line.length;
}

function drawNode({ node, x, y, width, height }: PlacedNode): DrawnNode {
  const group = document.createElementNS(SVG, 'g');
  const leaf = node.shape !== 'box';
  const kind = leaf ? (node.kind === 'variable' ? 'graph-weight' : 'graph-constant') : 'graph-op';
  group.setAttribute('class', `graph-node ${kind}`);
  group.setAttribute('transform', `translate(${(x - width / 2).toFixed(1)},${(y - height / 2).toFixed(1)})`);
  const box = document.createElementNS(SVG, 'rect');
  box.setAttribute('width', String(width));
  box.setAttribute('height', String(height));
  box.setAttribute('rx', leaf ? String(Math.min(14, height / 2)) : '4');
  group.append(box);
  const text = document.createElementNS(SVG, 'text');
  text.setAttribute('x', String(PADDING_X));
  text.setAttribute('y', String(PADDING_Y + FONT_SIZE));
  const lines = node.lines.map((line, index) => {
    const span = document.createElementNS(SVG, 'tspan');
    span.setAttribute('x', String(PADDING_X));
    if (index > 0) span.setAttribute('dy', String(LINE_HEIGHT));
    if (index === 0 && node.name !== null) span.setAttribute('class', 'graph-name');
    else if (line === node.kind) span.setAttribute('class', 'graph-kind');
    else if (line.startsWith('grad norm ')) span.setAttribute('class', 'graph-grad');
    else span.setAttribute('class', 'graph-detail');
    text.append(span);
    return span;
  });
  group.append(text);
  const bar = document.createElementNS(SVG, 'rect');
  bar.setAttribute('class', 'graph-grad-bar');
  bar.setAttribute('x', '1');
  bar.setAttribute('y', String(height - 4));
  bar.setAttribute('width', '0');
  bar.setAttribute('height', '3');
  group.append(bar);
  const title = document.createElementNS(SVG, 'title');
  group.append(title);
  return { group, lines, title, bar, width };
}

/** A path through dagre's edge points, with quadratic curves through the middle points. */
function smoothPath(points: { x: number; y: number }[]): string {
  const [first, ...rest] = points;
  let d = `M${first!.x.toFixed(1)},${first!.y.toFixed(1)}`;
  for (let index = 0; index < rest.length - 1; index++) {
    const control = rest[index]!;
    const next = rest[index + 1]!;
    const end = index === rest.length - 2 ? next : { x: (control.x + next.x) / 2, y: (control.y + next.y) / 2 };
    d += ` Q${control.x.toFixed(1)},${control.y.toFixed(1)} ${end.x.toFixed(1)},${end.y.toFixed(1)}`;
  }
  if (rest.length === 1) d += ` L${rest[0]!.x.toFixed(1)},${rest[0]!.y.toFixed(1)}`;
  return d;
}

function describeGraph(graph: DotGraph): string {
  const ops = graph.nodes.filter((node) => node.shape === 'box').map((node) => node.kind);
  return `Computation graph of one step: ${graph.nodes.length} nodes, ops ${ops.join(', ')}`;
}
