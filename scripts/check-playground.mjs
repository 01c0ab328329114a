// check:playground: the built playground (apps/playground/dist) works from a plain static host in a real browser.
// Serves the folder on 127.0.0.1 (node:http), drives Debian's headless Chromium through playwright-core and checks,
// as a person would see it: the tutorial network trains until its four predictions are within 0.05 of the
// targets; the spiral set reaches >= 90% test accuracy with a 2-16-16-1 tanh network within 30 s; the heat map is
// painted; the computation graph shows gradient norms; pointing at the diagram names a weight; training speed and
// frame rate while a 2-8-8-1 tanh network trains on 500 points (printed, beside a bare Node loop's); settings
// round-trip through the URL; control changes while training leave the page responsive; the downloads are a valid
// safetensors file and a CSV; controls are labelled and work from the keyboard; no sideways scrolling at phone
// width; no console errors. Screenshots of every screen go to apps/playground/screenshots/. Prints one PASS/FAIL
// line per check and exits non-zero on any failure.
// Needs the app built (`pnpm --filter @chainrule/playground build`) and a Chromium (`apt-get install -y chromium`).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumVersion, findChromium, serveDirectory } from './lib/chromium.mjs';
import { PACKAGES, ROOT, createReport, makeTempDir, removeDir } from './lib/common.mjs';

const APP = join(ROOT, 'apps', 'playground');
const DIST = join(APP, 'dist');
const SCREENSHOTS = join(APP, 'screenshots');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const TUTORIAL_TARGETS = [0, 1, 1, 0];
const PREDICTION_TOLERANCE = 0.05;
const SPIRAL_ACCURACY = 0.9;
const SPIRAL_SECONDS = 30;
const SPEED_SECONDS = 5;

const SPIRAL =
  '?problem=spiral&hidden=16-16&activation=tanh&optimizer=adam&lr=0.03&batch=250&noise=0&train=50&points=500&seed=1&speed=0';
// 1000 points at a 50% training share: the network trains on 500 points, full batch.
const SPEED =
  '?problem=xor&hidden=8-8&activation=tanh&optimizer=adam&lr=0.03&batch=500&noise=0&train=50&points=1000&seed=1&speed=0';
const SHARED =
  '?problem=gaussians&hidden=3&activation=relu&optimizer=momentum&lr=0.1&batch=16&noise=20&train=70&points=300&seed=7';

const report = createReport('check:playground');

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    report.fail(
      'playground built',
      'apps/playground/dist/index.html is missing: run `pnpm --filter @chainrule/playground build`',
    );
    return;
  }
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const work = makeTempDir('playground');
  const server = await serveDirectory(DIST);
  const base = `http://127.0.0.1:${server.address().port}/`;
  let context = null;
  const errors = [];
  try {
    const launched = await report.check('launch headless Chromium', async () => {
      const executablePath = findChromium();
      const userDataDir = join(work, 'profile');
      mkdirSync(userDataDir);
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: DESKTOP,
        acceptDownloads: true,
        timeout: 60_000,
      });
      return chromiumVersion(executablePath);
    });
    if (!launched) return;
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));

    await checkTutorial(page, base);
    await checkSpiral(page, base);
    await checkSpeed(page, base);
    await checkOtherScreens(page, base);
    await checkUrlState(page, base);
    await checkResponsive(page, base);
    await checkDownloads(page, base);
    await checkAccessibility(page, base);
    await checkPhone(page, base);

    await report.check('no console errors, page errors or failed requests', () => {
      if (errors.length > 0) throw new Error(errors.join('; '));
      return 'none seen';
    });
  } finally {
    if (context) await context.close().catch(() => {});
    await new Promise((resolve) => server.close(resolve));
    removeDir(work);
  }
}

