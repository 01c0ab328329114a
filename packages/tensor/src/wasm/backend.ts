import { ValueError } from '../errors';
import { wasmKernels } from './instance';

/**
 * Which kernels run large products: `'auto'` (the default) uses WebAssembly SIMD where the engine has it and the
 * product is large enough to gain from it, `'js'` never uses WebAssembly, `'wasm'` uses it for every product it can
 * hold (small ones too; mainly for tests and benchmarks).
 */
export type Backend = 'auto' | 'js' | 'wasm';

let backend: Backend = 'auto';

/**
 * Chooses the kernels behind `matmul` for the whole program: `'auto'` (default), `'js'` or `'wasm'` (see `Backend`).
 * `'js'` turns WebAssembly off, e.g. where a Content-Security-Policy forbids compiling it or to compare results;
 * the choice changes speed and, for float32 products, rounding (see `matmul`), never shapes or dtypes.
 *
 * @throws ValueError for an unknown backend, or `'wasm'` where this engine cannot run WebAssembly SIMD128.
 */
export function setBackend(choice: Backend): void {
  if (choice !== 'auto' && choice !== 'js' && choice !== 'wasm') {
    throw new ValueError(
      `setBackend: unknown backend ${typeof choice === 'string' ? `'${choice}'` : String(choice)}; expected 'auto', 'js' or 'wasm'`,
    );
  }
  if (choice === 'wasm' && wasmKernels() === null) {
    throw new ValueError(
      "setBackend: 'wasm' needs WebAssembly with SIMD128 and bulk memory, which this engine does not provide (or does not allow compiling); expected 'auto' or 'js' here",
    );
  }
  backend = choice;
}

/** The backend chosen with `setBackend` (`'auto'` unless changed). */
export function getBackend(): Backend {
  return backend;
}
