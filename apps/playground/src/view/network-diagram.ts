import type { ActivationName } from '../settings/settings';
import type { GridOutputs, LayerWeights } from '../training/trainer';
import { BLUE_CSS, ORANGE_CSS, paintValues } from './colors';

const GAP = 6;
const LABEL_HEIGHT = 34;
/** Edges are drawn in this many widths per sign, one path each, so a frame costs a few strokes however many. */
const WIDTH_BUCKETS = 12;

/** What the diagram draws: input columns, hidden layer sizes and how to colour each unit's output. */
export interface DiagramStructure {
  /** Names of the inputs: `x1`, `x2` (and `1`, the tutorial's constant input). */
  inputs: string[];
  hidden: number[];
  activation: ActivationName;
}

interface Unit {
  column: number;
  index: number;
  x: number;
  y: number;
  name: string;
}

interface Layout {
  width: number;
  height: number;
  size: number;
  columns: Unit[][];
  labels: { x: number; width: number; text: string }[];
}

/**
 * The network as a diagram on one canvas: a column per layer, each unit a small map of its output over the data's
 * square (the heat map's colours), and every weight an edge coloured by its sign (blue positive, orange negative)
 * and as wide as its size relative to the largest weight. Pointing at a unit or an edge names it and its weight.
 * One canvas rather than an SVG element per edge: a 6-layer network has thousands of edges, and redrawing them as
 * a dozen paths per frame costs far less than restyling thousands of elements.
 */
export class NetworkDiagram {
  readonly #container: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #tooltip: HTMLElement;
  /** Every unit's map side by side, 24×24 (or the grid's unit resolution) each, copied scaled onto the diagram. */
  readonly #atlas: HTMLCanvasElement = document.createElement('canvas');
  #atlasImage: ImageData | null = null;
  #structure: DiagramStructure | null = null;
  #layout: Layout | null = null;
  #last: { weights: LayerWeights[]; grid: GridOutputs } | null = null;

