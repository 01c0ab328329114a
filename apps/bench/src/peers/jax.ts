import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defaultDevice, init } from '@jax-js/jax';
import type { Implementation, Job } from '../harness/types';

export * as jax from '@jax-js/jax';

// NOTE: jax-js 0.1.25 tests `data instanceof Float16Array` before it accepts a Float64Array, and Node 20 has no
// Float16Array global (Node 24 has), so every float64 array fails with a ReferenceError. An empty class under that
// name makes the test answer false, as it would on a newer engine; nothing here creates float16 data.
const globals = globalThis as { Float16Array?: unknown };
globals.Float16Array ??= class Float16Array {};

let initialized: Promise<void> | undefined;

/**
 * Starts jax-js's WebAssembly device once and makes it the default. In Node there is no global `Worker`, so its
 * kernels run on one thread, as chainrule's and TF.js's do here.
 */
export function initJax(): Promise<void> {
  initialized ??= (async () => {
    const devices = await init('wasm');
    if (!devices.includes('wasm')) throw new Error(`jax-js: the wasm device did not start (got ${devices.join(', ')})`);
    defaultDevice('wasm');
  })();
  return initialized;
}

/** The installed jax-js version (for the README's machine notes). */
export function jaxVersion(): string {
  // Its `exports` map does not export package.json: read it beside the resolved entry (dist/index.cjs).
  const entry = createRequire(import.meta.url).resolve('@jax-js/jax');
  return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** A jax-js implementation on the wasm device: `build` runs after the device started and returns the job to time. */
export function jaxImplementation(name: string, build: () => Job, slow?: Implementation['slow']): Implementation {
  return {
    name,
    kind: 'peer',
    prepare: async () => {
      await initJax();
      return build();
    },
    ...(slow ? { slow } : {}),
  };
}
