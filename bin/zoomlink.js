#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build`); in a development checkout without a build,
// or when ZOOMLINK_FROM_SOURCE=1 (set by the test runner, so a stale build is never tested),
// runs the TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli/main.js', import.meta.url);
let main;
if (existsSync(built) && process.env.ZOOMLINK_FROM_SOURCE !== '1') {
  ({ main } = await import(built.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
