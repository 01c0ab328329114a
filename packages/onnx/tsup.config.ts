import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  // No keepNames: its top-level `__name(fn, "fn")` calls keep every function alive in a user's bundle
  // (tree-shaking stops working; scripts/check-size.mjs measures it). Classes that refer to themselves
  // (Var, Module) may show as `_Var`/`_Module` in constructor.name; nothing relies on that.
});
