import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests start real host processes on real SQLite files,
// so they run with few workers on a 2-core machine and generous timeouts.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
