import { createRequire } from 'node:module';
import { version as demoVersion } from '../../package.json';

/** The packages whose versions `--version` reports beside the demo's own. */
export const LIBRARY_PACKAGES = ['@chainrule/tensor', '@chainrule/autograd', '@chainrule/nn'] as const;

/**
 * The `--version` line: the demo's version (from its package.json, built in), then the version of each library
 * package it runs on (read from the installed package.json) and of Node:
 * `chainrule-demo 0.0.0 (@chainrule/tensor 0.0.0, @chainrule/autograd 0.0.0, @chainrule/nn 0.0.0; Node v20.19.0)`.
 */
export function versionText(): string {
  const require = createRequire(import.meta.url);
  const libraries = LIBRARY_PACKAGES.map(
    (name) => `${name} ${(require(`${name}/package.json`) as { version: string }).version}`,
  );
  return `chainrule-demo ${demoVersion} (${libraries.join(', ')}; Node ${process.version})\n`;
}