  constructor(container: HTMLElement) {
    this.#container = container;
    this.#canvas = document.createElement('canvas');
    this.#tooltip = document.createElement('div');
    this.#tooltip.className = 'diagram-tooltip';
    this.#tooltip.hidden = true;
    container.append(this.#canvas, this.#tooltip);
    let width = 0;
    new ResizeObserver(() => {
      if (container.clientWidth !== width) {
        width = container.clientWidth;
        this.#relayout();
      }
    }).observe(container);
    this.#canvas.addEventListener('pointermove', (event) => this.#hover(event));
    this.#canvas.addEventListener('pointerleave', () => {
      this.#tooltip.hidden = true;
    });
  }

  setStructure(structure: DiagramStructure): void {
    this.#structure = structure;
    this.#last = null;
    this.#relayout();
  }

  update(weights: LayerWeights[], grid: GridOutputs): void {
    this.#last = { weights, grid };
    this.#draw();
  }

  #relayout(): void {
    const structure = this.#structure;
    if (!structure) return;
    const sizes = [structure.inputs.length, ...structure.hidden, 1];
    const width = Math.max(this.#container.clientWidth, 240);
    const maxUnits = Math.max(...sizes);
    const spacing = (width - 16) / sizes.length;
    const size = Math.max(10, Math.min(40, Math.floor(380 / maxUnits) - GAP, Math.floor(spacing * 0.55)));
    const height = maxUnits * (size + GAP) + LABEL_HEIGHT;
    const columns = sizes.map((units, column) => {
      const x = 8 + spacing * column + (spacing - size) / 2;
      const top = LABEL_HEIGHT + ((maxUnits - units) * (size + GAP)) / 2;
      return Array.from({ length: units }, (_, index) => ({
        column,
        index,
        x,
        y: top + index * (size + GAP),
        name: unitName(structure, column, sizes.length, index),
      }));
    });
    const labels = sizes.map((units, column) => ({
      x: 8 + spacing * column,
      width: spacing,
      text: columnLabel(column, sizes.length, units),
    }));
    this.#layout = { width, height, size, columns, labels };
    const ratio = window.devicePixelRatio || 1;
    this.#canvas.width = Math.round(width * ratio);
    this.#canvas.height = Math.round(height * ratio);
    this.#canvas.style.width = `${width}px`;
    this.#canvas.style.height = `${height}px`;
    this.#container.style.height = `${height}px`;
    this.#draw();
  }

  #draw(): void {
    const layout = this.#layout;
    const structure = this.#structure;
    if (!layout || !structure) return;
    const context = this.#canvas.getContext('2d')!;
    const ratio = this.#canvas.width / layout.width;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, layout.width, layout.height);
    drawLabels(context, layout);
    if (this.#last) drawEdges(context, layout, this.#last.weights);
    this.#paintAtlas(structure, layout, this.#last?.grid ?? null);
    const side = this.#atlasSide();
    context.imageSmoothingEnabled = true;
    let slot = 0;
    for (const column of layout.columns) {
      for (const unit of column) {
        context.drawImage(this.#atlas, slot * side, 0, side, side, unit.x, unit.y, layout.size, layout.size);
        slot++;
      }
    }
    context.strokeStyle = '#9aa3ad';
    context.lineWidth = 1;
    for (const column of layout.columns) {
      for (const unit of column) context.strokeRect(unit.x + 0.5, unit.y + 0.5, layout.size - 1, layout.size - 1);
    }
    if (layout.size >= 22) {
      context.font = 'bold 10px system-ui, sans-serif';
      context.textAlign = 'left';
      context.textBaseline = 'bottom';
      context.fillStyle = '#1f2328';
      context.shadowColor = '#ffffff';
      context.shadowBlur = 3;
      for (const unit of layout.columns[0]!) context.fillText(unit.name, unit.x + 3, unit.y + layout.size - 1);
      context.shadowBlur = 0;
    }
  }

  #atlasSide(): number {
    return this.#last?.grid.unitResolution ?? 24;
  }

  /** Writes every unit's map into the atlas (one `putImageData`): inputs from the domain, the rest from `grid`. */
  #paintAtlas(structure: DiagramStructure, layout: Layout, grid: GridOutputs | null): void {
    const side = this.#atlasSide();
    const units = layout.columns.reduce((count, column) => count + column.length, 0);
    if (this.#atlasImage?.width !== side * units || this.#atlasImage.height !== side) {
      this.#atlas.width = side * units;
      this.#atlas.height = side;
      this.#atlasImage = new ImageData(side * units, side);
    }
    const image = this.#atlasImage;
    const map = new ImageData(side, side);
    const copy = (slot: number) => {
      for (let row = 0; row < side; row++) {
        image.data.set(map.data.subarray(row * side * 4, (row + 1) * side * 4), (row * image.width + slot * side) * 4);
      }
    };
    let slot = 0;
    // An input's map is the input itself over the square, −1 to 1 across it (the tutorial's constant 1: all 1).
    const inputValues = new Float32Array(side * side);
    for (let input = 0; input < structure.inputs.length; input++) {
      for (let row = 0; row < side; row++) {
        for (let column = 0; column < side; column++) {
          const x1 = (column + 0.5) / side;
          const x2 = 1 - (row + 0.5) / side;
          inputValues[row * side + column] = input === 0 ? 2 * x1 - 1 : input === 1 ? 2 * x2 - 1 : 1;
        }
      }
      paintValues(map, inputValues, identity);
      copy(slot++);
    }
    if (grid) {
      const points = side * side;
      const toScale = activationScale(structure.activation);
      for (const layer of grid.hidden) {
        const count = layer.length / points;
        for (let unit = 0; unit < count; unit++) {
          paintValues(map, layer.subarray(unit * points, (unit + 1) * points), toScale);
          copy(slot++);
        }
      }
      paintValues(map, subsample(grid.output, grid.resolution, side), (probability) => 2 * probability - 1);
      copy(slot++);
    }
    this.#atlas.getContext('2d')!.putImageData(image, 0, 0);
  }

  #hover(event: PointerEvent): void {
    const layout = this.#layout;
    if (!layout) return;
    const bounds = this.#canvas.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    const text = this.#describeAt(layout, x, y);
    this.#tooltip.hidden = text === null;
    if (text === null) return;
    this.#tooltip.textContent = text;
    this.#tooltip.style.left = `${Math.min(x + 12, layout.width - 160)}px`;
    this.#tooltip.style.top = `${y + 14}px`;
  }

  /** The unit under (x, y), or the weight whose edge passes within 5 px of it, as text; null for neither. */
  #describeAt(layout: Layout, x: number, y: number): string | null {
    for (const column of layout.columns) {
      for (const unit of column) {
        if (x >= unit.x && x <= unit.x + layout.size && y >= unit.y && y <= unit.y + layout.size) return unit.name;
      }
    }
    const weights = this.#last?.weights;
    if (!weights) return null;
    let best: { distance: number; text: string } | null = null;
    weights.forEach((layer, index) => {
      const from = layout.columns[index]!;
      const to = layout.columns[index + 1]!;
      if (x < from[0]!.x + layout.size || x > to[0]!.x) return;
      const across = (x - (from[0]!.x + layout.size)) / (to[0]!.x - from[0]!.x - layout.size);
      const t = curveParameter(across);
      // The edges are cubic curves with flat ends: at parameter t, y has moved 3t² − 2t³ of the way.
      const share = 3 * t * t - 2 * t * t * t;
      for (const source of from) {
        for (const target of to) {
          const edgeY = source.y + (target.y - source.y) * share + layout.size / 2;
          const distance = Math.abs(edgeY - y);
          if (distance <= 5 && (!best || distance < best.distance)) {
            const value = layer.weight[source.index * layer.outFeatures + target.index]!;
            best = { distance, text: `W${index + 1}: ${source.name} → ${target.name} = ${value.toPrecision(3)}` };
          }
        }
      }
    });
    return (best as { text: string } | null)?.text ?? null;
  }
}

