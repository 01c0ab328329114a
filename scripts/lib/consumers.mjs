// The consumers that check:packages installs next to each packed package: an ES module, a CommonJS module
// and a TypeScript module (checked as .mts and .cts). Each JS consumer runs a small computation with a known
// answer and prints one JSON line; the ES and CommonJS outputs must match.
import { assertLossFell, exportReferenceNetwork, trainReferenceNetwork } from './reference-network.mjs';

// Compares by JSON text: exact for the small integers and float64 values used below.
const expectSource = `function expect(label, actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(label + ': got ' + a + ', expected ' + e);
}`;

const bodies = {
  tensor: `
const a = T.tensor([[1, 2], [3, 4]], { dtype: 'float64' });
const b = T.tensor([[5, 6], [7, 8]], { dtype: 'float64' });
const product = T.matmul(a, b);
expect('matmul', product.toArray(), [[19, 22], [43, 50]]);
expect('sum', T.sum(product).item(), 134);
expect('mean over axis 0', T.mean(product, 0).toArray(), [31, 36]);
expect('broadcast add', T.add(a, T.tensor([10, 100], { dtype: 'float64' })).toArray(), [[11, 102], [13, 104]]);
expect('transpose', T.transpose(a).toArray(), [[1, 3], [2, 4]]);
expect('zeros', T.zeros([2, 3]).toArray(), [[0, 0, 0], [0, 0, 0]]);
let error = null;
try { T.matmul(a, T.zeros([3, 2], { dtype: 'float64' })); } catch (caught) { error = caught; }
expect('ShapeError is a ChainruleError', [error instanceof T.ShapeError, error instanceof T.ChainruleError, error instanceof Error], [true, true, true]);
const draws = new T.Rng(7).uniform([4], 0, 1, { dtype: 'float64' }).toArray();
expect('Rng is reproducible', new T.Rng(7).uniform([4], 0, 1, { dtype: 'float64' }).toArray(), draws);
console.log(JSON.stringify({ product: product.toArray(), message: error.message, draws }));
`,
  autograd: `
// L = sum(a @ b): dL/da = ones @ b^T, dL/db = a^T @ ones.
const a = A.variable(T.tensor([[1, 2], [3, 4]], { dtype: 'float64' }));
const b = A.variable(T.tensor([[5, 6], [7, 8]], { dtype: 'float64' }));
const loss = A.sum(A.matmul(a, b));
loss.backward();
expect('loss', loss.item(), 134);
expect('dL/da', a.grad.value.toArray(), [[11, 15], [11, 15]]);
expect('dL/db', b.grad.value.toArray(), [[4, 4], [6, 6]]);
// d/dx sum(x^3) = 3 x^2.
const x = A.variable(T.tensor([1, -2, 3], { dtype: 'float64' }));
A.sum(A.mul(A.mul(x, x), x)).backward();
expect('d sum(x^3)/dx', x.grad.value.toArray(), [3, 12, 27]);
// sigmoid'(0) = 1/4.
const z = A.variable(T.tensor([0, 0], { dtype: 'float64' }));
A.sum(A.sigmoid(z)).backward();
expect("sigmoid'(0)", z.grad.value.toArray(), [0.25, 0.25]);
A.checkGrad((v) => A.sum(A.tanh(A.mul(v, v))), [T.tensor([[0.3, -0.7], [1.1, 0.2]], { dtype: 'float64' })]);
console.log(JSON.stringify({ da: a.grad.value.toArray(), db: b.grad.value.toArray(), dx: x.grad.value.toArray() }));
`,
  nn: `
const trainReferenceNetwork = ${trainReferenceNetwork.toString()};
const assertLossFell = ${assertLossFell.toString()};
const result = trainReferenceNetwork(T, A, N, { steps: 25, seed: 1 });
expect('parameters', result.parameterCount, 2);
assertLossFell(result);
console.log(JSON.stringify(result));
`,
  onnx: `
// The reference network, exported to ONNX with a dynamic batch axis; read back by field number.
const exportReferenceNetwork = ${exportReferenceNetwork.toString()};
const bytes = Uint8Array.from(exportReferenceNetwork(T, N, O, { seed: 1 }));
expect('Uint8Array', bytes instanceof Uint8Array, true);
expect('ir_version 8 (field 1)', [bytes[0], bytes[1]], [0x08, 8]);
const text = Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
for (const op of ['MatMul', 'Sigmoid', 'batch', 'layers.0.weight']) expect('mentions ' + op, text.includes(op), true);
const double = A.defineOp({ name: 'double', forward: ([v]) => T.mul(v, 2), backward: (grad) => [A.mul(grad, 2)] });
let error = null;
try { O.exportOnnx((x) => double(x), T.tensor([1, 2])); } catch (caught) { error = caught; }
expect('UnsupportedOpError', [error instanceof O.UnsupportedOpError, error instanceof O.OnnxExportError, error instanceof T.ChainruleError, error.op], [true, true, true, 'double']);
const lowered = O.exportOnnx((x) => double(x), T.tensor([1, 2]), { lowerings: { double: (node) => node.node('Add', [node.inputs[0], node.inputs[0]]) } });
let checksum = 0;
for (const byte of bytes) checksum = (checksum * 31 + byte) % 1000000007;
console.log(JSON.stringify({ bytes: bytes.length, checksum, lowered: lowered.length, ops: O.supportedOnnxOps().length }));
`,
};

