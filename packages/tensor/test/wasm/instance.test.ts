import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watPlugin } from '../../build/wat.mjs';

// Each case runs in a fresh Node process, so that WebAssembly can be broken or limited (a V8 flag) before the package
// loads. The child gets the package's sources bundled by esbuild, as the build does, so it tests src as the other
// tests do, not a dist that may be stale.
// The specifiers are variables so that type-checking needs no Node typings (the package itself never imports Node).
const modules = {
  childProcess: 'node:child_process',
  fs: 'node:fs',
  os: 'node:os',
  path: 'node:path',
  url: 'node:url',
};
const { spawnSync } = (await import(modules.childProcess)) as {
  spawnSync: (
    command: string,
    args: string[],
    options: { encoding: 'utf8' },
  ) => { status: number | null; stdout: string; stderr: string };
};
const { mkdtempSync, rmSync } = (await import(modules.fs)) as {
  mkdtempSync: (prefix: string) => string;
  rmSync: (path: string, options: { recursive: boolean; force: boolean }) => void;
};
const { tmpdir } = (await import(modules.os)) as { tmpdir: () => string };
const { join } = (await import(modules.path)) as { join: (...parts: string[]) => string };
const { fileURLToPath } = (await import(modules.url)) as { fileURLToPath: (url: string) => string };
const esbuildModule: string = 'esbuild';
const { build } = (await import(esbuildModule)) as {
  build: (options: Record<string, unknown>) => Promise<unknown>;
};
const nodePath = (globalThis as unknown as { process: { execPath: string } }).process.execPath;
const here = (import.meta as unknown as { url: string }).url;
const fixture = fileURLToPath(here.replace(/[^/]*$/, 'fixtures/which-kernel.mjs'));
const sources = fileURLToPath(here.replace(/test\/wasm\/[^/]*$/, 'src/index.ts'));

let work = '';
let bundle = '';
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'chainrule-wasm-'));
  bundle = join(work, 'tensor.mjs');
  await build({
    entryPoints: [sources],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    outfile: bundle,
    plugins: [watPlugin],
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Report {
  auto: Record<string, string>;
  forced: Record<string, string>;
  setBackend: string;
}

/** Runs the fixture in a fresh Node process (with `flags`), where WebAssembly is broken as `mode` says. */
function run(mode: string, sizes: number[], flags: string[] = []): Report {
  const child = spawnSync(nodePath, [...flags, fixture, bundle, mode, ...sizes.map(String)], { encoding: 'utf8' });
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
