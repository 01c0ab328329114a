import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Implementation, Job } from '../harness/types';

export { tf };

/** The TF.js backends compared here (TF.js computes in float32 only). */
export type TfBackend = 'cpu' | 'wasm';

let initialized: Promise<void> | undefined;

/**
 * Registers and initializes both TF.js backends once: the WebAssembly binaries are read from the
 * installed package's dist folder; production mode skips TF.js's debug checks (and its Node banner).
 */
export function initTfjs(): Promise<void> {
  initialized ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPackage = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    setWasmPaths(`${join(dirname(wasmPackage), 'dist')}/`);
    tf.enableProdMode();
    for (const backend of ['wasm', 'cpu'] as const) {
      if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialize`);
    }
  })();
  return initialized;
}

/** Makes `backend` the active TF.js backend. */
export async function useBackend(backend: TfBackend): Promise<void> {
  await initTfjs();
  if (tf.getBackend() !== backend) await tf.setBackend(backend);
}

/** A TF.js implementation: `build` runs with `backend` active and returns the job to time. */
export function tfjsImplementation(backend: TfBackend, build: () => Job): Implementation {
  return {
    name: `TF.js ${backend}`,
    kind: 'peer',
    prepare: async () => {
      await useBackend(backend);
      return build();
    },
  };
}

/** Whether the WebAssembly backend found SIMD support (for the README's machine notes). */
export function wasmFeatures(): { simd: boolean; threads: boolean } {
  return { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') };
}
