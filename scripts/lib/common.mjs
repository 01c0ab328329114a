// Shared helpers of the packaging, browser and size checks: the library packages, a check reporter,
// temporary folders outside the workspace, and a node_modules that links the packages by name.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The published packages, dependencies first. */
export const PACKAGE_NAMES = ['tensor', 'autograd', 'nn', 'onnx'];

/** Reads one library package: its folder, manifest and workspace (internal) dependencies. */
export function readPackage(shortName) {
  const dir = join(ROOT, 'packages', shortName);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const internal = Object.keys(manifest.dependencies ?? {}).filter((name) => name.startsWith('@chainrule/'));
  return { shortName, dir, name: manifest.name, version: manifest.version, manifest, internal };
}

export const PACKAGES = PACKAGE_NAMES.map(readPackage);
export const PACKAGE_BY_NAME = new Map(PACKAGES.map((pkg) => [pkg.name, pkg]));

/** The package itself and every workspace package it depends on, transitively, dependencies first. */
export function withInternalDependencies(pkg) {
  const result = [];
  const visit = (current) => {
    for (const name of current.internal) {
      const dependency = PACKAGE_BY_NAME.get(name);
      if (!dependency) throw new Error(`${current.name} depends on unknown workspace package ${name}`);
      visit(dependency);
    }
    if (!result.includes(current)) result.push(current);
  };
  visit(pkg);
  return result;
}

/** Fails early, with the fix, when a package has not been built. */
export function requireBuilt(report) {
  let built = true;
  for (const pkg of PACKAGES) {
    const entry = join(pkg.dir, 'dist', 'index.js');
    if (!existsSync(entry)) {
      report.fail(`${pkg.name} built`, `${relative(ROOT, entry)} is missing: run \`pnpm build\` first`);
      built = false;
    }
  }
  return built;
}

/**
 * Collects one result line per check and exits non-zero if any failed.
 * Each line reads `PASS <check> (<detail>)` or `FAIL <check>: <detail>`.
 */
export function createReport(title) {
  const results = [];
  const started = performance.now();
  return {
    pass(check, detail = '') {
      results.push({ check, ok: true });
      console.log(`PASS ${check}${detail ? ` (${detail})` : ''}`);
    },
    fail(check, detail) {
      results.push({ check, ok: false });
      console.log(`FAIL ${check}: ${detail}`);
    },
    /** Runs `fn`; a throw becomes a failed check, a returned string the detail of a passed one. */
    async check(check, fn) {
      try {
        const detail = await fn();
        this.pass(check, detail ?? '');
        return true;
      } catch (error) {
        this.fail(check, oneLine(error instanceof Error ? error.message : String(error)));
        return false;
      }
    },
    get failed() {
      return results.filter((result) => !result.ok).length;
    },
    finish() {
      const failed = this.failed;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${title}: ${results.length - failed} passed, ${failed} failed (${seconds}s)`);
      process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
    },
  };
}

/** Squeezes a multi-line message into one readable line (the reporter prints one line per check). */
export function oneLine(text, limit = 2000) {
  const squeezed = text.replace(/\s*\n\s*/g, ' | ').trim();
  return squeezed.length > limit ? `${squeezed.slice(0, limit)}...` : squeezed;
}

/** Runs a command; throws with its output when it exits non-zero. Returns stdout. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim();
    throw new Error(`\`${command} ${args.join(' ')}\` exited with ${result.status}: ${output}`);
  }
  return result.stdout;
}

/** A fresh folder in the system temp dir (outside the workspace, so nothing resolves from the repo). */
export function makeTempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `chainrule-${prefix}-`));
  if (!relative(ROOT, dir).startsWith('..')) throw new Error(`temp dir ${dir} lies inside the workspace ${ROOT}`);
  return dir;
}

export function removeDir(dir) {
  if (!process.env.CHAINRULE_KEEP_TEMP) rmSync(dir, { recursive: true, force: true });
  else console.log(`(kept ${dir})`);
}

/**
 * Makes `<dir>/node_modules/@chainrule/<name>` link to each workspace package, so a file in `dir`
 * imports the packages by name and a bundler resolves them through their `exports` maps.
 */
export function linkPackages(dir) {
  const scope = join(dir, 'node_modules', '@chainrule');
  mkdirSync(scope, { recursive: true });
  for (const pkg of PACKAGES) symlinkSync(pkg.dir, join(scope, pkg.shortName), 'dir');
  return join(dir, 'node_modules');
}

/** Formats a byte count as KB with two decimals (1 KB = 1024 bytes). */
export function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(2)} KB`;
}
