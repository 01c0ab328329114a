import type { ActivationName } from '../settings/settings';
import type { GridOutputs, LayerWeights } from '../training/trainer';
import { BLUE_CSS, ORANGE_CSS, paintValues } from './colors';

const SVG = 'http://www.w3.org/2000/svg';
const GAP = 6;
const LABEL_HEIGHT = 34;

/** What the diagram draws: input columns, hidden layer sizes and how to colour each unit's output. */
export interface DiagramStructure {
  /** Names of the inputs: `x1`, `x2` (and `1`, the tutorial's constant input). */
  inputs: string[];
  hidden: number[];
  activation: ActivationName;
  domain: readonly [number, number];
}

interface Edge {
  path: SVGPathElement;
  title: SVGTitleElement;
  /** Stroke, width and opacity as last set, to skip unchanged edges. */
  style: string;
  value: number;
}

interface Unit {
  index: number;
  element: HTMLElement;
  canvas: HTMLCanvasElement;
  x: number;
  y: number;
}

/**
 * The network as a diagram: one column per layer, each unit a small map of its output over the data's square (the
 * same colours as the heat map), and every weight an edge whose colour is its sign (blue positive, orange
 * negative) and whose width is its size relative to the largest weight.
 */
export class NetworkDiagram {
  readonly #container: HTMLElement;
  readonly #svg: SVGSVGElement;
  #structure: DiagramStructure | null = null;
  #columns: Unit[][] = [];
  #edges: Edge[][] = [];
  #last: { weights: LayerWeights[]; grid: GridOutputs } | null = null;

  constructor(container: HTMLElement) {
    this.#container = container;
    this.#svg = document.createElementNS(SVG, 'svg');
    this.#svg.classList.add('diagram-edges');
    this.#svg.setAttribute('aria-hidden', 'true');
    let width = 0;
    new ResizeObserver(() => {
      if (container.clientWidth !== width) {
        width = container.clientWidth;
        this.#layout();
      }
    }).observe(container);
  }

  setStructure(structure: DiagramStructure): void {
    this.#structure = structure;
    this.#last = null;
    this.#layout();
  }

