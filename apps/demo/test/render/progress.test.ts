import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress, type ProgressStream } from '../../src/render/progress';

function captureStream(isTTY: boolean): { stream: ProgressStream; text: () => string } {
  const chunks: string[] = [];
  const stream: ProgressStream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  stream.isTTY = isTTY;
  stream.columns = 80;
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
    expect(lines[9]).toBe('iteration 1,500/1,500  loss 6.667e-4');
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
    expect(finalFrame).toContain('100% | 1500/1500 iterations | loss 6.667e-4');
    expect(finalFrame).toContain('█'.repeat(10));
    const visible = finalFrame.split('\u001b')[0]!;
    expect([...visible].length).toBeLessThanOrEqual(80);
    expect(output).not.toContain('\u001b[?7l');
    expect(output.endsWith('\n')).toBe(true);
  });
});
