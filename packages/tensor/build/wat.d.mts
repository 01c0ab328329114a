/** The binary module compiled from the WebAssembly text file at `path` (throws with wabt's message on an error). */
export function compileWat(path: string): Promise<Uint8Array>;

/** esbuild plugin (tsup's `esbuildPlugins`): `import bytes from './x.wat'` gives the compiled module in base64. */
export const watPlugin: { name: string; setup(build: unknown): void };

/** Vite plugin (the tests' configs): `import bytes from './x.wat'` gives the compiled module in base64. */
export const watVitePlugin: { name: string; enforce: 'pre'; load(id: string): Promise<string | null> };
