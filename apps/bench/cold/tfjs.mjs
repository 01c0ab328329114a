// Cold start, TensorFlow.js: imports the union package (and the WebAssembly backend for `wasm`), trains the
// reference network in float32 with tf.train.sgd, prints the predictions.
// Usage: node tfjs.mjs cpu|wasm '<problem JSON>'
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const [backend, problemJson] = process.argv.slice(2);
const problem = JSON.parse(problemJson);
tf.enableProdMode();
if (backend === 'wasm') {
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  const wasmPackage = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json');
  setWasmPaths(`${join(dirname(wasmPackage), 'dist')}/`);
}
if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialize`);

const { samples, inputSize, hiddenSize } = problem;
const inputs = tf.tensor2d(problem.inputs, [samples, inputSize]);
const targets = tf.tensor2d(problem.targets, [samples, 1]);
const first = tf.variable(tf.tensor2d(problem.firstWeights, [inputSize, hiddenSize]));
const second = tf.variable(tf.tensor2d(problem.secondWeights, [hiddenSize, 1]));
const optimizer = tf.train.sgd(problem.learningRate);
const predict = () => tf.sigmoid(tf.matMul(tf.sigmoid(tf.matMul(inputs, first)), second));
for (let iteration = 0; iteration < problem.iterations; iteration++) {
  optimizer.minimize(() => tf.sum(tf.square(tf.sub(targets, predict()))));
}
console.log(JSON.stringify([...tf.tidy(predict).dataSync()]));
