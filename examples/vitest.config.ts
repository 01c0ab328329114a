import { defineProject } from 'vitest/config';
import { sourceAliases, sourcePlugins } from '../vitest.shared';

export default defineProject({
  resolve: { alias: sourceAliases },
  plugins: sourcePlugins,
  // Each example trains a small network when it is imported: seconds on a busy machine.
  test: { name: 'examples', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
