#!/usr/bin/env node
// `npm start`: builds zoomlink when dist/ is missing or older than its sources (`npm run build`),
// then runs the daemon (`zoomlink run`, in this same process, so signals reach it directly). With
// no credentials configured, `zoomlink run` is the demo against the built-in emulators.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What the build reads: a change to any of these makes dist/ stale. */
const buildInputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function walk(path, visit) {
  const stat = statSync(path);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry), visit);
  else visit(path, stat);
}

/** Why dist/ must be built again, or undefined when it is up to date. */
export function needsBuild(dir = root) {
  const entry = join(dir, 'dist', 'cli', 'main.js');
  if (!existsSync(entry)) return 'dist/ is missing';
  // Every output of one build is written together: the oldest one dates the build.
  let builtAt = Infinity;
  walk(join(dir, 'dist'), (file, stat) => {
    if (file.endsWith('.js')) builtAt = Math.min(builtAt, stat.mtimeMs);
  });
  let newest = { file: '', at: 0 };
  for (const input of buildInputs) {
    const path = join(dir, input);
    if (!existsSync(path)) continue;
    walk(path, (file, stat) => {
      if (stat.mtimeMs > newest.at) newest = { file, at: stat.mtimeMs };
    });
  }
  return newest.at > builtAt
    ? `${newest.file.slice(dir.length).replace(/^[\\/]/, '')} is newer than dist/`
    : undefined;
}

function build() {
  // Under npm, npm_execpath is npm's own script: run the build with the same npm and node.
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (result.status !== 0) {
    console.error(
      'zoomlink: the build failed (see above). `npm install` installs what it needs (TypeScript is a dev dependency); or run a released build that ships dist/.',
    );
    process.exit(result.status ?? 1);
  }
}

async function main() {
  const reason = needsBuild();
  if (reason) {
    console.log(`zoomlink: building first (${reason}).`);
    build();
  }
  const bin = join(root, 'bin', 'zoomlink.js');
  process.argv = [process.argv[0], bin, 'run', ...process.argv.slice(2)];
  await import(pathToFileURL(bin).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
