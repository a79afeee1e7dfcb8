import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run soak`: only the model test's long run (hours at most; it prints what it found). */
export default mergeConfig(
  base,
  defineConfig({ test: { include: ['test/integration/sync/model/*.soak.ts'] } }),
);