function drawLabels(context: CanvasRenderingContext2D, layout: Layout): void {
  context.fillStyle = '#5b6470';
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'top';
  for (const label of layout.labels) {
    label.text.split('\n').forEach((line, index) => context.fillText(line, label.x + label.width / 2, index * 13));
  }
}

/** Every weight as a cubic curve, grouped by sign and width into one path per group. */
function drawEdges(context: CanvasRenderingContext2D, layout: Layout, weights: LayerWeights[]): void {
  let largest = 1e-9;
  for (const layer of weights) for (const value of layer.weight) largest = Math.max(largest, Math.abs(value));
  const paths = [0, 1].map(() => Array.from({ length: WIDTH_BUCKETS }, () => new Path2D()));
  weights.forEach((layer, index) => {
    const from = layout.columns[index];
    const to = layout.columns[index + 1];
    if (!from || !to || from.length * to.length !== layer.weight.length) return;
    for (const source of from) {
      for (const target of to) {
        const value = layer.weight[source.index * layer.outFeatures + target.index]!;
        const bucket = Math.min(WIDTH_BUCKETS - 1, Math.floor((Math.abs(value) / largest) * WIDTH_BUCKETS));
        const path = paths[value >= 0 ? 1 : 0]![bucket]!;
        const startX = source.x + layout.size;
        const startY = source.y + layout.size / 2;
        const endX = target.x;
        const endY = target.y + layout.size / 2;
        const middle = (startX + endX) / 2;
        path.moveTo(startX, startY);
        path.bezierCurveTo(middle, startY, middle, endY, endX, endY);
      }
    }
  });
  paths.forEach((buckets, sign) => {
    context.strokeStyle = sign === 1 ? BLUE_CSS : ORANGE_CSS;
    buckets.forEach((path, bucket) => {
      const strength = (bucket + 0.5) / WIDTH_BUCKETS;
      context.lineWidth = 0.4 + 4.6 * strength;
      context.globalAlpha = 0.25 + 0.65 * strength;
      context.stroke(path);
    });
  });
  context.globalAlpha = 1;
}

/**
 * The parameter t at which an edge curve is a fraction `across` of the way from its start to its end along x: the
 * curve's x is `1.5t − 1.5t² + t³` of the way (control points at the middle), solved by Newton's method.
 */
function curveParameter(across: number): number {
  let t = across;
  for (let iteration = 0; iteration < 5; iteration++) {
    t -= (1.5 * t - 1.5 * t * t + t * t * t - across) / (1.5 - 3 * t + 3 * t * t);
  }
  return t;
}

/** Every `resolution / side`-th value of a `resolution²` map, as a `side²` map. */
function subsample(values: Float32Array, resolution: number, side: number): Float32Array {
  const stride = resolution / side;
  const result = new Float32Array(side * side);
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      result[row * side + column] = values[Math.floor(row * stride) * resolution + Math.floor(column * stride)]!;
    }
  }
  return result;
}

const identity = (value: number) => value;

/** Maps an activation's output onto the colour scale's [−1, 1]: sigmoid's [0, 1] is stretched, tanh and ReLU kept. */
function activationScale(activation: ActivationName): (value: number) => number {
  return activation === 'sigmoid' ? (value) => 2 * value - 1 : identity;
}

function columnLabel(column: number, columnCount: number, units: number): string {
  if (column === 0) return 'Input';
  if (column === columnCount - 1) return 'Output';
  return `Hidden ${column}\n${units} unit${units === 1 ? '' : 's'}`;
}

function unitName(structure: DiagramStructure, column: number, columnCount: number, unit: number): string {
  if (column === 0) return structure.inputs[unit]!;
  if (column === columnCount - 1) return 'output';
  return `h${column}.${unit + 1}`;
}
