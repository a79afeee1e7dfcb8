import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and e2e tests start real HTTP servers and child processes: give them room,
    // but never assert wall-clock speed (bench/ measures that).
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one worker on a 2-core CI machine, so the
    // suite took the sum of its files. The tests mostly wait on HTTP and child processes: two
    // workers keep both cores busy.
    maxWorkers: 2,
    // Child processes started by tests run the sources, never a build that may be stale.
    env: { ZOOMLINK_FROM_SOURCE: '1' },
    reporters: ['default'],
  },
});
