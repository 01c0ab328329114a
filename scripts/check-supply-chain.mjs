// check:supply-chain: the library packages (packages/*) stay free of supply-chain and portability risks.
// For each package:
// - manifest: no runtime dependencies except workspace packages (`@chainrule/*` at `workspace:`), no peer,
//   optional or bundled dependencies, and no install scripts (preinstall, install, postinstall, prepare);
// - imports: src and the built dist import nothing but relative files and workspace packages;
// - dynamic code: no `eval(`, `new Function` or `Function(` in src or dist (a method named eval, as `Module.eval`,
//   called as `model.eval()` or defined as `eval() {`, is not JavaScript's eval and passes);
// - portability: no `node:` imports, `require(`, `process.` or `Buffer` in src (the packages run in browsers).
// Prints one PASS/FAIL line per package and check and a closing summary; exits non-zero on any failure.
// Usage: node scripts/check-supply-chain.mjs [root]   (root defaults to the repository; dist must be built)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(root, 'packages');
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];
const DEPENDENCY_FIELDS = ['peerDependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'];
const DYNAMIC_CODE = [
  [/(?<![.\w$])eval\s*\((?![^()]*\)\s*(?::[^{;=]*)?\{)/, 'eval('],
  [/\b(?:globalThis|window|self|global)\s*\??\.\s*eval\b/, 'eval through the global object'],
  [/\[\s*['"`]eval['"`]\s*\]/, "['eval']"],
  [/\bnew\s+Function\b/, 'new Function'],
  [/(?<!new\s+)(?<![.\w$])Function\s*\(/, 'Function('],
];
const NODE_ONLY = [
  [/['"`]node:/, "a 'node:' import"],
  [/\brequire\s*\(/, 'require('],
  [/(?<![.\w$])process\s*\./, 'process.'],
  [/(?<![\w$])Buffer\b/, 'Buffer'],
];

let failures = 0;
const pass = (check, detail) => console.log(`PASS ${check}${detail ? ` (${detail})` : ''}`);
const fail = (check, detail) => {
  failures++;
  console.log(`FAIL ${check}: ${detail}`);
};

/** Every file below `dir` whose name ends with one of `extensions`. */
function filesUnder(dir, extensions) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, extensions));
    else if (extensions.some((extension) => name.endsWith(extension))) out.push(path);
  }
  return out.sort();
}

/** `file:line` of every line of `files` matching one of `patterns`, with the pattern's label. */
function findings(files, patterns) {
  const found = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      for (const [pattern, label] of patterns) {
        if (pattern.test(line)) found.push(`${relative(root, file)}:${index + 1} ${label}`);
      }
    });
  }
  return found;
}

/** The module specifiers a file imports: static and dynamic `import`, `export ... from`, and `require`. */
function specifiers(text) {
  const out = new Set();
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\s*['"`]([^'"`]+)['"`]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) out.add(match[1]);
  return [...out];
}

const packageDirs = existsSync(packagesDir)
  ? readdirSync(packagesDir)
      .filter((name) => existsSync(join(packagesDir, name, 'package.json')))
      .sort()
  : [];
if (packageDirs.length === 0) fail('library packages', `no package.json under ${packagesDir}`);
const manifests = new Map(
  packageDirs.map((dir) => [dir, JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8'))]),
);
const workspaceNames = new Set([...manifests.values()].map((manifest) => manifest.name));

for (const [dir, manifest] of manifests) {
  const name = manifest.name ?? dir;
  const packageDir = join(packagesDir, dir);

  const foreign = Object.entries(manifest.dependencies ?? {}).filter(
    ([dependency, range]) => !(workspaceNames.has(dependency) && String(range).startsWith('workspace:')),
  );
  const otherFields = DEPENDENCY_FIELDS.filter((field) => {
    const value = manifest[field];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && Object.keys(value).length > 0;
  });
  if (foreign.length > 0 || otherFields.length > 0) {
    const listed = [
      ...foreign.map(([dependency, range]) => `${dependency}@${range}`),
      ...otherFields.map((field) => `${field} is not empty`),
    ];
    fail(`${name} has no runtime dependencies`, listed.join(', '));
  } else {
    const internal = Object.keys(manifest.dependencies ?? {});
    pass(
      `${name} has no runtime dependencies`,
      internal.length > 0 ? `workspace only: ${internal.join(', ')}` : 'none',
    );
  }

  const scripts = INSTALL_SCRIPTS.filter((script) => manifest.scripts?.[script] !== undefined);
  if (scripts.length > 0)
    fail(
      `${name} installs no scripts`,
      scripts.map((script) => `"${script}": ${JSON.stringify(manifest.scripts[script])}`).join(', '),
    );
  else pass(`${name} installs no scripts`);

  const src = filesUnder(join(packageDir, 'src'), ['.ts', '.tsx', '.js', '.mjs', '.cjs']);
  const dist = filesUnder(join(packageDir, 'dist'), ['.js', '.mjs', '.cjs']);
  if (src.length === 0) fail(`${name} sources`, `no files under ${relative(root, join(packageDir, 'src'))}`);
  if (dist.length === 0)
    fail(`${name} build`, `no files under ${relative(root, join(packageDir, 'dist'))}; run \`pnpm build\` first`);

  const imported = [];
  for (const file of [...src, ...dist]) {
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      const allowed =
        specifier.startsWith('.') ||
        [...workspaceNames].some((workspace) => specifier === workspace || specifier.startsWith(`${workspace}/`));
      if (!allowed) imported.push(`${relative(root, file)} imports '${specifier}'`);
    }
  }
  if (imported.length > 0) fail(`${name} imports only its own files and workspace packages`, imported.join('; '));
  else
    pass(
      `${name} imports only its own files and workspace packages`,
      `${src.length} source and ${dist.length} built files`,
    );

  const dynamic = findings([...src, ...dist], DYNAMIC_CODE);
  if (dynamic.length > 0) fail(`${name} uses no eval or Function constructor`, dynamic.join('; '));
  else pass(`${name} uses no eval or Function constructor`);

  const nodeOnly = findings(src, NODE_ONLY);
  if (nodeOnly.length > 0) fail(`${name} sources use no Node-only API`, nodeOnly.join('; '));
  else pass(`${name} sources use no Node-only API`);
}

console.log(
  failures === 0
    ? `check:supply-chain PASS (${manifests.size} packages)`
    : `check:supply-chain FAIL (${failures} failed checks)`,
);
process.exit(failures === 0 ? 0 : 1);
