import { fileURLToPath } from 'node:url';
import { watVitePlugin } from './packages/tensor/build/wat.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Tests import the packages by name and get their sources, so a change is tested without a rebuild (the built
 * packages are tested by check:packages and check:browser). Mirrors the `paths` of tsconfig.source.json.
 */
export const sourceAliases = [
  { find: /^@chainrule\/tensor\/internal$/, replacement: `${root}packages/tensor/src/internal.ts` },
  { find: /^@chainrule\/(tensor|autograd|nn|onnx)$/, replacement: `${root}packages/$1/src/index.ts` },
];

/** What reading the sources needs beyond aliases: tensor's WebAssembly kernels are compiled from their text. */
export const sourcePlugins = [watVitePlugin];
