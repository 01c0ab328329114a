import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartSeries } from '../output/loss-history';

export const TRAIN_COLOR = '#374151';
export const TEST_COLOR = '#c2410c';

/**
 * The loss curve, train and test, on a log scale against the step. uPlot draws it on a canvas in well under a
 * millisecond for the ~600 points it is given each frame, with axes, a legend and a hover read-out.
 */
export class LossChart {
  readonly #plot: uPlot;
  readonly #container: HTMLElement;

  constructor(container: HTMLElement) {
    this.#container = container;
    const options: uPlot.Options = {
      width: Math.max(200, container.clientWidth),
      height: 170,
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: [
        {
          label: 'step',
          labelSize: 18,
          size: 32,
          stroke: '#5b6470',
          grid: { stroke: '#eceef0' },
          ticks: { stroke: '#d5d9de' },
        },
        {
          label: 'loss (log scale)',
          labelSize: 18,
          size: 58,
          stroke: '#5b6470',
          // Powers of ten only: the minor log ticks (2, 3, ... 9 × 10^k) crowd a chart this small.
          grid: { stroke: '#eceef0', filter: decades },
          ticks: { stroke: '#d5d9de', filter: decades },
          filter: decades,
          values: (_plot, values) => values.map((value) => (value === null ? '' : formatLoss(value))),
        },
      ],
      series: [
        { label: 'step', value: (_plot, value) => (value === null ? '–' : String(value)) },
        { label: 'train', stroke: TRAIN_COLOR, width: 1.5, value: (_plot, value) => formatLoss(value) },
        { label: 'test', stroke: TEST_COLOR, width: 1.5, value: (_plot, value) => formatLoss(value) },
      ],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
    };
    this.#plot = new uPlot(options, [[], [], []], container);
    let width = container.clientWidth;
    new ResizeObserver(() => {
      if (container.clientWidth !== width && container.clientWidth > 0) {
        width = container.clientWidth;
        this.#plot.setSize({ width: Math.max(200, width), height: 170 });
      }
    }).observe(container);
  }

  /** Draws `series`; `showTest` hides the test curve for problems without a test set. */
  update(series: ChartSeries, showTest: boolean): void {
    if (this.#plot.series[2]!.show !== showTest) {
      this.#plot.setSeries(2, { show: showTest });
      this.#container.classList.toggle('no-test', !showTest);
    }
    this.#plot.setData([series.steps, series.trainLoss, series.testLoss]);
  }

  get element(): HTMLElement {
    return this.#container;
  }
}

function decades(_plot: uPlot, splits: number[]): (number | null)[] {
  return splits.map((value) => (Math.abs(Math.log10(value) - Math.round(Math.log10(value))) < 1e-9 ? value : null));
}

function formatLoss(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  if (value >= 0.01 && value < 1000) return String(Number(value.toPrecision(3)));
  const exponent = Math.log10(value);
  return Math.abs(exponent - Math.round(exponent)) < 1e-9 ? `1e${Math.round(exponent)}` : value.toExponential(1);
}