/** Opens the app with `query` and waits for the worker's first frame (the step counter and the heat map). */
async function open(page, base, query = '') {
  await page.goto(`${base}${query}`, { waitUntil: 'load', timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('#heat-map')?.dataset.drawn === 'true', null, {
    timeout: 30_000,
  });
}

async function play(page) {
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play')?.dataset.state === 'playing');
}

async function pause(page) {
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play')?.dataset.state === 'paused');
}

const readNumber = (page, selector) =>
  page.$eval(selector, (element) => (element.dataset.value === '' ? null : Number(element.dataset.value)));

async function screenshot(page, name, fullPage = true) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

async function checkTutorial(page, base) {
  const opened = await report.check('the tutorial network is the first screen', async () => {
    await open(page, base);
    const query = new URL(page.url()).searchParams;
    if (query.get('problem') !== 'tutorial') throw new Error(`the first screen is ${query.get('problem')}`);
    const summary = await page.textContent('#network-summary');
    if (summary !== '3-4-1 sigmoid') throw new Error(`the network is "${summary}", expected 3-4-1 sigmoid`);
    return `${summary}, SGD lr ${query.get('lr')}, ${page.url().replace(base, '/')}`;
  });
  if (!opened) return;
  await report.check('the tutorial plays at its default 100 steps/s (printed)', async () => {
    const speed = await page.$eval('#speed', (select) => select.value);
    if (speed !== '100') throw new Error(`the speed is ${speed}`);
    await play(page);
    await page.waitForTimeout(1000);
    await pause(page);
    const step = await readNumber(page, '#stat-step');
    if (!(step > 0)) throw new Error('no steps');
    return `${step} steps in about 1 s`;
  });
  await report.check(
    `the tutorial network trains to predictions within ${PREDICTION_TOLERANCE} of the targets`,
    async () => {
      await page.getByLabel('Speed').selectOption('0');
      const started = Date.now();
      await play(page);
      await page.waitForFunction(
        ({ targets, tolerance }) => {
          const cells = [...document.querySelectorAll('#predictions .prediction')];
          return (
            cells.length === targets.length &&
            cells.every(
              (cell, row) => cell.dataset.value && Math.abs(Number(cell.dataset.value) - targets[row]) < tolerance,
            )
          );
        },
        { targets: TUTORIAL_TARGETS, tolerance: PREDICTION_TOLERANCE },
        { timeout: 60_000, polling: 50 },
      );
      await pause(page);
      const predictions = await page.$$eval('#predictions .prediction', (cells) =>
        cells.map((cell) => Number(cell.dataset.value)),
      );
      const step = await readNumber(page, '#stat-step');
      const worst = Math.max(...predictions.map((value, row) => Math.abs(value - TUTORIAL_TARGETS[row])));
      if (!(worst < PREDICTION_TOLERANCE)) throw new Error(`predictions ${predictions} are ${worst} from the targets`);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      return `[${predictions.map((value) => value.toFixed(4)).join(', ')}] after ${step} steps (${seconds} s), max error ${worst.toFixed(4)}`;
    },
  );
  await report.check('the heat map is painted (orange and blue regions, points over them)', async () => {
    const pixels = await heatMapPixels(page);
    if (pixels.painted < 0.5) throw new Error(`only ${(100 * pixels.painted).toFixed(0)}% of the canvas is painted`);
    if (pixels.blue < 0.05 || pixels.orange < 0.05)
      throw new Error(
        `blue ${(100 * pixels.blue).toFixed(1)}%, orange ${(100 * pixels.orange).toFixed(1)}% of the map`,
      );
    return `${(100 * pixels.painted).toFixed(0)}% painted, ${pixels.colors} colours, blue ${(100 * pixels.blue).toFixed(0)}%, orange ${(100 * pixels.orange).toFixed(0)}%`;
  });
  await report.check('the computation graph of a step shows gradient norms', async () => {
    await page.click('#step');
    await page.waitForFunction(() => document.querySelectorAll('#graph .graph-node').length > 0);
    const graph = await page.$eval('#graph', (element) => ({
      nodes: element.querySelectorAll('.graph-node').length,
      norms: element.querySelectorAll('.graph-grad').length,
      names: [...element.querySelectorAll('.graph-name')].map((name) => name.textContent),
    }));
    for (const name of ['W1', 'W2', 'loss'])
      if (!graph.names.includes(name)) throw new Error(`no node named ${name}: ${graph.names}`);
    if (graph.norms < graph.nodes - 2) throw new Error(`${graph.norms} of ${graph.nodes} nodes show a gradient norm`);
    const dot = await page.textContent('#graph-dot');
    if (!dot.startsWith('digraph chainrule')) throw new Error('the DOT text is missing');
    return `${graph.nodes} nodes, ${graph.norms} with a gradient norm, named ${graph.names.join(', ')}`;
  });
  await report.check('pointing at the network diagram names a weight and its value', async () => {
    const box = await page.locator('#diagram canvas').boundingBox();
    for (let x = box.x + box.width * 0.2; x < box.x + box.width * 0.8; x += 12) {
      for (let y = box.y + 40; y < box.y + box.height; y += 4) {
        await page.mouse.move(x, y);
        const tip = await page.$eval('.diagram-tooltip', (element) => (element.hidden ? '' : element.textContent));
        if (/^W\d: .+ → .+ = -?\d/.test(tip)) {
          await page.mouse.move(0, 0);
          return `"${tip}"`;
        }
      }
    }
    throw new Error('no weight named anywhere over the diagram');
  });
  await screenshot(page, 'tutorial');
  await screenshot(page, 'tutorial-viewport', false);
}

/** Shares of the heat-map canvas that are painted, blue-ish and orange-ish, and the number of distinct colours. */
function heatMapPixels(page) {
  return page.$eval('#heat-map', (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    let blue = 0;
    let orange = 0;
    const colors = new Set();
    for (let index = 0; index < data.length; index += 4) {
      const [red, green, bluePart, alpha] = [data[index], data[index + 1], data[index + 2], data[index + 3]];
      if (alpha === 0) continue;
      painted++;
      colors.add((red >> 4) * 256 + (green >> 4) * 16 + (bluePart >> 4));
      if (bluePart > red + 40) blue++;
      if (red > bluePart + 40) orange++;
    }
    const total = data.length / 4;
    return { painted: painted / total, blue: blue / total, orange: orange / total, colors: colors.size };
  });
}

async function checkSpiral(page, base) {
  await report.check(
    `the spiral reaches >= ${100 * SPIRAL_ACCURACY}% test accuracy with 2-16-16-1 tanh within ${SPIRAL_SECONDS} s`,
    async () => {
      await open(page, base, SPIRAL);
      const summary = await page.textContent('#network-summary');
      if (summary !== '2-16-16-1 tanh') throw new Error(`the network is "${summary}"`);
      const started = Date.now();
      await play(page);
      await page.waitForFunction(
        (target) => Number(document.querySelector('#stat-test-accuracy')?.dataset.value ?? 0) >= target,
        SPIRAL_ACCURACY,
        { timeout: SPIRAL_SECONDS * 1000, polling: 50 },
      );
      const seconds = (Date.now() - started) / 1000;
      const accuracy = await readNumber(page, '#stat-test-accuracy');
      const step = await readNumber(page, '#stat-step');
      await page.waitForTimeout(1500); // a little longer, for the picture
      await pause(page);
      await screenshot(page, 'spiral');
      await screenshot(page, 'spiral-viewport', false);
      return `${(100 * accuracy).toFixed(1)}% test accuracy at step ${step}, ${seconds.toFixed(1)} s after play`;
    },
  );
}

async function checkSpeed(page, base) {
  await report.check(
    'speed: 2-8-8-1 tanh on 500 points, steps per second and frames per second (printed)',
    async () => {
      await open(page, base, SPEED);
      await play(page);
      await page.waitForTimeout(1500); // warm-up: JIT and the first frames
      const before = { step: await readNumber(page, '#stat-step'), time: Date.now() };
      const frames = await page.evaluate(
        (seconds) =>
          new Promise((resolve) => {
            const intervals = [];
            let last = performance.now();
            const end = last + seconds * 1000;
            const tick = (now) => {
              intervals.push(now - last);
              last = now;
              if (now < end) requestAnimationFrame(tick);
              else resolve(intervals);
            };
            requestAnimationFrame(tick);
          }),
        SPEED_SECONDS,
      );
      const after = { step: await readNumber(page, '#stat-step'), time: Date.now() };
      await pause(page);
      const stepsPerSecond = ((after.step - before.step) * 1000) / (after.time - before.time);
      const total = frames.reduce((sum, interval) => sum + interval, 0);
      const fps = (frames.length * 1000) / total;
      const sorted = [...frames].sort((a, b) => a - b);
      const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))];
      const longest = sorted[sorted.length - 1];
      const late = frames.filter((interval) => interval > 25).length;
      const draw = await page.$eval('#stat-fps', (element) => element.dataset.drawMilliseconds);
      const node = await nodeBaseline(SPEED_SECONDS);
      if (!(after.step > before.step)) throw new Error(`no steps while measuring (${before.step} -> ${after.step})`);
      return `${Math.round(stepsPerSecond).toLocaleString('en')} steps/s (target >= 1,000), ${fps.toFixed(1)} frames/s (target 60), frame p95 ${p95.toFixed(1)} ms, longest ${longest.toFixed(1)} ms, ${late} of ${frames.length} frames over 25 ms; the page draws a frame of pictures in ${draw} ms; the same training loop alone in Node, just after: ${Math.round(node).toLocaleString('en')} steps/s (the page reaches ${((100 * stepsPerSecond) / node).toFixed(0)}% of it)`;
    },
  );
}

