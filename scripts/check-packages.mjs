// check:packages: every library package installs alone and works as its users will get it.
// For each of @chainrule/tensor, /autograd, /nn, /onnx: `pnpm pack` it, inspect the tarball (contents, manifest,
// README links absolute so that they work on the npm page),
// run @arethetypeswrong/cli on it, install it with its workspace dependencies' tarballs into an empty folder
// outside the workspace with plain npm, and run ESM and CommonJS consumers, an ESM consumer handed CommonJS
// dependencies (the dual-package hazard; autograd, nn and onnx) and a NodeNext TypeScript consumer.
// Prints one PASS/FAIL line per check and exits non-zero on any failure. Needs built packages (`pnpm build`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { cjsConsumer, consumerTsconfig, dualConsumer, esmConsumer, typescriptConsumer } from './lib/consumers.mjs';
import {
  PACKAGES,
  PACKAGE_BY_NAME,
  ROOT,
  createReport,
  kilobytes,
  makeTempDir,
  removeDir,
  requireBuilt,
  run,
  withInternalDependencies,
} from './lib/common.mjs';
import { readTarball } from './lib/tarball.mjs';

const report = createReport('check:packages');
const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const tscBin = requireFromRoot.resolve('typescript/bin/tsc');
const attwBin = join(ROOT, 'node_modules', '.bin', 'attw');

const LICENSE_FILE = /^(LICENSE|LICENCE)(\.md|\.txt)?$/i;
const TEST_FILE = /(^|\/)(test|tests|__tests__|__mocks__)\/|\.(test|spec|bench)\.[cm]?[jt]sx?$/;
const DIST_FILE = /^dist\/[^/]+\.(js|cjs|d\.ts|d\.cts)$/;
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;
const NODE_ONLY_GLOBAL =
  /\b(?:process\.(?:env|argv|versions|platform|exit|cwd|nextTick)|Buffer\.(?:from|alloc|isBuffer)|__dirname|__filename)\b/;

/** Every file path a manifest points at: main, module, types and every target in `exports`. */
function manifestTargets(manifest) {
  const targets = new Set();
  for (const field of ['main', 'module', 'types', 'typings']) if (manifest[field]) targets.add(manifest[field]);
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  return [...targets].map((target) => posix.normalize(target));
}