const imports = {
  tensor: [['T', '@chainrule/tensor']],
  autograd: [
    ['T', '@chainrule/tensor'],
    ['A', '@chainrule/autograd'],
  ],
  nn: [
    ['T', '@chainrule/tensor'],
    ['A', '@chainrule/autograd'],
    ['N', '@chainrule/nn'],
  ],
  onnx: [
    ['T', '@chainrule/tensor'],
    ['A', '@chainrule/autograd'],
    ['N', '@chainrule/nn'],
    ['O', '@chainrule/onnx'],
  ],
};

/** The ES module consumer of package `shortName`. */
export function esmConsumer(shortName) {
  const lines = imports[shortName].map(([local, name]) => `import * as ${local} from '${name}';`);
  return `${lines.join('\n')}\n${expectSource}\n${bodies[shortName]}`;
}

/** The CommonJS consumer of package `shortName`. */
export function cjsConsumer(shortName) {
  const lines = imports[shortName].map(([local, name]) => `const ${local} = require('${name}');`);
  return `'use strict';\n${lines.join('\n')}\n${expectSource}\n${bodies[shortName]}`;
}

/**
 * The mixed consumer of package `shortName` (autograd, nn), for the dual-package hazard: an ES module that imports the
 * package (whose ESM build imports its dependencies' ESM builds) but gets its dependencies through `require`, so every
 * tensor (and, for nn, every Var) it hands over comes from the other, CommonJS, build. Same body, same output.
 */
export function dualConsumer(shortName) {
  const [own, ...dependencies] = imports[shortName].toReversed();
  const lines = [
    "import { createRequire } from 'node:module';",
    `import * as ${own[0]} from '${own[1]}';`,
    "import * as esmTensor from '@chainrule/tensor';",
    'const require = createRequire(import.meta.url);',
    ...dependencies.map(([local, name]) => `const ${local} = require('${name}');`),
  ];
  const twoBuilds = "expect('two builds of Tensor are loaded', T.Tensor !== esmTensor.Tensor, true);";
  // An error thrown by the ESM build must be recognized by the CommonJS build's classes (they share a brand).
  const crossErrors = `let crossError = null;
try { esmTensor.matmul(esmTensor.zeros([2, 3]), esmTensor.zeros([2, 3])); } catch (caught) { crossError = caught; }
expect('the other build\\'s ShapeError', [crossError instanceof T.ShapeError, crossError instanceof T.ChainruleError, crossError instanceof T.DTypeError], [true, true, false]);`;
  return `${lines.join('\n')}\n${expectSource}\n${twoBuilds}\n${crossErrors}\n${bodies[shortName]}`;
}

