import { describe, expect, it } from 'vitest';
import { formatLoss } from '../../src/render/format';
import { renderLossPlotSvg } from '../../src/render/svg-plot';
import { DEFAULT_TRAIN_OPTIONS, train } from '../../src/train/train';
import { boxesOverlap, lineTouches, polylinePoints, textBoxes } from '../helpers/svg-layout';
import { allElements, parseXml } from '../helpers/xml';

/** Loss curves of every shape: `losses[k]` is the loss after k iterations. */
const curves: [string, number[]][] = [
  ['the demo, default settings', train(DEFAULT_TRAIN_OPTIONS).losses],
  ['the demo, 20 iterations', train({ ...DEFAULT_TRAIN_OPTIONS, iterations: 20 }).losses],
  [
    'the demo, lr 30 (a jump, then flat)',
    train({ ...DEFAULT_TRAIN_OPTIONS, learningRate: 30, iterations: 300 }).losses,
  ],
  ['falling exponentially', Array.from({ length: 1501 }, (_, k) => 1.2 * Math.exp(-k / 300) + 0.002)],
  [
    'falling to exactly a tick (the end on the bottom edge)',
    Array.from({ length: 101 }, (_, k) => 0.001 * 10 ** (3 * (1 - k / 100))),
  ],
  ['rising (the end on the top edge)', Array.from({ length: 200 }, (_, k) => 0.5 + k / 100)],
  ['flat', [1, 1, 1, 1]],
  ['oscillating', Array.from({ length: 400 }, (_, k) => 1 + 0.5 * Math.sin(k / 7))],
  ['one iteration', [1.303, 1.052]],
  ['no iteration', [0.5]],
  ['a million iterations', Array.from({ length: 1_000_001 }, (_, k) => 1 / (1 + k))],
];

/** The final-loss label's lines (tspans) with their boxes, and every other line of text. */
function labelOf(svg: string) {
  const root = parseXml(svg);
  const label = allElements(root).find((element) => element.attributes.class === 'final-loss')!;
  const texts = textBoxes(root);
  const lines = texts.filter((text) => label.children.includes(text.element));
  return { lines, others: texts.filter((text) => !lines.includes(text)) };
}

describe('renderLossPlotSvg: the final loss', () => {
  it.each(curves)('%s: its label touches neither the curve nor any other text, inside the image', (_name, losses) => {
    const svg = renderLossPlotSvg(losses, { title: 'chainrule demo: training loss', subtitle: 'a subtitle' });
    const root = parseXml(svg);
    const { lines, others } = labelOf(svg);
    expect(lines.map((line) => line.text)).toEqual(['final loss', formatLoss(losses.at(-1)!)]);
    const points = polylinePoints(svg);
    for (const { text, box } of lines) {
      expect(lineTouches(points, box), `"${text}" touches the curve`).toBe(false);
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(Number(root.attributes.width));
      expect(box.bottom).toBeLessThanOrEqual(Number(root.attributes.height));
      for (const other of others) expect(boxesOverlap(box, other.box), `"${text}" on "${other.text}"`).toBe(false);
    }
  });

  it('marks the end of the curve with a dot beside its label', () => {
    const losses = curves[0]![1];
    const svg = renderLossPlotSvg(losses, { title: 't' });
    const end = allElements(parseXml(svg)).find((element) => element.attributes.class === 'end')!;
    const last = polylinePoints(svg).at(-1)!;
    expect([Number(end.attributes.cx), Number(end.attributes.cy)]).toEqual([last.x, last.y]);
    const { lines } = labelOf(svg);
    expect(lines[0]!.box.left - last.x).toBeLessThan(20);
    expect(lines[0]!.box.top).toBeLessThan(last.y);
    expect(lines[1]!.box.bottom).toBeGreaterThan(last.y);
  });
});

describe('renderLossPlotSvg: the first step', () => {
  it.each(curves)('%s: starts clear of the y axis, at a dot', (_name, losses) => {
    const svg = renderLossPlotSvg(losses, { title: 't' });
    const elements = allElements(parseXml(svg));
    const yAxis = elements.find(
      (element) =>
        element.name === 'line' &&
        element.attributes['stroke-width'] === '1.5' &&
        element.attributes.x1 === element.attributes.x2,
    )!;
    const first = polylinePoints(svg)[0]!;
    expect(first.x - Number(yAxis.attributes.x1)).toBeGreaterThanOrEqual(8);
    const start = elements.find((element) => element.attributes.class === 'start')!;
    expect([Number(start.attributes.cx), Number(start.attributes.cy)]).toEqual([first.x, first.y]);
  });
});

describe('renderLossPlotSvg: the iteration axis', () => {
  const xTickLabels = (svg: string): string[] =>
    allElements(parseXml(svg))
      .find((element) => element.attributes.class === 'axes')!
      .children.filter((element) => element.name === 'text' && element.attributes['text-anchor'] === 'middle')
      .map((element) => element.text);

  it.each([1, 2, 3, 7, 13, 33, 99, 1234, 30_234, 1_000_000])('ends with a labelled tick at iteration %i', (n) => {
    const losses = Array.from({ length: n + 1 }, (_, k) => 1 / (1 + k));
    const labels = xTickLabels(renderLossPlotSvg(losses, { title: 't' }));
    expect(labels.at(-1)).toBe(n.toLocaleString('en-US'));
    expect(labels[0]).toBe('0');
  });

  it('writes every number with thousands separators, never in exponent form or as a long run of digits', () => {
    for (const n of [12_345, 1_000_000]) {
      const svg = renderLossPlotSvg(
        Array.from({ length: n + 1 }, (_, k) => 1 / (1 + k)),
        { title: 't', subtitle: `${n.toLocaleString('en-US')} iterations` },
      );
      const texts = textBoxes(svg).map((text) => text.text);
      expect(texts).toContain(n.toLocaleString('en-US'));
      for (const text of texts) {
        expect(text).not.toMatch(/e\+/);
        expect(text).not.toMatch(/(?<![.\d])\d{4,}/);
      }
    }
  });
});
