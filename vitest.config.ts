import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests start real HTTP servers and child processes: give them room,
    // but never assert wall-clock speed (bench/ measures that).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Child processes started by tests run the sources, never a build that may be stale.
    env: { ZOOMLINK_FROM_SOURCE: '1' },
    reporters: ['default'],
  },
});
