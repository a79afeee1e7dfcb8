import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = fileURLToPath(new URL('./sync-crash-child.ts', import.meta.url));

export interface ChildCommand {
  /** argv for `node`. */
  args: string[];
  cleanup(): void;
}

/**
 * How to start the crash test's child. Loading the TypeScript sources through tsx costs a
 * couple of seconds of CPU per process, and the SIGKILL test starts dozens, so the child is
 * bundled once with esbuild into a temp folder laid out like the repository (`config/` and
 * `node_modules/` linked beside it, so `config/default.json` and the packages resolve as from
 * `src/`).
 */
export async function childCommand(): Promise<ChildCommand> {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-sync-child-'));
  symlinkSync(join(root, 'config'), join(dir, 'config'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  // config/load.ts finds config/ two folders up from itself: the bundle sits at the same depth.
  mkdirSync(join(dir, 'src', 'config'), { recursive: true });
  const outfile = join(dir, 'src', 'config', 'child.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'error',
  });
  return { args: [outfile], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
