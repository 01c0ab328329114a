import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  // Keep class names (Var, Module, ShapeError...) readable in messages and stack traces after bundling.
  keepNames: true,
});
