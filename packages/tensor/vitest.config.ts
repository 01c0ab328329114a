import { defineProject } from 'vitest/config';
import { sourceAliases, sourcePlugins } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: sourceAliases },
  plugins: sourcePlugins,
  test: { name: 'tensor', include: ['test/**/*.test.ts'] },
});