/**
 * Steps per second of the same network and data size trained by a bare loop in Node, on this machine now: the
 * yardstick for the page's figure (the machine is shared, so absolute numbers move from run to run).
 */
async function nodeBaseline(seconds) {
  const [T, A, N] = await Promise.all(
    PACKAGES.map((pkg) => import(pathToFileURL(join(pkg.dir, 'dist', 'index.js')).href)),
  );
  const rng = new T.Rng(1);
  const inputs = rng.uniform([500, 2], -1, 1);
  const labels = T.tensor(
    Array.from({ length: 500 }, (_, row) => [inputs.get(row, 0) * inputs.get(row, 1) > 0 ? 1 : 0]),
  );
  const x = A.constant(inputs);
  const y = A.constant(labels);
  const model = new N.Sequential(
    new N.Dense(2, 8, { rng }),
    new N.Tanh(),
    new N.Dense(8, 8, { rng }),
    new N.Tanh(),
    new N.Dense(8, 1, { rng }),
  );
  const optimizer = new N.Adam(model.parameters(), { lr: 0.03 });
  const step = () => {
    optimizer.zeroGrad();
    N.binaryCrossEntropyWithLogits(model.forward(x), y).backward();
    optimizer.step();
  };
  for (let warmup = 0; warmup < 200; warmup++) step();
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) {
    step();
    steps++;
  }
  return (steps * 1000) / (performance.now() - start);
}

