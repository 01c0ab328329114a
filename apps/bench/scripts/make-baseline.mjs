// pnpm bench:baseline [REF]: builds chainrule at REF (default: main) and bundles the bench's chainrule suite against
// that build into apps/bench/.baseline/suite.mjs. `pnpm bench` then times it beside the working tree's build, in the
// same run, under the names "<implementation> (baseline)": a change is measured against what it changes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ref = process.argv[2] ?? 'main';
const bench = fileURLToPath(new URL('..', import.meta.url));
const root = join(bench, '..', '..');
const out = join(bench, '.baseline');
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });

const commit = execFileSync('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
const checkout = mkdtempSync(join(tmpdir(), 'chainrule-baseline-'));
process.stderr.write(`baseline: building ${ref} (${commit}) in ${checkout}\n`);
try {
  run('git', ['worktree', 'add', '--detach', checkout, commit], root);
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--silent'], checkout);
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=./packages/*', '--output-logs=errors-only'], checkout);
  const dist = (name, entry = 'index') => join(checkout, 'packages', name, 'dist', `${entry}.js`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(bench, 'src', 'chainrule', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: join(out, 'suite.mjs'),
    alias: {
      // Its own alias: esbuild maps a subpath of an aliased package under the target (dist/index.js/internal).
      '@chainrule/tensor/internal': dist('tensor', 'internal'),
      '@chainrule/tensor': dist('tensor'),
      '@chainrule/autograd': dist('autograd'),
      '@chainrule/nn': dist('nn'),
    },
    external: ['@tensorflow/*', '@jax-js/*'],
    logLevel: 'warning',
  });
  writeFileSync(join(out, 'ref.json'), `${JSON.stringify({ ref, commit }, null, 2)}\n`);
  process.stderr.write(`baseline: wrote ${join(out, 'suite.mjs')}\n`);
} finally {
  run('git', ['worktree', 'remove', '--force', checkout], root);
}
