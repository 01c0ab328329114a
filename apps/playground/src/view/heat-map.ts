import type { Dataset, Rows } from '../training/datasets';
import { BLUE_CSS, ORANGE_CSS, paintValues } from './colors';

/** Margins for the axis labels, in CSS pixels. */
const LEFT = 30;
const BOTTOM = 22;

/**
 * The decision boundary: the network's output probability over the data's square as a colour map (orange for 0,
 * blue for 1), with the training points (white rims) and, optionally, the test points (dark rims) drawn over it.
 */
export class HeatMap {
  readonly canvas: HTMLCanvasElement;
  readonly #cell: HTMLCanvasElement = document.createElement('canvas');
  #dataset: Dataset | null = null;
  #output: Float32Array | null = null;
  #resolution = 0;
  #showTest = true;

  constructor(canvas: HTMLCanvasElement) {
    this.canvas = canvas;
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  setDataset(dataset: Dataset): void {
    this.#dataset = dataset;
    this.draw();
  }

  setShowTest(show: boolean): void {
    this.#showTest = show;
    this.draw();
  }

  /** New output probabilities, `resolution²` of them, row 0 at the top. */
  setOutput(output: Float32Array, resolution: number): void {
    if (this.#resolution !== resolution) {
      this.#cell.width = resolution;
      this.#cell.height = resolution;
      this.#resolution = resolution;
    }
    this.#output = output;
    const context = this.#cell.getContext('2d')!;
    const image = context.createImageData(resolution, resolution);
    paintValues(image, output, (probability) => 2 * probability - 1);
    context.putImageData(image, 0, 0);
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
    const size = Math.min(width - LEFT, height - BOTTOM);
    const area = { x: LEFT, y: 0, size };
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
    drawAxes(context, area, dataset.domain);
    const radius = dataset.train.count <= 8 ? 9 : size > 300 ? 3.6 : 3;
    if (this.#showTest) drawPoints(context, area, dataset.domain, dataset.test, dataset.features, radius, '#1f2328');
    drawPoints(context, area, dataset.domain, dataset.train, dataset.features, radius, '#ffffff');
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
  }
}
