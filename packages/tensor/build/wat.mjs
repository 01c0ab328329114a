// Compiles the WebAssembly text kernels (src/wasm/*.wat) at build time with wabt, for tsup's esbuild (watPlugin) and
// for the tests, which read the sources through Vite (watVitePlugin): an import of a `.wat` file becomes a module whose
// default export is the compiled bytes in base64, so the package's JavaScript carries its WebAssembly with it (no file
// to fetch, no bundler plugin for its users).
import { readFile } from 'node:fs/promises';
import wabtFactory from 'wabt';

const FEATURES = { simd: true, bulk_memory: true };

let wabt;

/** The binary module compiled from the WebAssembly text file at `path`; throws with wabt's message on an error. */
export async function compileWat(path) {
  wabt ??= await wabtFactory();
  const module = wabt.parseWat(path, await readFile(path, 'utf8'), FEATURES);
  try {
    module.validate();
    const bytes = module.toBinary({ log: false }).buffer;
    // Node's own engine must accept it too (the same check a browser makes before compiling).
    if (!WebAssembly.validate(bytes)) throw new Error(`${path}: compiled, but WebAssembly.validate rejects it`);
    return bytes;
  } finally {
    module.destroy();
  }
}

/** The module text an import of the `.wat` file at `path` becomes. */
async function watModule(path) {
  return `export default ${JSON.stringify(Buffer.from(await compileWat(path)).toString('base64'))};`;
}

/** Vite (vitest) plugin: `import bytes from './x.wat'` gives the compiled module as a base64 string. */
export const watVitePlugin = {
  name: 'wat',
  enforce: 'pre',
  async load(id) {
    return id.endsWith('.wat') ? watModule(id) : null;
  },
};

/** esbuild plugin: `import bytes from './x.wat'` gives the compiled module as a base64 string. */
export const watPlugin = {
  name: 'wat',
  setup(build) {
    build.onLoad({ filter: /\.wat$/ }, async (args) => {
      return { contents: await watModule(args.path), loader: 'js', watchFiles: [args.path] };
    });
  },
};