async function checkOtherScreens(page, base) {
  for (const problem of ['circle', 'xor', 'gaussians']) {
    await report.check(`the ${problem} set trains (screenshot)`, async () => {
      await open(page, base, `?problem=${problem}&noise=10`);
      await play(page);
      await page.waitForTimeout(2500);
      await pause(page);
      const accuracy = await readNumber(page, '#stat-test-accuracy');
      const step = await readNumber(page, '#stat-step');
      await screenshot(page, problem);
      if (!(step > 0)) throw new Error('no steps');
      return `${(100 * accuracy).toFixed(1)}% test accuracy at step ${step}`;
    });
  }
}

async function checkUrlState(page, base) {
  await report.check('the URL holds the settings: a shared link opens them, a change updates the link', async () => {
    await open(page, base, SHARED);
    const shown = await page.evaluate(() => ({
      problem: document.querySelector('input[name="problem"]:checked')?.value,
      layers: document.querySelector('#hidden-layers').value,
      units: document.querySelector('#units-1')?.value,
      activation: document.querySelector('#activation').value,
      optimizer: document.querySelector('#optimizer').value,
      lr: document.querySelector('#learning-rate').value,
      batch: document.querySelector('#batch-size').value,
      noise: document.querySelector('#noise').value,
      train: document.querySelector('#train-percent').value,
      points: document.querySelector('#points').value,
      seed: document.querySelector('#seed').value,
    }));
    const expected = {
      problem: 'gaussians',
      layers: '1',
      units: '3',
      activation: 'relu',
      optimizer: 'momentum',
      lr: '0.1',
      batch: '16',
      noise: '20',
      train: '70',
      points: '300',
      seed: '7',
    };
    for (const [key, value] of Object.entries(expected)) {
      if (shown[key] !== value) throw new Error(`${key} shows ${shown[key]}, the link says ${value}`);
    }
    await page.selectOption('#activation', 'tanh');
    await page.fill('#units-1', '5');
    await page.press('#units-1', 'Enter');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('hidden') === '5');
    const query = new URL(page.url()).searchParams;
    if (query.get('activation') !== 'tanh') throw new Error(`activation in the URL is ${query.get('activation')}`);
    const summary = await page.textContent('#network-summary');
    if (summary !== '2-5-1 tanh') throw new Error(`the network shows "${summary}" after the change`);
    return `${Object.keys(expected).length} settings read from the link; changes give ${new URL(page.url()).search}`;
  });
}

