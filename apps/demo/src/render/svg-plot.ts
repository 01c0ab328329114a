import { formatCount, formatLoss } from './format';
import { estimateTextWidth } from './text-width';
import { extent, requireFinite, sampleIndices } from './sampling';
import { axisLabel, chooseAxisKind, linearTicks, logTicks, type Tick } from './scale';

/** Text and size of the loss plot. */
export interface LossPlotOptions {
  title: string;
  /** A second, smaller line under the title (the run's settings). */
  subtitle?: string;
  /** Label of the y axis; the axis kind ("log scale") is appended. */
  yLabel?: string;
  width?: number;
  height?: number;
}

/** Most vertices the loss line gets; longer runs are sampled evenly (first and last iterations kept). */
export const MAX_PLOT_POINTS = 2000;
const maxPoints = MAX_PLOT_POINTS;
const labelFontSize = 12;
/** Room right of the plot for the final-loss label: its two lines (`final loss`, then the value) and a gap. */
const labelColumn = 8 + Math.ceil(estimateTextWidth('1.234e-10', labelFontSize)) + 8;
const margin = { left: 84, right: labelColumn, top: 72, bottom: 64 };
/** Gap between the y axis and iteration 0, so that the first step is never drawn on the axis line. */
const inset = 12;
const colors = {
  line: '#2563eb',
  axis: '#333333',
  grid: '#d4d4d4',
  minorGrid: '#efefef',
  text: '#222222',
  muted: '#555555',
};

/**
 * A standalone SVG document of the loss curve: `losses[k]`, the loss after k iterations, is drawn at iteration k
 * (at most MAX_PLOT_POINTS of them), on a log y axis when the losses span a decade or more (linear otherwise), with
 * ticks (the last iteration always labelled), grid, axis labels and a title. The curve starts a little right of the
 * y axis, with a dot at the initial loss; its end, the final loss, gets a dot and a label in the margin right of
 * the plot, which the curve never enters.
 */