/** Runtime dependencies must be other chainrule packages only; there are no peer or optional ones. */
function checkSourceManifest(pkg) {
  const { manifest } = pkg;
  const problems = [];
  for (const [name, spec] of Object.entries(manifest.dependencies ?? {})) {
    if (!PACKAGE_BY_NAME.has(name)) problems.push(`runtime dependency ${name}@${spec} is not a chainrule package`);
    else if (!String(spec).startsWith('workspace:'))
      problems.push(`${name} should be a workspace: dependency, got ${spec}`);
  }
  for (const field of ['peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
    if (manifest[field] && Object.keys(manifest[field]).length > 0) problems.push(`has ${field}`);
  }
  if (manifest.private) problems.push('is private');
  if (manifest.sideEffects !== false) problems.push('sideEffects is not false');
  if (!manifest.license) problems.push('has no license field');
  if (!manifest.engines?.node) problems.push('has no engines.node');
  if (problems.length > 0) throw new Error(problems.join('; '));
  const internal = Object.keys(manifest.dependencies ?? {});
  return internal.length === 0 ? 'no runtime dependencies' : `runtime dependencies: ${internal.join(', ')} only`;
}

function pack(pkg, destination) {
  const before = new Set(readdirSync(destination));
  run('pnpm', ['pack', '--pack-destination', destination], { cwd: pkg.dir });
  const created = readdirSync(destination).filter((file) => !before.has(file) && file.endsWith('.tgz'));
  if (created.length !== 1) throw new Error(`expected one new tarball, found ${JSON.stringify(created)}`);
  return join(destination, created[0]);
}

/** Tarball holds dist, README.md, package.json and a license, nothing else; every manifest target is inside. */
// A subpath entry's package.json stub (tensor's `internal/package.json`) for resolvers that predate `exports`.
const SUBPATH_STUB = /^[a-z-]+\/package\.json$/;

function checkTarballContents(files) {
  const paths = [...files.keys()].sort();
  const problems = [];
  const unexpected = paths.filter(
    (path) =>
      !(
        path === 'package.json' ||
        path === 'README.md' ||
        LICENSE_FILE.test(path) ||
        path.startsWith('dist/') ||
        SUBPATH_STUB.test(path)
      ),
  );
  if (unexpected.length > 0) problems.push(`unexpected files ${unexpected.join(', ')}`);
  if (!files.has('README.md')) problems.push('no README.md');
  if (!paths.some((path) => LICENSE_FILE.test(path))) problems.push('no LICENSE file');
  const tests = paths.filter((path) => TEST_FILE.test(path));
  if (tests.length > 0) problems.push(`test files ${tests.join(', ')}`);
  const strayDist = paths.filter((path) => path.startsWith('dist/') && !DIST_FILE.test(path) && !path.endsWith('.map'));
  if (strayDist.length > 0) problems.push(`unexpected dist files ${strayDist.join(', ')}`);
  const manifest = JSON.parse(files.get('package.json').toString('utf8'));
  for (const target of manifestTargets(manifest)) {
    if (!files.has(target.replace(/^\.\//, '')))
      problems.push(`package.json points at ${target}, missing from the tarball`);
  }
  for (const required of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts']) {
    if (!files.has(required)) problems.push(`missing ${required}`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  const bytes = [...files.values()].reduce((total, body) => total + body.length, 0);
  return `${paths.length} files, ${kilobytes(bytes)} unpacked: ${paths.join(' ')}`;
}

/**
 * The README renders on the npm page, where a relative link (`../autograd`) leads nowhere: every markdown link and
 * image must be absolute (`https://...`) or an anchor in the page (`#section`).
 */
function checkReadmeLinks(files) {
  // Code (fenced blocks and inline spans) holds no links, but `xs[0](y)` would look like one.
  const text = (files.get('README.md')?.toString('utf8') ?? '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '');
  const targets = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map((match) => match[1]);
  const relative = targets.filter((target) => !/^(https?:\/\/|mailto:|#)/.test(target));
  if (relative.length > 0) throw new Error(`relative links ${relative.join(', ')}; use absolute URLs`);
  return `${targets.length} links, all absolute or in-page`;
}

/** No source map may point outside the tarball: every map and every `sourceMappingURL` resolves inside it. */
function checkSourceMaps(files) {
  const problems = [];
  let maps = 0;
  for (const [path, body] of files) {
    if (path.endsWith('.map')) {
      maps++;
      const map = JSON.parse(body.toString('utf8'));
      for (const source of map.sources ?? []) {
        const resolved = posix.normalize(posix.join(posix.dirname(path), map.sourceRoot ?? '', source));
        if (resolved.startsWith('..') || !files.has(resolved))
          problems.push(`${path} points at ${source} (not in the tarball)`);
      }
    } else if (/\.(c?js|d\.c?ts)$/.test(path)) {
      for (const match of body.toString('utf8').matchAll(/[#@] sourceMappingURL=(\S+)/g)) {
        const url = match[1];
        if (url.startsWith('data:')) continue;
        const resolved = posix.normalize(posix.join(posix.dirname(path), url));
        if (!files.has(resolved)) problems.push(`${path} refers to ${url} (not in the tarball)`);
      }
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return maps === 0 ? 'no source maps shipped' : `${maps} source maps, all sources inside the tarball`;
}

/** The packed manifest: no workspace:/catalog: specifiers, runtime deps only the chainrule packages at their versions. */
function checkPackedManifest(pkg, files) {
  const text = files.get('package.json').toString('utf8');
  const manifest = JSON.parse(text);
  const problems = [];
  for (const protocol of ['workspace:', 'catalog:', 'link:', 'file:']) {
    if (text.includes(protocol)) problems.push(`contains a "${protocol}" specifier`);
  }
  for (const [name, spec] of Object.entries(manifest.dependencies ?? {})) {
    const dependency = PACKAGE_BY_NAME.get(name);
    if (!dependency) problems.push(`runtime dependency ${name}@${spec} is not a chainrule package`);
    else if (![dependency.version, `^${dependency.version}`, `~${dependency.version}`].includes(spec)) {
      problems.push(`${name}@${spec} does not match the workspace version ${dependency.version}`);
    }
  }
  for (const field of ['peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies']) {
    if (manifest[field] && Object.keys(manifest[field]).length > 0) problems.push(`has ${field}`);
  }
  if (manifest.name !== pkg.name || manifest.version !== pkg.version)
    problems.push(`is ${manifest.name}@${manifest.version}`);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const dependencies = Object.entries(manifest.dependencies ?? {}).map(([name, spec]) => `${name}@${spec}`);
  return `${pkg.name}@${manifest.version}, dependencies: ${dependencies.join(', ') || 'none'}`;
}

/** The shipped code imports nothing but its declared chainrule dependencies, and no Node-only API. */
function checkShippedImports(files) {
  const manifest = JSON.parse(files.get('package.json').toString('utf8'));
  const allowed = new Set(Object.keys(manifest.dependencies ?? {}));
  // A dependency's own subpath entries (`@chainrule/tensor/internal`) count as that dependency.
  const isAllowed = (specifier) =>
    allowed.has(specifier) || [...allowed].some((name) => specifier.startsWith(`${name}/`));
  const problems = [];
  for (const [path, body] of files) {
    if (!/^dist\/.*\.c?js$/.test(path)) continue;
    const code = body.toString('utf8');
    for (const match of code.matchAll(IMPORT_SPECIFIER)) {
      const specifier = match[1];
      if (specifier.startsWith('.')) continue;
      if (!isAllowed(specifier)) problems.push(`${path} imports '${specifier}'`);
    }
    const nodeOnly = code.match(NODE_ONLY_GLOBAL);
    if (nodeOnly) problems.push(`${path} uses the Node-only ${nodeOnly[0]}`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return allowed.size === 0 ? 'imports nothing' : `imports only ${[...allowed].join(', ')}`;
}

function runAttw(tarball) {
  const output = run(attwBin, [
    tarball,
    '--format',
    'table-flipped',
    '--no-emoji',
    '--no-color',
    '--no-definitely-typed',
  ]);
  if (!/No problems found/.test(output)) throw new Error(output);
  return 'no problems for node10, node16 (CJS and ESM) and bundler resolution';
}

/** npm installs exactly the expected chainrule packages, offline, and nothing else. */
function install(pkg, tarballs, folder) {
  const needed = withInternalDependencies(pkg);
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  // --offline with an empty cache of its own: the install needs nothing but the tarballs.
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--offline',
      '--ignore-scripts',
      '--loglevel=error',
      `--cache=${join(folder, '.npm-cache')}`,
      ...needed.map((dependency) => tarballs.get(dependency.name)),
    ],
    { cwd: folder },
  );
  const topLevel = readdirSync(join(folder, 'node_modules')).filter((entry) => !entry.startsWith('.'));
  const scoped = topLevel.includes('@chainrule') ? readdirSync(join(folder, 'node_modules', '@chainrule')) : [];
  const installed = [
    ...topLevel.filter((entry) => entry !== '@chainrule'),
    ...scoped.map((entry) => `@chainrule/${entry}`),
  ].sort();
  const expected = needed.map((dependency) => dependency.name).sort();
  if (JSON.stringify(installed) !== JSON.stringify(expected)) {
    throw new Error(`node_modules holds ${installed.join(', ')}, expected exactly ${expected.join(', ')}`);
  }
  for (const dependency of needed) {
    const nested = join(folder, 'node_modules', dependency.name, 'node_modules');
    const nestedEntries = existsSync(nested) ? readdirSync(nested) : [];
    if (nestedEntries.length > 0)
      throw new Error(`${dependency.name} got its own node_modules: ${nestedEntries.join(', ')}`);
  }
  return `npm installed ${expected.join(' + ')} and nothing else`;
}

function runConsumer(folder, file, source) {
  writeFileSync(join(folder, file), source);
  const output = run(process.execPath, [file], { cwd: folder }).trim();
  const lastLine = output.split('\n').at(-1);
  JSON.parse(lastLine); // the consumer's result line
  return lastLine;
}

function typeCheck(folder, shortName) {
  writeFileSync(join(folder, 'consumer.mts'), typescriptConsumer(shortName));
  writeFileSync(join(folder, 'consumer.cts'), typescriptConsumer(shortName));
  writeFileSync(join(folder, 'tsconfig.json'), `${JSON.stringify(consumerTsconfig, null, 2)}\n`);
  const result = spawnSync(process.execPath, [tscBin, '-p', 'tsconfig.json', '--pretty', 'false', '--listFiles'], {
    cwd: folder,
    encoding: 'utf8',
  });
  const lines = `${result.stdout}\n${result.stderr}`.split('\n');
  if (result.status !== 0)
    throw new Error(lines.filter((line) => / error TS|^\s/.test(line)).join('\n') || lines.join('\n'));
  const declarations = lines
    .filter((file) => /node_modules\/@chainrule\/.*\.d\.c?ts$/.test(file))
    .map((file) => file.slice(file.indexOf('@chainrule/')));
  const kinds = ['.d.ts', '.d.cts'].filter((extension) => declarations.some((file) => file.endsWith(extension)));
  if (kinds.length !== 2)
    throw new Error(`expected both .d.ts and .d.cts in the program, got ${declarations.join(', ')}`);
  const typescriptVersion = JSON.parse(
    readFileSync(requireFromRoot.resolve('typescript/package.json'), 'utf8'),
  ).version;
  return `tsc ${typescriptVersion}, module NodeNext, skipLibCheck false: ${declarations.join(', ')}`;
}

async function main() {
  if (!requireBuilt(report)) return;
  const work = makeTempDir('packages');
  try {
    const tarballDir = join(work, 'tarballs');
    mkdirSync(tarballDir);
    const tarballs = new Map();
    for (const pkg of PACKAGES) {
      await report.check(`${pkg.name}: source manifest`, () => checkSourceManifest(pkg));
      const packed = await report.check(`${pkg.name}: pnpm pack`, () => {
        tarballs.set(pkg.name, pack(pkg, tarballDir));
        return tarballs.get(pkg.name).slice(work.length + 1);
      });
      if (!packed) continue;
      const files = readTarball(tarballs.get(pkg.name));
      await report.check(`${pkg.name}: tarball contents`, () => checkTarballContents(files));
      await report.check(`${pkg.name}: README links work on the npm page`, () => checkReadmeLinks(files));
      await report.check(`${pkg.name}: packed package.json`, () => checkPackedManifest(pkg, files));
      await report.check(`${pkg.name}: source maps`, () => checkSourceMaps(files));
      await report.check(`${pkg.name}: shipped imports`, () => checkShippedImports(files));
      await report.check(`${pkg.name}: are the types wrong`, () => runAttw(tarballs.get(pkg.name)));
    }
    for (const pkg of PACKAGES) {
      const needed = withInternalDependencies(pkg);
      if (!needed.every((dependency) => tarballs.has(dependency.name))) {
        report.fail(`${pkg.name}: install`, 'a tarball it needs was not packed');
        continue;
      }
      const folder = join(work, `consumer-${pkg.shortName}`);
      mkdirSync(folder);
      if (!(await report.check(`${pkg.name}: npm install of the tarballs`, () => install(pkg, tarballs, folder))))
        continue;
      let esmOutput = null;
      await report.check(`${pkg.name}: ESM consumer (import)`, () => {
        esmOutput = runConsumer(folder, 'consumer.mjs', esmConsumer(pkg.shortName));
        return summarize(pkg.shortName, esmOutput);
      });
      await report.check(`${pkg.name}: CommonJS consumer (require)`, () => {
        const cjsOutput = runConsumer(folder, 'consumer.cjs', cjsConsumer(pkg.shortName));
        if (esmOutput !== null && cjsOutput !== esmOutput)
          throw new Error(`output differs from the ESM consumer's: ${cjsOutput} vs ${esmOutput}`);
        return `${summarize(pkg.shortName, cjsOutput)}; same output as ESM`;
      });
      if (pkg.shortName !== 'tensor') {
        await report.check(`${pkg.name}: ESM consumer given CommonJS dependencies (dual package)`, () => {
          const dualOutput = runConsumer(folder, 'consumer-dual.mjs', dualConsumer(pkg.shortName));
          if (esmOutput !== null && dualOutput !== esmOutput)
            throw new Error(`output differs from the ESM consumer's: ${dualOutput} vs ${esmOutput}`);
          return `${summarize(pkg.shortName, dualOutput)}; same output as ESM`;
        });
      }
      await report.check(`${pkg.name}: TypeScript consumer (.mts + .cts)`, () => typeCheck(folder, pkg.shortName));
    }
  } finally {
    removeDir(work);
  }
}

function summarize(shortName, line) {
  const result = JSON.parse(line);
  if (shortName === 'tensor') return `matmul ${JSON.stringify(result.product)}, ShapeError "${result.message}"`;
  if (shortName === 'autograd')
    return `dL/da ${JSON.stringify(result.da)}, dL/db ${JSON.stringify(result.db)}, d/dx sum(x^3) ${JSON.stringify(result.dx)}`;
  if (shortName === 'onnx')
    return `reference network exported, ${result.bytes} bytes (checksum ${result.checksum}), ${result.ops} built-in lowerings, a user op lowered (${result.lowered} bytes)`;
  const losses = result.losses;
  return `reference network, loss ${losses[0].toFixed(4)} -> ${losses.at(-1).toFixed(4)} in ${losses.length} SGD steps`;
}

await main();
report.finish();
