import type { Dataset, Rows } from '../training/datasets';
import { BLUE_CSS, ORANGE_CSS, paintValues } from './colors';

/** Margins for the axis labels, in CSS pixels. */
const LEFT = 30;
const TOP = 8;
const BOTTOM = 22;

/**
 * The decision boundary: the network's output probability over the data's square as a colour map (orange for 0,
 * blue for 1), with the training points (white rims) and, optionally, the test points (dark rims) drawn over it.
 */
export class HeatMap {
  readonly canvas: HTMLCanvasElement;
  readonly #cell: HTMLCanvasElement = document.createElement('canvas');
  /** The points, drawn once per data set, size and toggle, then copied over each new map. */
  readonly #points: HTMLCanvasElement = document.createElement('canvas');
  #pointsKey = '';
  #dataset: Dataset | null = null;
  #output: Float32Array | null = null;
  #image: ImageData | null = null;
  #showTest = true;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  setDataset(dataset: Dataset): void {
    this.#dataset = dataset;
    this.#pointsKey = '';
    this.draw();
  }

  setShowTest(show: boolean): void {
    this.#showTest = show;
    this.draw();
  }

  /** New output probabilities, `resolution²` of them, row 0 at the top. */
  setOutput(output: Float32Array, resolution: number): void {
    if (this.#image?.width !== resolution) {
      this.#cell.width = resolution;
      this.#cell.height = resolution;
      this.#image = new ImageData(resolution, resolution);
    }
    this.#output = output;
    paintValues(this.#image, output, (probability) => 2 * probability - 1);
    this.#cell.getContext('2d')!.putImageData(this.#image, 0, 0);
    this.draw();
    this.canvas.dataset.drawn = 'true';
  }

  draw(): void {
    const { canvas } = this;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext('2d')!;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const size = Math.min(width - LEFT, height - TOP - BOTTOM);
    const area = { x: LEFT, y: TOP, size };
    if (this.#output) {
      context.imageSmoothingEnabled = true;
      context.imageSmoothingQuality = 'high';
      context.drawImage(this.#cell, area.x, area.y, size, size);
    } else {
      context.fillStyle = '#eef0f1';
      context.fillRect(area.x, area.y, size, size);
    }
    const dataset = this.#dataset;
    if (!dataset) return;
    const key = `${canvas.width}x${canvas.height}:${size}:${this.#showTest}`;
    if (key !== this.#pointsKey) {
      this.#pointsKey = key;
      this.#points.width = canvas.width;
      this.#points.height = canvas.height;
      const layer = this.#points.getContext('2d')!;
      layer.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawAxes(layer, area, dataset.domain);
      const radius = dataset.train.count <= 8 ? 11 : size > 300 ? 3.6 : 3;
      if (this.#showTest) drawPoints(layer, area, dataset.domain, dataset.test, dataset.features, radius, '#1f2328');
      drawPoints(layer, area, dataset.domain, dataset.train, dataset.features, radius, '#ffffff');
    }
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.drawImage(this.#points, 0, 0);
  }
}

type Area = { x: number; y: number; size: number };

function drawAxes(context: CanvasRenderingContext2D, area: Area, [low, high]: readonly [number, number]): void {
  context.fillStyle = '#5b6470';
  context.strokeStyle = '#9aa3ad';
  context.lineWidth = 1;
  context.font = '11px system-ui, sans-serif';
  const ticks = high - low <= 1.6 ? [0, 0.5, 1] : [-1, -0.5, 0, 0.5, 1];
  for (const tick of ticks) {
    const offset = ((tick - low) / (high - low)) * area.size;
    context.textAlign = 'center';
    context.textBaseline = 'top';
    context.fillText(String(tick), area.x + offset, area.y + area.size + 5);
    context.beginPath();
    context.moveTo(area.x + offset, area.y + area.size);
    context.lineTo(area.x + offset, area.y + area.size + 3);
    context.stroke();
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    context.fillText(String(tick), area.x - 6, area.y + area.size - offset);
    context.beginPath();
    context.moveTo(area.x - 3, area.y + area.size - offset);
    context.lineTo(area.x, area.y + area.size - offset);
    context.stroke();
  }
}

function drawPoints(
  context: CanvasRenderingContext2D,
  area: Area,
  [low, high]: readonly [number, number],
  rows: Rows,
  features: number,
  radius: number,
  rim: string,
): void {
  const scale = area.size / (high - low);
  context.lineWidth = radius > 5 ? 2.5 : 1;
  for (let row = 0; row < rows.count; row++) {
    const x = area.x + (rows.inputs[row * features]! - low) * scale;
    const y = area.y + area.size - (rows.inputs[row * features + 1]! - low) * scale;
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fillStyle = rows.targets[row] === 1 ? BLUE_CSS : ORANGE_CSS;
    context.fill();
    context.strokeStyle = rim;
    context.stroke();
    if (radius > 5) {
      // Few, large points (the tutorial's four): write each target in its point.
      context.fillStyle = '#ffffff';
      context.font = `bold ${Math.round(radius * 1.3)}px system-ui, sans-serif`;
      context.textAlign = 'center';
      context.textBaseline = 'middle';
      context.fillText(String(rows.targets[row]), x, y + 1);
    }
  }
}
