import { defineConfig } from 'tsup';
import { watPlugin } from './build/wat.mjs';

export default defineConfig({
  entry: ['src/index.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  // The WebAssembly kernels (src/wasm/*.wat) are compiled here and embedded in the bundle as base64.
  esbuildPlugins: [watPlugin],
  // No keepNames: its top-level `__name(fn, "fn")` calls keep every function alive in a user's bundle
  // (tree-shaking stops working; scripts/check-size.mjs measures it). Classes that refer to themselves
  // (Var, Module) may show as `_Var`/`_Module` in constructor.name; nothing relies on that.
});
