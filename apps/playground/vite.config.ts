import { defineConfig } from 'vite';

// Relative asset paths (base './'), so the built folder works from any static host and any sub-path.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  server: { host: '127.0.0.1' },
});