// TypeScript consumers: typed uses of each public API, plus `@ts-expect-error` lines that only compile
// if the shipped declarations are real types (an `any` would make them unused, which is an error).
const typescriptBodies = {
  tensor: `import * as T from '@chainrule/tensor';

const a: T.Tensor = T.tensor([[1, 2], [3, 4]], { dtype: 'float64' });
const product: T.Tensor = T.matmul(a, T.transpose(a));
const total: number = T.sum(product).item();
const shape: T.Shape = product.shape;
const dtype: T.DType = product.dtype;
const storage: T.TypedArray = product.data;
const nested: T.NestedArray = product.toArray();
const draws: T.Tensor = new T.Rng(1).normal([2, 2]);
function describe(error: unknown): string {
  return error instanceof T.ShapeError ? error.message : error instanceof T.ChainruleError ? error.name : 'other';
}
// @ts-expect-error: 'int8' is not a DType
T.zeros([2], { dtype: 'int8' });
// @ts-expect-error: matmul takes tensors
T.matmul('a', a);
export const results = [total, shape, dtype, storage, nested, draws, describe] as const;
`,
  autograd: `import * as T from '@chainrule/tensor';
import * as A from '@chainrule/autograd';

const a: A.Var = A.variable(T.tensor([[1, 2], [3, 4]], { dtype: 'float64' }));
const b: A.Var = A.constant(T.ones([2, 2], { dtype: 'float64' }));
const loss: A.Var = A.sum(A.mul(A.matmul(a, b), 2));
loss.backward();
const gradient: T.Tensor | undefined = a.grad?.value;
const value: number = loss.item();
const shape: T.Shape = a.shape;
const untracked: A.Var = A.noGrad(() => A.sigmoid(a));
function asChainruleError(error: unknown): T.ChainruleError | null {
  return error instanceof A.GraphError ? error : null;
}
// @ts-expect-error: sum needs a Var, Tensor or number
A.sum('loss');
// @ts-expect-error: a Var's value is a Tensor, not a number
const wrong: number = a.value;
export const results = [gradient, value, shape, untracked, asChainruleError, wrong] as const;
`,
  nn: `import * as T from '@chainrule/tensor';
import * as A from '@chainrule/autograd';
import * as N from '@chainrule/nn';

const dtype: T.DType = 'float64';
const x: A.Var = A.constant(T.tensor([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], { dtype }));
const y: A.Var = A.constant(T.tensor([[0], [1], [1], [0]], { dtype }));
const rng = new T.Rng(1);
const model: N.Module = new N.Sequential(
  new N.Dense(3, 4, { bias: false, init: N.uniform(0, 1), rng, dtype }),
  new N.Sigmoid(),
  new N.Dense(4, 1, { bias: false, init: N.uniform(0, 1), rng, dtype }),
  new N.Sigmoid(),
);
const parameters: N.Parameter[] = model.parameters();
const firstAsVar: A.Var | undefined = parameters[0];
const optimizer = new N.SGD(parameters, { lr: 1 });
optimizer.zeroGrad();
const loss: A.Var = N.sse(model.forward(x), y);
loss.backward();
optimizer.step();
const weights: Record<string, T.Tensor> = model.stateDict();
// @ts-expect-error: the learning rate is a number
new N.SGD(parameters, { lr: 'fast' });
// @ts-expect-error: Dense needs its feature counts
new N.Dense();
const torchWeights: Record<string, T.Tensor> = N.toTorchStateDict(model);
N.loadTorchStateDict(model, torchWeights, { strict: true });
export const results = [firstAsVar, weights] as const;
`,
  onnx: `import * as T from '@chainrule/tensor';
import * as A from '@chainrule/autograd';
import * as N from '@chainrule/nn';
import * as O from '@chainrule/onnx';

const rng = new T.Rng(1);
const model: N.Module = new N.Sequential(new N.Dense(3, 4, { rng }), new N.Sigmoid());
const options: O.ExportOnnxOptions = {
  inputNames: ['features'],
  dynamicBatch: true,
  lowerings: {
    softplus: (node: O.OnnxLoweringContext) => node.node('Softplus', node.inputs),
    scale: (node: O.OnnxLoweringContext<{ factor: number }>) =>
      node.node('Mul', [node.inputs[0]!, node.constant(T.scalar(node.attrs.factor))]),
  },
};
const exportIt = (): Uint8Array => O.exportOnnx(model, T.zeros([2, 3]), options);
const fromFunction = (): Uint8Array => O.exportOnnx((x: A.Var) => [A.exp(x), x], [T.zeros([1])]);
function opOf(error: unknown): string | null {
  return error instanceof O.UnsupportedOpError ? error.op : error instanceof O.OnnxExportError ? error.message : null;
}
const attribute: O.OnnxAttribute = { ints: [0, 1] };
// @ts-expect-error: dynamicBatch is a boolean
O.exportOnnx(model, T.zeros([2, 3]), { dynamicBatch: 'yes' });
// @ts-expect-error: a lowering returns the value holding the result
const bad: O.OnnxLowering = () => 3;
export const results = [exportIt, fromFunction, opOf, attribute, bad] as const;
`,
};

/** The TypeScript consumer source of package `shortName` (the same text is checked as .mts and as .cts). */
export function typescriptConsumer(shortName) {
  return typescriptBodies[shortName];
}

/** tsconfig for the TypeScript consumers: NodeNext, strict, and the shipped declarations checked too. */
export const consumerTsconfig = {
  compilerOptions: {
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2022'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  files: ['consumer.mts', 'consumer.cts'],
};
