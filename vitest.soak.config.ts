import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** `npm run soak`: only the model test's long run (minutes to hours; it prints what it found). */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ['test/integration/sync/model/*.soak.ts'] },
});
