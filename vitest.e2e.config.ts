import { defineConfig } from 'vitest/config';

// End-to-end: Playwright (playwright-core) drives system Chromium against `auteur serve`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
