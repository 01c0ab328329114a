import { defineProject } from 'vitest/config';
import { sourceAliases, sourcePlugins } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: sourceAliases },
  plugins: sourcePlugins,
  // The CLI tests run the built demo as processes, several at once: on a busy machine one takes seconds.
  test: { name: 'demo', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});
