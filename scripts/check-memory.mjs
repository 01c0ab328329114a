// check:memory: 100,000 training steps of the reference network (Dense(3,4) -> sigmoid -> Dense(4,1) -> sigmoid,
// sum of squared errors, SGD at learning rate 1) in one process keep the heap flat: after a forced GC it grows by
// less than HEAP_BUDGET_MB over the run, and graphs of earlier steps are collected (weak references to a step's
// loss and to an interior node are cleared). Nothing calls dispose: this proves graphs and saved tensors are
// released by the garbage collector alone. Then 2,000 products in WebAssembly keep its memory flat, and a product
// larger than the WebAssembly memory kept between products gives it back. Then 100,000 steps of the reference network
// through `compile`: the replayed steps allocate nothing, counted (no young-generation collection at all, and the heap
// before and after the run differ by less than ZERO_ALLOCATION_BYTES in all). Needs `node --expose-gc` (re-executes itself with it when missing)
// and built packages (`pnpm build`). Prints one line, PASS or FAIL, and exits non-zero on failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const STEPS = 100_000;
const WARMUP_STEPS = 2_000;
const SAMPLES = 10;
const HEAP_BUDGET_MB = 2;
/** Bytes the heap may gain over all the compiled steps without a collection (timers, the observer's own bookkeeping). */
const ZERO_ALLOCATION_BYTES = 64 * 1024;
const MB = 1024 * 1024;

