import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatLoss } from '../../src/render/format';
import { createProgress, progressLayout, type ProgressStream } from '../../src/render/progress';

function captureStream(isTTY: boolean, columns = 80): { stream: ProgressStream; text: () => string } {
  const chunks: string[] = [];
  const stream: ProgressStream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  stream.isTTY = isTTY;
  stream.columns = columns;
  return { stream, text: () => chunks.join('') };
}

function run(isTTY: boolean, total: number): string {
  const { stream, text } = captureStream(isTTY);
  const progress = createProgress(total, stream);
  for (let iteration = 1; iteration <= total; iteration++) progress.update(iteration, 1 / iteration);
  progress.stop();
  return text();
}

describe('createProgress', () => {
  it('prints ten plain lines, one per tenth of the run, when not on a terminal', () => {
    const lines = run(false, 1500).trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('iteration   150/1,500  loss 0.006667');
    expect(lines[9]).toBe('iteration 1,500/1,500  final loss 6.667e-4');
  });

  it('prints every iteration of a run shorter than ten', () => {
    expect(
      run(false, 3)
        .trimEnd()
        .split('\n')
        .map((line) => line.split('  ')[0]),
    ).toEqual(['iteration 1/3', 'iteration 2/3', 'iteration 3/3']);
  });

  it('draws a bar in place on a terminal, ending full, within the width, without switching line wrapping off', () => {
    const output = run(true, 1500);
    const finalFrame = output.split('\u001b[1G').at(-1)!; // each redraw starts by moving to column 1
    expect(finalFrame).toContain('100% | 1,500/1,500 iterations | final loss 6.667e-4');
    expect(finalFrame).toContain('█'.repeat(10));
    const visible = finalFrame.split('\u001b')[0]!;
    expect([...visible].length).toBeLessThanOrEqual(80);
    expect(output).not.toContain('\u001b[?7l');
    expect(output.endsWith('\n')).toBe(true);
  });
});

/** The frames a terminal bar drew (each redraw starts at column 1), as the visible text of each. */
function frames(output: string): string[] {
  return output
    .split('\u001b[1G')
    .slice(1)
    .map((frame) => frame.split('\u001b')[0]!.replace(/\n$/, ''));
}

describe('the progress bar on narrow terminals', () => {
  const totals = [1, 9, 1500, 30_234, 1_000_000];
  const widths = [40, 41, 45, 50, 60, 70, 80, 100, 132];
  it.each(totals)('keeps the loss visible, on one line, at every width (%i iterations)', (total) => {
    for (const columns of widths) {
      const { stream, text } = captureStream(true, columns);
      const progress = createProgress(total, stream);
      const shown = [...new Set([1, Math.ceil(total / 3), total])];
      for (const iteration of shown) progress.update(iteration, 1 / (iteration + 0.5) ** 2);
      progress.stop();
      const drawn = frames(text());
      expect(drawn.length).toBeGreaterThan(0);
      for (const frame of drawn) {
        expect([...frame].length, `${columns} columns: ${frame}`).toBeLessThanOrEqual(columns - 1);
        expect(frame).toMatch(/loss (…|\d[\d,.e-]*)$/);
      }
      expect(drawn.at(-1)).toContain(`final loss ${formatLoss(1 / (total + 0.5) ** 2)}`);
      expect(drawn.at(-1)).not.toContain('░'); // a full bar (or 100% where there is no room for one)
      expect(drawn.at(-1)).toMatch(/█ |100%/);
    }
  });

  it('shows counts with thousands separators, and more of the line as the terminal widens', () => {
    expect(progressLayout(30_234, 132).format).toContain('{iteration}/30,234 iterations');
    expect(progressLayout(1500, 40).format).not.toContain('Training');
    expect(progressLayout(1500, 40).barSize).toBeGreaterThanOrEqual(10);
    const { stream, text } = captureStream(true, 132);
    const progress = createProgress(30_234, stream);
    progress.update(30_234, 0.5);
    progress.stop();
    expect(frames(text()).at(-1)).toContain('30,234/30,234 iterations | final loss 0.5000');
  });
});