async function checkResponsive(page, base) {
  await report.check('changing controls while training never freezes the page (longest frame printed)', async () => {
    await open(page, base, SPIRAL);
    await play(page);
    await page.waitForTimeout(500);
    const measuring = page.evaluate(
      () =>
        new Promise((resolve) => {
          let last = performance.now();
          let longest = 0;
          const end = last + 4000;
          const tick = (now) => {
            longest = Math.max(longest, now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve(longest);
          };
          requestAnimationFrame(tick);
        }),
    );
    const edits = [
      () => page.selectOption('#activation', 'relu'),
      () => page.fill('#hidden-layers', '6').then(() => page.press('#hidden-layers', 'Enter')),
      () => page.selectOption('#optimizer', 'momentum'),
      () => page.fill('#units-3', '32').then(() => page.press('#units-3', 'Enter')),
      () => page.focus('#points').then(() => page.keyboard.press('End')),
      () => page.selectOption('#learning-rate', '0.01'),
      () => page.click('#reset'),
      () => page.check('input[name="problem"][value="circle"]'),
    ];
    for (const edit of edits) {
      await edit();
      await page.waitForTimeout(300);
    }
    const longest = await measuring;
    await pause(page);
    const summary = await page.textContent('#network-summary');
    if (summary !== '2-8-8-1 tanh') throw new Error(`after picking the circle the network is "${summary}"`);
    // A freeze is seconds; a busy shared machine alone can stretch one frame to a few hundred milliseconds.
    if (!(longest < 2000)) throw new Error(`a frame took ${longest.toFixed(0)} ms`);
    return `${edits.length} changes in 2.4 s while training (up to a 2-32×6-1 network on 2,000 points); longest frame ${longest.toFixed(0)} ms`;
  });
}

async function checkDownloads(page, base) {
  await report.check('downloads: the weights as safetensors and the loss history as CSV', async () => {
    await open(page, base, '?problem=circle&hidden=4-2&activation=tanh&optimizer=adam&lr=0.03&batch=32&seed=3');
    for (let step = 0; step < 5; step++) await page.click('#step');
    await page.waitForFunction(() => Number(document.querySelector('#stat-step')?.dataset.value) === 5);
    const [weights] = await Promise.all([page.waitForEvent('download'), page.click('#download-weights')]);
    const bytes = readFileSync(await weights.path());
    const headerLength = Number(bytes.readBigUInt64LE(0));
    const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8'));
    const shapes = Object.fromEntries(
      Object.entries(header)
        .filter(([name]) => name !== '__metadata__')
        .map(([name, info]) => [name, info.shape.join('x')]),
    );
    const expected = {
      'layers.0.weight': '2x4',
      'layers.0.bias': '4',
      'layers.1.weight': '4x2',
      'layers.1.bias': '2',
      'layers.2.weight': '2x1',
      'layers.2.bias': '1',
    };
    if (JSON.stringify(Object.keys(shapes).sort()) !== JSON.stringify(Object.keys(expected).sort()))
      throw new Error(`tensors ${JSON.stringify(shapes)}`);
    for (const [name, shape] of Object.entries(expected))
      if (shapes[name] !== shape) throw new Error(`${name} is ${shapes[name]}, expected ${shape}`);
    if (bytes.length !== 8 + headerLength + (8 + 4 + 8 + 2 + 2 + 1) * 4)
      throw new Error(`the file has ${bytes.length} bytes`);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    if (lines[0] !== 'step,train_loss,test_loss,train_accuracy,test_accuracy')
      throw new Error(`CSV header ${lines[0]}`);
    const steps = lines.slice(1).map((line) => Number(line.split(',')[0]));
    if (JSON.stringify(steps) !== JSON.stringify([0, 1, 2, 3, 4, 5])) throw new Error(`CSV steps ${steps}`);
    if (
      !lines.slice(1).every((line) => line.split(',').every((field) => Number.isFinite(Number(field)) && field !== ''))
    )
      throw new Error(`CSV rows ${lines.slice(1, 3).join(' | ')}`);
    return `${weights.suggestedFilename()} (${bytes.length} bytes, ${Object.keys(shapes).length} tensors), ${csv.suggestedFilename()} (${lines.length - 1} rows)`;
  });
}

async function checkAccessibility(page, base) {
  await report.check('controls are labelled and work from the keyboard', async () => {
    await open(page, base);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')]
        .filter((element) => {
          const name = element.getAttribute('aria-label') || element.labels?.[0]?.textContent || element.textContent;
          return !name || name.trim() === '';
        })
        .map((element) => element.id || element.outerHTML.slice(0, 60)),
    );
    if (unlabelled.length > 0) throw new Error(`controls without a label: ${unlabelled.join(', ')}`);
    // Tab to the play button and press Space; then change the learning rate with the arrow keys.
    await page.focus('#reset');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.id);
    if (focused !== 'play') throw new Error(`Tab from reset reached ${focused}, expected play`);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => Number(document.querySelector('#stat-step')?.dataset.value) > 10);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#play')?.dataset.state === 'paused');
    // A spin of a layer's units applies at once and leaves the focus where it was.
    await page.focus('#units-1');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('hidden') === '5');
    const stayed = await page.evaluate(() => document.activeElement?.id);
    if (stayed !== 'units-1') throw new Error(`after ArrowUp in Layer 1 the focus is on ${stayed}`);
    await page.getByLabel('Learning rate').focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('lr') !== '1');
    const rate = new URL(page.url()).searchParams.get('lr');
    const count = await page.evaluate(() => document.querySelectorAll('button, input, select').length);
    return `${count} controls named; Tab and Space played and paused; ArrowUp made layer 1 five units, focus kept; ArrowDown set the learning rate to ${rate}`;
  });
}

async function checkPhone(page, base) {
  await report.check(`phone width (${PHONE.width}x${PHONE.height}): no sideways scrolling`, async () => {
    await page.setViewportSize(PHONE);
    const widths = [];
    for (const [name, query] of [
      ['phone-tutorial', ''],
      ['phone-spiral', SPIRAL],
    ]) {
      await open(page, base, query);
      await play(page);
      await page.waitForTimeout(1500);
      await pause(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) throw new Error(`${name}: the page is ${width}px wide`);
      widths.push(width);
      await screenshot(page, name);
    }
    await page.setViewportSize(DESKTOP);
    return `page width ${widths.join(' and ')} px`;
  });
}

await main();
report.finish();
