import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const root = new URL('../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const example = readFileSync(new URL('packages/onnx/test/scale-path/example.ts', root), 'utf8');

describe("the root README's scale path", () => {
  it('shows the example this test runs, verbatim', () => {
    const section = readme.slice(readme.indexOf('## Scale path'));
    const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBe(example);
  });

  it('runs: ONNX Runtime and a model loaded from PyTorch-layout weights give the trained predictions', async () => {
    const logged: [string, ArrayLike<number>][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((label: string, values: ArrayLike<number>) => {
      logged.push([label, values]);
    });
    try {
      await import('./scale-path/example');
    } finally {
      log.mockRestore();
    }
    expect(logged.map(([label]) => label)).toEqual(['ONNX Runtime', 'chainrule']);
    const [fromOnnx, fromCopy] = logged.map(([, values]) => Array.from(values));
    [0, 1, 1, 0].forEach((target, i) => {
      expect(Math.abs(fromOnnx![i]! - target)).toBeLessThan(0.03); // the tutorial ends within about 0.03
      expect(Math.abs(fromOnnx![i]! - fromCopy![i]!)).toBeLessThanOrEqual(1e-12);
    });
  });
});