  update(weights: LayerWeights[], grid: GridOutputs): void {
    this.#last = { weights, grid };
    if (this.#columns.length === 0) return;
    this.#paintUnits(grid);
    this.#styleEdges(weights);
  }

  #layout(): void {
    const structure = this.#structure;
    const container = this.#container;
    container.replaceChildren();
    this.#columns = [];
    this.#edges = [];
    if (!structure) return;
    const sizes = [structure.inputs.length, ...structure.hidden, 1];
    const columnCount = sizes.length;
    const width = Math.max(container.clientWidth, 240);
    const maxUnits = Math.max(...sizes);
    const spacing = (width - 16) / columnCount;
    const size = Math.max(10, Math.min(40, Math.floor(380 / maxUnits) - GAP, Math.floor(spacing * 0.55)));
    const height = maxUnits * (size + GAP) + LABEL_HEIGHT;
    container.style.height = `${height}px`;
    this.#svg.setAttribute('width', String(width));
    this.#svg.setAttribute('height', String(height));
    this.#svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.#svg.replaceChildren();
    container.append(this.#svg);

    sizes.forEach((units, column) => {
      const x = 8 + spacing * column + (spacing - size) / 2;
      const label = document.createElement('div');
      label.className = 'diagram-label';
      label.style.left = `${8 + spacing * column}px`;
      label.style.width = `${spacing}px`;
      label.textContent = columnLabel(column, columnCount, units);
      container.append(label);
      const top = LABEL_HEIGHT + ((maxUnits - units) * (size + GAP)) / 2;
      const cells: Unit[] = [];
      for (let unit = 0; unit < units; unit++) {
        const element = document.createElement('div');
        element.className = 'diagram-unit';
        element.style.left = `${x}px`;
        element.style.top = `${top + unit * (size + GAP)}px`;
        element.style.width = `${size}px`;
        element.style.height = `${size}px`;
        element.title = unitName(structure, column, columnCount, unit);
        const canvas = document.createElement('canvas');
        element.append(canvas);
        if (size >= 22 && column === 0) {
          const name = document.createElement('span');
          name.className = 'diagram-input-name';
          name.textContent = structure.inputs[unit]!;
          element.append(name);
        }
        container.append(element);
        cells.push({ index: unit, element, canvas, x, y: top + unit * (size + GAP) });
      }
      this.#columns.push(cells);
    });

    for (let layer = 0; layer + 1 < this.#columns.length; layer++) {
      const edges: Edge[] = [];
      for (const from of this.#columns[layer]!) {
        for (const to of this.#columns[layer + 1]!) {
          const path = document.createElementNS(SVG, 'path');
          const startX = from.x + size;
          const startY = from.y + size / 2;
          const endX = to.x;
          const endY = to.y + size / 2;
          const middle = (startX + endX) / 2;
          path.setAttribute('d', `M${startX},${startY} C${middle},${startY} ${middle},${endY} ${endX},${endY}`);
          const title = document.createElementNS(SVG, 'title');
          path.append(title);
          this.#svg.append(path);
          const edge: Edge = { path, title, style: '', value: Number.NaN };
          const name = `W${layer + 1}: ${unitName(structure, layer, columnCount, from.index)} → ${unitName(structure, layer + 1, columnCount, to.index)}`;
          // The tooltip's number is written when the pointer arrives, not at every frame.
          path.addEventListener('pointerenter', () => {
            title.textContent = `${name} = ${edge.value.toPrecision(3)}`;
          });
          edges.push(edge);
        }
      }
      this.#edges.push(edges);
    }
    this.#paintInputs(structure);
    if (this.#last) this.update(this.#last.weights, this.#last.grid);
  }

  #paintInputs(structure: DiagramStructure): void {
    const resolution = 24;
    const [low, high] = structure.domain;
    const toUnit = (value: number) => (2 * (value - low)) / (high - low) - 1;
    structure.inputs.forEach((_, input) => {
      const values = new Float32Array(resolution * resolution);
      for (let row = 0; row < resolution; row++) {
        for (let column = 0; column < resolution; column++) {
          const x1 = low + ((column + 0.5) / resolution) * (high - low);
          const x2 = high - ((row + 0.5) / resolution) * (high - low);
          values[row * resolution + column] = input === 0 ? toUnit(x1) : input === 1 ? toUnit(x2) : 1;
        }
      }
      paintCanvas(this.#columns[0]![input]!.canvas, values, resolution, (value) => value);
    });
  }

  #paintUnits(grid: GridOutputs): void {
    const structure = this.#structure!;
    const side = grid.unitResolution;
    const points = side * side;
    const toScale = activationScale(structure.activation);
    grid.hidden.forEach((layer, index) => {
      const cells = this.#columns[index + 1];
      if (!cells) return;
      cells.forEach((cell, unit) => {
        paintCanvas(cell.canvas, layer.subarray(unit * points, (unit + 1) * points), side, toScale);
      });
    });
    const output = this.#columns[this.#columns.length - 1]![0]!;
    paintCanvas(output.canvas, grid.output, grid.resolution, (probability) => 2 * probability - 1);
  }

  #styleEdges(weights: LayerWeights[]): void {
    let largest = 1e-9;
    for (const layer of weights) for (const value of layer.weight) largest = Math.max(largest, Math.abs(value));
    weights.forEach((layer, index) => {
      const edges = this.#edges[index];
      if (!edges || edges.length !== layer.weight.length) return;
      for (let from = 0; from < layer.inFeatures; from++) {
        for (let to = 0; to < layer.outFeatures; to++) {
          const value = layer.weight[from * layer.outFeatures + to]!;
          const edge = edges[from * layer.outFeatures + to]!;
          const strength = Math.abs(value) / largest;
          // Only what changed visibly touches the DOM: most edges look the same from one frame to the next.
          const style = `${value >= 0 ? BLUE_CSS : ORANGE_CSS}|${(0.4 + 4.6 * strength).toFixed(1)}|${(0.25 + 0.65 * strength).toFixed(2)}`;
          if (style !== edge.style) {
            const [stroke, width, opacity] = style.split('|') as [string, string, string];
            edge.path.setAttribute('stroke', stroke);
            edge.path.setAttribute('stroke-width', width);
            edge.path.setAttribute('stroke-opacity', opacity);
            edge.style = style;
          }
          edge.value = value;
        }
      }
    });
  }
}

const images = new WeakMap<HTMLCanvasElement, ImageData>();

function paintCanvas(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  resolution: number,
  toScale: (value: number) => number,
) {
  let image = images.get(canvas);
  if (canvas.width !== resolution || !image) {
    canvas.width = resolution;
    canvas.height = resolution;
    image = new ImageData(resolution, resolution);
    images.set(canvas, image);
  }
  paintValues(image, values, toScale);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

/** Maps an activation's output onto the colour scale's [−1, 1]: sigmoid's [0, 1] is stretched, tanh and ReLU kept. */
function activationScale(activation: ActivationName): (value: number) => number {
  return activation === 'sigmoid' ? (value) => 2 * value - 1 : (value) => value;
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
