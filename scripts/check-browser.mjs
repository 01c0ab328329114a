// check:browser: the library packages run unchanged in a browser. Bundles a page that imports
// @chainrule/tensor, /autograd, /nn and /onnx by name (esbuild, platform browser), serves it on 127.0.0.1 with
// node:http, loads it in headless Chromium (Debian's `chromium`, driven by playwright-core), trains the
// reference network in the page and asserts its predictions (and that they equal Node's, run for run), exports it
// to ONNX (the same bytes as in Node), runs large products on the WebAssembly kernels (setBackend('wasm'), 'js'
// and 'auto'), compared with the JS kernels and Node, and trains through `compile`, equal to eager bit for bit; then
// loads the page again under a Content-Security-Policy that forbids eval, where everything must still run.
// Prints one PASS/FAIL line per check and exits non-zero on any failure. Needs built packages (`pnpm build`)
// and a Chromium (`apt-get install -y chromium`; or set CHROMIUM_PATH).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import {
  PACKAGES,
  createReport,
  kilobytes,
  linkPackages,
  makeTempDir,
  removeDir,
  requireBuilt,
} from './lib/common.mjs';
import { CHROMIUM_ARGS, chromiumVersion, findChromium } from './lib/chromium.mjs';
import { assertLossFell, exportReferenceNetwork, trainReferenceNetwork } from './lib/reference-network.mjs';

const STEPS = 1500;
const SEED = 1;
const TARGETS = [0, 1, 1, 0];
const PREDICTION_TOLERANCE = 0.05; // the tutorial ends within about 0.03 of the targets after 1500 steps
const NODE_AGREEMENT = 1e-9; // float64 throughout: the browser and Node should agree to rounding
const STRICT_CSP = "script-src 'self'";

const report = createReport('check:browser');
const referenceNetworkModule = fileURLToPath(new URL('./lib/reference-network.mjs', import.meta.url));

// The page: every package imported by its public name, exactly as an app would.
const pageSource = `
import * as T from '@chainrule/tensor';
import * as A from '@chainrule/autograd';
import * as N from '@chainrule/nn';
import * as O from '@chainrule/onnx';
import { exportReferenceNetwork, trainReferenceNetwork } from ${JSON.stringify(referenceNetworkModule)};

const result = {};
try {
  const a = T.tensor([[1, 2], [3, 4]], { dtype: 'float64' });
  result.matmul = T.matmul(a, T.tensor([[5, 6], [7, 8]], { dtype: 'float64' })).toArray();
  const x = A.variable(T.tensor([1, -2, 3], { dtype: 'float64' }));
  A.sum(A.mul(A.mul(x, x), x)).backward();
  result.gradient = x.grad.value.toArray();
  result.training = trainReferenceNetwork(T, A, N, { steps: ${STEPS}, seed: ${SEED} });
  result.compiled = trainReferenceNetwork(T, A, N, { steps: ${STEPS}, seed: ${SEED}, compiled: true });
  result.evalAllowed = (() => {
    try {
      return new Function('return true')() === true;
    } catch {
      return false;
    }
  })();
  result.onnx = exportReferenceNetwork(T, N, O, { seed: ${SEED} });
  result.wasm = ${wasmProducts.toString()}(T);
  result.userAgent = navigator.userAgent;
} catch (error) {
  result.error = String(error && error.stack ? error.stack : error);
}
window.__chainrule = result;
document.getElementById('status').textContent = result.error ? 'failed' : 'done';
`;

// The WebAssembly kernels: large products with each backend forced and with 'auto', in float32 and float64.
// Runs in the page (as source text) and in Node; returns every product's values.
function wasmProducts(T) {
  const rng = new T.Rng(5);
  const out = { accepted: true, products: {} };
  try {
    T.setBackend('wasm');
  } catch (error) {
    out.accepted = String(error);
  }
  for (const dtype of ['float32', 'float64']) {
    const a = rng.uniform([200, 300], -1, 1, { dtype });
    const b = rng.uniform([300, 250], -1, 1, { dtype });
    for (const backend of ['wasm', 'js', 'auto']) {
      if (backend === 'wasm' && out.accepted !== true) continue;
      T.setBackend(backend);
      out.products[`${dtype} ${backend}`] = Array.from(T.matmul(a, b).data);
    }
  }
  T.setBackend('auto');
  return out;
}