export function renderLossPlotSvg(losses: readonly number[], options: LossPlotOptions): string {
  if (losses.length === 0) throw new RangeError('renderLossPlotSvg: no losses to plot');
  requireFinite('renderLossPlotSvg', losses);
  const width = options.width ?? 800;
  const height = options.height ?? 500;
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
  const iterations = losses.length - 1;

  const axisKind = chooseAxisKind(losses);
  const { min, max } = extent(losses);
  const yTicks = axisKind === 'log' ? logTicks(min, max) : linearTicks(min, max);
  const yRange = [yTicks[0]!.value, yTicks.at(-1)!.value] as const;

  const toY = (value: number): number => {
    const position =
      axisKind === 'log'
        ? (Math.log10(value) - Math.log10(yRange[0])) / (Math.log10(yRange[1]) - Math.log10(yRange[0]))
        : (value - yRange[0]) / (yRange[1] - yRange[0]);
    return plot.bottom - position * (plot.bottom - plot.top);
  };
  const dataLeft = plot.left + inset;
  const toX = (iteration: number): number =>
    iterations === 0 ? plot.right : dataLeft + (iteration / iterations) * (plot.right - dataLeft);
  const xTicks = iterationTicks(iterations, toX);

  const lines: string[] = [];
  lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  lines.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
  );
  lines.push(`  <title>${escapeXml(options.title)}</title>`);
  lines.push(`  <rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);

  lines.push('  <g class="grid">');
  for (const tick of yTicks) {
    const y = number(toY(tick.value));
    lines.push(
      `    <line x1="${plot.left}" y1="${y}" x2="${plot.right}" y2="${y}" stroke="${tick.label ? colors.grid : colors.minorGrid}" stroke-width="1"/>`,
    );
  }
  for (const tick of xTicks) {
    const x = number(toX(tick.value));
    lines.push(
      `    <line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="${colors.minorGrid}" stroke-width="1"/>`,
    );
  }
  lines.push('  </g>');

  lines.push(...axes(plot, xTicks, yTicks, toX, toY));

  // At most maxPoints vertices (several per pixel still), so a long run gives a file of reasonable size.
  const vertices = sampleIndices(losses.length, maxPoints).map((index) => ({
    x: Math.round(toX(index) * 100) / 100,
    y: Math.round(toY(losses[index]!) * 100) / 100,
  }));
  const points = vertices.map(({ x, y }) => `${number(x)},${number(y)}`).join(' ');
  lines.push(
    `  <polyline class="loss" fill="none" stroke="${colors.line}" stroke-width="2" stroke-linejoin="round" points="${points}"/>`,
  );

  const first = vertices[0]!;
  lines.push(`  <circle class="start" cx="${number(first.x)}" cy="${number(first.y)}" r="3" fill="${colors.line}"/>`);
  const last = losses.at(-1)!;
  const end = { x: toX(iterations), y: toY(last) };
  lines.push(`  <circle class="end" cx="${number(end.x)}" cy="${number(end.y)}" r="3.5" fill="${colors.line}"/>`);
  // Two lines beside the end dot, moved up or down only as far as needed to stay within the plot's height.
  const lineHeight = 15;
  const labelTop = Math.min(Math.max(end.y - lineHeight, plot.top), plot.bottom - 2 * lineHeight);
  const labelX = number(plot.right + 8);
  lines.push(
    `  <text class="final-loss" font-size="${labelFontSize}" fill="${colors.text}"><tspan x="${labelX}" y="${number(labelTop + 11)}">final loss</tspan><tspan x="${labelX}" y="${number(labelTop + 11 + lineHeight)}" font-weight="bold">${escapeXml(formatLoss(last))}</tspan></text>`,
  );

  const centerX = number((plot.left + plot.right) / 2);
  lines.push(
    `  <text x="${number(width / 2)}" y="30" text-anchor="middle" font-size="18" font-weight="bold" fill="${colors.text}">${escapeXml(options.title)}</text>`,
  );
  if (options.subtitle) {
    lines.push(
      `  <text x="${number(width / 2)}" y="52" text-anchor="middle" font-size="13" fill="${colors.muted}">${escapeXml(options.subtitle)}</text>`,
    );
  }
  lines.push(
    `  <text x="${centerX}" y="${height - 18}" text-anchor="middle" font-size="14" fill="${colors.text}">iteration</text>`,
  );
  const yLabel = `${options.yLabel ?? 'loss'} (${axisLabel(axisKind)})`;
  const centerY = number((plot.top + plot.bottom) / 2);
  lines.push(
    `  <text x="22" y="${centerY}" text-anchor="middle" font-size="14" fill="${colors.text}" transform="rotate(-90 22 ${centerY})">${escapeXml(yLabel)}</text>`,
  );
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

/**
 * Ticks for iterations 0..`iterations`: whole, evenly spaced "nice" numbers, and always the last iteration; an
 * evenly spaced tick whose label would crowd the last one's is dropped.
 */
function iterationTicks(iterations: number, toX: (iteration: number) => number): Tick[] {
  const endLabel = formatCount(iterations);
  const gap = 12;
  const halfWidth = (label: string): number => estimateTextWidth(label, 12) / 2;
  const ticks = linearTicks(0, iterations, 7, 'within')
    .filter((tick) => Number.isInteger(tick.value) && tick.value >= 0 && tick.value < iterations)
    .filter((tick) => toX(iterations) - toX(tick.value) >= halfWidth(tick.label ?? '') + halfWidth(endLabel) + gap);
  return [...ticks, { value: iterations, label: endLabel }];
}

function axes(
  plot: { left: number; top: number; right: number; bottom: number },
  xTicks: readonly Tick[],
  yTicks: readonly Tick[],
  toX: (value: number) => number,
  toY: (value: number) => number,
): string[] {
  const lines = [`  <g class="axes" font-size="12" fill="${colors.text}">`];
  lines.push(
    `    <line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${colors.axis}" stroke-width="1.5"/>`,
  );
  lines.push(
    `    <line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="${colors.axis}" stroke-width="1.5"/>`,
  );
  for (const tick of xTicks) {
    const x = number(toX(tick.value));
    lines.push(`    <line x1="${x}" y1="${plot.bottom}" x2="${x}" y2="${plot.bottom + 6}" stroke="${colors.axis}"/>`);
    if (tick.label)
      lines.push(`    <text x="${x}" y="${plot.bottom + 20}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of yTicks) {
    const y = number(toY(tick.value));
    const length = tick.label ? 6 : 3;
    lines.push(`    <line x1="${plot.left - length}" y1="${y}" x2="${plot.left}" y2="${y}" stroke="${colors.axis}"/>`);
    if (tick.label)
      lines.push(
        `    <text x="${plot.left - 9}" y="${number(toY(tick.value) + 4)}" text-anchor="end">${escapeXml(tick.label)}</text>`,
      );
  }
  lines.push('  </g>');
  return lines;
}

/** Escapes the five XML special characters for text and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function number(value: number): string {
  return String(Math.round(value * 100) / 100);
}