if (typeof globalThis.gc !== 'function') {
  const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const root = new URL('../', import.meta.url);
const entries = ['tensor', 'autograd', 'nn'].map((name) => new URL(`packages/${name}/dist/index.js`, root));
const missing = entries.filter((entry) => !existsSync(entry));
if (missing.length > 0) {
  console.log(
    `check:memory FAIL: ${missing.map((entry) => fileURLToPath(entry)).join(', ')} missing; run \`pnpm build\` first`,
  );
  process.exit(1);
}
const [T, A, N] = await Promise.all(entries.map((entry) => import(entry.href)));

/** A macrotask boundary: weak references can only be cleared after the job that last touched their target ends. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function heapAfterGc() {
  await tick();
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const x = A.constant(
  T.tensor(
    [
      [0, 0, 1],
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 1],
    ],
    { dtype: 'float64' },
  ),
);
const y = A.constant(T.tensor([[0], [1], [1], [0]], { dtype: 'float64' }));
const rng = new T.Rng(1);
const model = new N.Sequential(
  new N.Dense(3, 4, { bias: false, init: N.uniform(0, 1), rng, dtype: 'float64' }),
  new N.Sigmoid(),
  new N.Dense(4, 1, { bias: false, init: N.uniform(0, 1), rng, dtype: 'float64' }),
  new N.Sigmoid(),
);
const optimizer = new N.SGD(model.parameters(), { lr: 1 });

/** One training step; returns the loss Var (its graph is released by backward, and dropped with it). */
function step() {
  optimizer.zeroGrad();
  const loss = N.sse(model.forward(x), y);
  loss.backward();
  optimizer.step();
  return loss;
}

const started = performance.now();
let firstLoss = Number.NaN;
for (let i = 0; i < WARMUP_STEPS; i++) {
  const loss = step();
  if (i === 0) firstLoss = loss.item();
}
/** Weak references to one step's loss and to an interior node of its graph; no strong reference survives the call. */
function watchOneStep() {
  const loss = step();
  return [new WeakRef(loss), new WeakRef(loss.parents[0])];
}
const [weakLoss, weakInterior] = watchOneStep();

const baseline = await heapAfterGc();
const samples = [];
let lastLoss = Number.NaN;
for (let sample = 0; sample < SAMPLES; sample++) {
  for (let i = 0; i < STEPS / SAMPLES; i++) lastLoss = step().item();
  samples.push(await heapAfterGc());
}
const seconds = (performance.now() - started) / 1000;
const collected = weakLoss.deref() === undefined && weakInterior.deref() === undefined;

// The WebAssembly kernels: WASM_PRODUCTS float32 products of 256x256 matrices (they run in WebAssembly) leave the
// off-heap memory (`external`: ArrayBuffers and WebAssembly memories) where it was after the first ones, and one product
// whose operands need more than the 64 MiB of WebAssembly memory kept between products gives that memory back.
const WASM_PRODUCTS = 2_000;
async function externalAfterGc() {
  await tick();
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().external;
}
const wasmStarted = performance.now();
const wasmRng = new T.Rng(2);
const left = wasmRng.uniform([256, 256], -1, 1);
const right = wasmRng.uniform([256, 256], -1, 1);
for (let i = 0; i < 20; i++) T.matmul(left, right);
const externalBaseline = await externalAfterGc();
for (let i = 0; i < WASM_PRODUCTS; i++) T.matmul(left, right);
const externalAfterProducts = await externalAfterGc();
/** 2400x2400 float32: 66 MiB of operands and result in WebAssembly memory (in a function, so nothing outlives it). */
function largeProduct() {
  const big = wasmRng.uniform([2400, 2400], -1, 1);
  return T.matmul(big, big).size;
}
largeProduct();
const externalAfterLarge = await externalAfterGc();
T.matmul(left, right);
const externalAfterAll = await externalAfterGc();
const wasmSeconds = (performance.now() - wasmStarted) / 1000;
const productsGrowth = (externalAfterProducts - externalBaseline) / MB;
const largeGrowth = (externalAfterAll - externalBaseline) / MB;
const growth = (samples[samples.length - 1] - baseline) / MB;
const peak = (Math.max(...samples) - baseline) / MB;

const failures = [];
if (!(growth < HEAP_BUDGET_MB))
  failures.push(`heap grew by ${growth.toFixed(2)} MB after GC (budget ${HEAP_BUDGET_MB} MB)`);
if (!(peak < HEAP_BUDGET_MB))
  failures.push(`heap peaked ${peak.toFixed(2)} MB above the baseline after GC (budget ${HEAP_BUDGET_MB} MB)`);
if (!collected) failures.push('the graph of an early step was not collected');
if (!(productsGrowth < HEAP_BUDGET_MB))
  failures.push(`off-heap memory grew by ${productsGrowth.toFixed(2)} MB over ${WASM_PRODUCTS} WebAssembly products`);
if (!(largeGrowth < HEAP_BUDGET_MB))
  failures.push(`off-heap memory stayed ${largeGrowth.toFixed(2)} MB up after a product larger than the memory kept`);
if (!Number.isFinite(lastLoss) || !(lastLoss < firstLoss))
  failures.push(`the network did not train (loss ${firstLoss} -> ${lastLoss})`);

// The compiled step: after its traces, each call replays kernels into the same buffers and allocates nothing.
const compiledModel = new N.Sequential(
  new N.Dense(3, 4, { bias: false, init: N.uniform(0, 1), rng: new T.Rng(1), dtype: 'float64' }),
  new N.Sigmoid(),
  new N.Dense(4, 1, { bias: false, init: N.uniform(0, 1), rng: new T.Rng(2), dtype: 'float64' }),
  new N.Sigmoid(),
);
const compiledOptimizer = new N.SGD(compiledModel.parameters(), { lr: 1 });
const compiledStep = A.compile((inputs, targets) => {
  compiledOptimizer.zeroGrad();
  const loss = N.sse(compiledModel.forward(A.constant(inputs)), A.constant(targets));
  loss.backward();
  compiledOptimizer.step();
  return loss.value;
});
const xs = x.value;
const ys = y.value;
// Long enough for V8 to optimize the compiled function (its first, interpreted calls materialize `arguments`).
for (let i = 0; i < 20 * WARMUP_STEPS; i++) compiledStep(xs, ys);
const { PerformanceObserver } = await import('node:perf_hooks');
// Collections are reported asynchronously: count those that started inside the timed loop (not the forced ones).
const collectionStarts = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collectionStarts.push(entry.startTime);
});
observer.observe({ entryTypes: ['gc'] });
await heapAfterGc();
const compiledStart = process.memoryUsage().heapUsed;
const compiledStarted = performance.now();
for (let i = 0; i < STEPS; i++) compiledStep(xs, ys);
const compiledEnded = performance.now();
const compiledSeconds = (compiledEnded - compiledStarted) / 1000;
const compiledBytes = process.memoryUsage().heapUsed - compiledStart;
await tick();
await tick();
observer.disconnect();
const collections = collectionStarts.filter((start) => start >= compiledStarted && start <= compiledEnded).length;
const compiledLoss = compiledStep(xs, ys).item();
if (collections > 0 || compiledBytes >= ZERO_ALLOCATION_BYTES) {
  failures.push(
    `compiled steps allocated: ${collections} collections and ${compiledBytes} bytes over ${STEPS} replays (expected none)`,
  );
}
if (!(compiledLoss < 0.01)) failures.push(`the compiled network did not train (loss ${compiledLoss})`);

const signed = (megabytes) => `${megabytes >= 0 ? '+' : ''}${megabytes.toFixed(2)} MB`;
const detail =
  `${STEPS} steps in ${seconds.toFixed(1)} s, heap ${signed(growth)} after GC (peak ${signed(peak)}, budget ${HEAP_BUDGET_MB} MB, baseline ${(baseline / MB).toFixed(1)} MB), early graph ${collected ? 'collected' : 'still alive'}, loss ${firstLoss.toFixed(4)} -> ${lastLoss.toFixed(6)}; ` +
  `${WASM_PRODUCTS} WebAssembly products in ${wasmSeconds.toFixed(1)} s: off-heap ${signed(productsGrowth)}, ` +
  `${signed((externalAfterLarge - externalBaseline) / MB)} after a 2400x2400 product, ${signed(largeGrowth)} after the next small one; ` +
  `compiled: ${STEPS} replays in ${compiledSeconds.toFixed(2)} s, ${collections} collections, heap ${compiledBytes >= 0 ? '+' : ''}${compiledBytes} bytes (${(compiledBytes / STEPS).toFixed(2)} bytes per step), loss ${compiledLoss.toFixed(6)}`;
if (failures.length > 0) {
  console.log(`check:memory FAIL: ${failures.join('; ')} (${detail})`);
  process.exit(1);
}
console.log(`check:memory PASS: ${detail}`);