function sameBits(first, second) {
  return first.length === second.length && first.every((value, index) => Object.is(value, second[index]));
}

const html = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>chainrule browser check</title></head>
<body><p id="status">running</p><script type="module" src="/page.js"></script></body></html>
`;

function serve(files) {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', ...file.headers }).end(file.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Throws unless two trainings' losses and predictions are the same numbers, bit for bit. */
function sameTraining(trained, reference) {
  if (!sameBits(trained.losses, reference.losses)) throw new Error('the losses differ');
  if (!sameBits(trained.predictions, reference.predictions)) throw new Error('the predictions differ');
  return `${trained.losses.length} losses and ${trained.predictions.length} predictions bit-identical`;
}

function maxDifference(first, second) {
  return Math.max(...first.map((value, index) => Math.abs(value - second[index])));
}

async function main() {
  if (!requireBuilt(report)) return;
  const work = makeTempDir('browser');
  let server = null;
  let context = null;
  try {
    linkPackages(work);
    writeFileSync(join(work, 'page.js'), pageSource);

    let bundle = null;
    const bundled = await report.check('bundle the page with esbuild', async () => {
      const result = await build({
        entryPoints: [join(work, 'page.js')],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      bundle = result.outputFiles[0].contents;
      const packages = new Set(
        Object.keys(result.metafile.inputs)
          .map((input) => input.match(/packages\/([^/]+)\/dist\//)?.[1])
          .filter(Boolean),
      );
      const expected = PACKAGES.map((pkg) => pkg.shortName);
      if (expected.some((name) => !packages.has(name)))
        throw new Error(`bundled ${[...packages].join(', ')}, expected ${expected.join(', ')}`);
      return `${kilobytes(bundle.length)}, @chainrule/${expected.join(' + ')} imported by name, platform browser`;
    });
    if (!bundled) return;

    server = await serve({
      '/': { type: 'text/html; charset=utf-8', body: html },
      // The same page where no code may be built from text (no 'unsafe-eval'; WebAssembly is refused too).
      '/strict': { type: 'text/html; charset=utf-8', body: html, headers: { 'content-security-policy': STRICT_CSP } },
      '/page.js': { type: 'text/javascript; charset=utf-8', body: bundle },
    });
    const url = `http://127.0.0.1:${server.address().port}/`;

    const launched = await report.check('launch headless Chromium', async () => {
      const executablePath = findChromium();
      const userDataDir = join(work, 'profile');
      mkdirSync(userDataDir);
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        timeout: 60_000,
      });
      return chromiumVersion(executablePath);
    });
    if (!launched) return;

    const runPage = async (path) => {
      const page = await context.newPage();
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
      });
      page.on('requestfailed', (request) => pageErrors.push(`request failed: ${request.url()}`));
      await page.goto(`${url}${path}`, { waitUntil: 'load', timeout: 60_000 });
      await page.waitForFunction(() => window.__chainrule !== undefined, null, { timeout: 120_000 });
      const pageResult = await page.evaluate(() => window.__chainrule);
      if (pageResult.error) throw new Error(`the page threw: ${pageResult.error}`);
      if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
      const status = await page.textContent('#status');
      await page.close();
      return { pageResult, status };
    };

    let result = null;
    const ran = await report.check(`load ${url} and run the page`, async () => {
      const { pageResult, status } = await runPage('');
      result = pageResult;
      return `status "${status}", no errors`;
    });
    if (!ran) return;

    await report.check('tensor in the page: matmul', () => {
      if (
        JSON.stringify(result.matmul) !==
        JSON.stringify([
          [19, 22],
          [43, 50],
        ])
      )
        throw new Error(`got ${JSON.stringify(result.matmul)}`);
      return `[[1,2],[3,4]] @ [[5,6],[7,8]] = ${JSON.stringify(result.matmul)}`;
    });
    await report.check('autograd in the page: d/dx sum(x^3) = 3x^2', () => {
      if (JSON.stringify(result.gradient) !== JSON.stringify([3, 12, 27]))
        throw new Error(`got ${JSON.stringify(result.gradient)}`);
      return `x = [1,-2,3] gives ${JSON.stringify(result.gradient)}`;
    });
    await report.check(`nn in the page: reference network, ${STEPS} SGD steps`, () => {
      const fell = assertLossFell(result.training);
      const { predictions } = result.training;
      const error = maxDifference(predictions, TARGETS);
      const shown = predictions.map((value) => value.toFixed(4)).join(', ');
      if (!(error < PREDICTION_TOLERANCE))
        throw new Error(`predictions [${shown}] are ${error.toFixed(4)} from [${TARGETS}]`);
      return `${fell}; predictions [${shown}], max error ${error.toFixed(4)}`;
    });
    await report.check(
      'WebAssembly kernels in the page: large products agree with the JS kernels and with Node',
      async () => {
        const { accepted, products } = result.wasm;
        if (accepted !== true) throw new Error(`setBackend('wasm') failed in Chromium: ${accepted}`);
        // float64: the same sums in the same order, so the kernels agree bit for bit; float32 sums differ (float32 in
        // WebAssembly, float64 in JS): 'auto' must have picked WebAssembly at this size.
        if (!sameBits(products['float64 wasm'], products['float64 js']))
          throw new Error('float64: the WebAssembly and JS products differ');
        if (sameBits(products['float32 wasm'], products['float32 js']))
          throw new Error('float32: the WebAssembly product equals the JS one bit for bit, so it did not run');
        if (!sameBits(products['float32 auto'], products['float32 wasm']))
          throw new Error("float32: 'auto' did not run the WebAssembly kernel for a 200x300x250 product");
        const [T] = await Promise.all(
          PACKAGES.map((pkg) => import(pathToFileURL(join(pkg.dir, 'dist', 'index.js')).href)),
        );
        const node = wasmProducts(T);
        for (const key of Object.keys(products)) {
          if (!sameBits(products[key], node.products[key])) throw new Error(`${key}: Chromium and Node differ`);
        }
        return "200x300 @ 300x250 in float32 and float64 with 'wasm', 'js' and 'auto': each bit-identical to Node's";
      },
    );
    await report.check('the browser matches Node, loss for loss', async () => {
      const [T, A, N] = await Promise.all(
        PACKAGES.map((pkg) => import(pathToFileURL(join(pkg.dir, 'dist', 'index.js')).href)),
      );
      const node = trainReferenceNetwork(T, A, N, { steps: STEPS, seed: SEED });
      const lossDifference = maxDifference(node.losses, result.training.losses);
      const predictionDifference = maxDifference(node.predictions, result.training.predictions);
      const difference = Math.max(lossDifference, predictionDifference);
      if (!(difference <= NODE_AGREEMENT))
        throw new Error(`browser and Node differ by ${difference} (limit ${NODE_AGREEMENT})`);
      const shown = difference === 0 ? 'bit-identical' : `max difference ${difference.toExponential(1)}`;
      return `${STEPS} losses and 4 predictions: ${shown} (limit ${NODE_AGREEMENT})`;
    });
    await report.check('compile in the page: the compiled step trains as the eager one, bit for bit', () =>
      sameTraining(result.compiled, result.training),
    );
    await report.check(
      `under "Content-Security-Policy: ${STRICT_CSP}" (no eval): the same training, eager and compiled`,
      async () => {
        const { pageResult: strict } = await runPage('strict');
        if (strict.evalAllowed !== false) throw new Error('the policy did not forbid building functions from text');
        sameTraining(strict.training, result.training);
        return sameTraining(strict.compiled, strict.training);
      },
    );
    await report.check('onnx in the page: the reference network exported, the same bytes as in Node', async () => {
      const [T, , N, O] = await Promise.all(
        PACKAGES.map((pkg) => import(pathToFileURL(join(pkg.dir, 'dist', 'index.js')).href)),
      );
      const node = exportReferenceNetwork(T, N, O, { seed: SEED });
      if (JSON.stringify(node) !== JSON.stringify(result.onnx))
        throw new Error(`the page exported ${result.onnx.length} bytes that differ from Node's ${node.length}`);
      return `${node.length} bytes, identical`;
    });
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) await new Promise((resolve) => server.close(resolve));
    removeDir(work);
  }
}

await main();
report.finish();
