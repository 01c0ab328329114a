// check:architecture: the rules of DESIGN.md that a linter does not know. Exits non-zero on a violation.
// 1. One gradient path: only the autograd engine reads isRecording(); an op, a layer or a loss never branches on it.
// 2. Every raw typed-array loop lives in @chainrule/tensor: autograd and nn make no Float32Array/Float64Array (file
//    I/O in nn/src/io aside).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// checkGrad perturbs one element at a time to take finite differences: a measuring instrument, not a kernel.
const mayMakeTypedArrays = new Set(['packages/autograd/src/check-grad.ts']);
const problems = [];

function* sources(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

for (const pkg of readdirSync(join(root, 'packages'))) {
  const src = join(root, 'packages', pkg, 'src');
  let files;
  try {
    files = [...sources(src)];
  } catch {
    continue;
  }
  for (const file of files) {
    const name = relative(root, file);
    const text = readFileSync(file, 'utf8');
    const inEngine = name.startsWith('packages/autograd/src/engine/') || name === 'packages/autograd/src/index.ts';
    if (!inEngine && /\bisRecording\b/.test(text)) {
      problems.push(`${name}: reads isRecording() outside autograd's engine (one gradient path, see DESIGN.md)`);
    }
    const inTensor = name.startsWith('packages/tensor/');
    const inIo = name.startsWith('packages/nn/src/io/');
    if (!inTensor && !inIo && !mayMakeTypedArrays.has(name) && /new Float(32|64)Array\b/.test(text)) {
      problems.push(`${name}: makes a typed array; raw loops and storage belong to @chainrule/tensor`);
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`FAIL ${problem}`);
  process.exit(1);
}
console.log('PASS only the autograd engine reads isRecording; no typed arrays are made outside tensor (and nn I/O)');
