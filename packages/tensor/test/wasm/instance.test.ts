import { describe, expect, it } from 'vitest';

// The specifiers are variables so that type-checking needs no Node typings (the package itself never imports Node).
const childProcessModule: string = 'node:child_process';
const urlModule: string = 'node:url';
const { spawnSync } = (await import(childProcessModule)) as {
  spawnSync: (
    command: string,
    args: string[],
    options: { encoding: 'utf8' },
  ) => { status: number | null; stdout: string; stderr: string };
};
const { fileURLToPath } = (await import(urlModule)) as { fileURLToPath: (url: string) => string };
const nodePath = (globalThis as unknown as { process: { execPath: string } }).process.execPath;
const testUrl = (import.meta as unknown as { url: string }).url;
const fixture = fileURLToPath(testUrl.replace(/[^/]*$/, 'fixtures/which-kernel.mjs'));

interface Report {
  auto: Record<string, string>;
  forced: Record<string, string>;
  setBackend: string;
}

/** Runs the fixture in a fresh Node process (with `flags`), where WebAssembly is broken as `mode` says. */
function run(mode: string, sizes: number[], flags: string[] = []): Report {
  const child = spawnSync(nodePath, [...flags, fixture, mode, ...sizes.map(String)], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout) as Report;
}

describe('WebAssembly kernels: availability and memory', () => {
  it('run large products in WebAssembly and small ones in JS when the engine has SIMD128', () => {
    expect(run('intact', [8, 64])).toEqual({
      auto: { 8: 'js', 64: 'wasm' },
      forced: { 8: 'wasm', 64: 'wasm' },
      setBackend: 'accepted',
    });
  });

  it('fall back to JS without an error where WebAssembly is missing or lacks SIMD128', () => {
    for (const mode of ['no-webassembly', 'no-simd']) {
      const report = run(mode, [8, 64]);
      expect(report.auto).toEqual({ 8: 'js', 64: 'js' });
      expect(report.setBackend).toBe(
        "ValueError: setBackend: 'wasm' needs WebAssembly with SIMD128 and bulk memory, which this engine does not provide (or does not allow compiling); expected 'auto' or 'js' here",
      );
    }
  });

  it('fall back to JS without an error for a product larger than WebAssembly memory can grow to', () => {
    // --wasm-max-mem-pages=16 caps every WebAssembly memory at 1 MiB: a 64x64 product fits (0.1 MiB with its
    // packing buffers), a 320x320 one (1.6 MiB) does not, even with 'wasm' forced.
    expect(run('intact', [64, 320], ['--wasm-max-mem-pages=16'])).toEqual({
      auto: { 64: 'wasm', 320: 'js' },
      forced: { 64: 'wasm', 320: 'js' },
      setBackend: 'accepted',
    });
  });
});
