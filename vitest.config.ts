import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'examples'],
    // `pnpm test` turns coverage on (scripts/test.mjs prints a figure per package); the libraries' sources only.
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      reporter: ['json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
