import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface NodeBundle {
  /** The bundled entry, for `node`. */
  file: string;
  /** Removes the bundle's folder. */
  cleanup(): void;
}

/**
 * Bundles a TypeScript entry with esbuild (packages left to `node_modules`) for a child process:
 * compiled JavaScript as the daemon runs it, started in a fraction of what loading the sources
 * through tsx costs, and without the loader's memory. The bundle sits in a temp folder laid out
 * like the repository: `config/` and `node_modules/` linked at its root, the bundle at
 * `src/config/`, the depth from which `config/load.ts` finds `config/default.json`.
 */
export async function bundleForNode(entry: string, tempPrefix: string): Promise<NodeBundle> {
  const dir = mkdtempSync(join(tmpdir(), tempPrefix));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    symlinkSync(join(root, 'config'), join(dir, 'config'));
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'src', 'config'), { recursive: true });
    const file = join(dir, 'src', 'config', 'bundle.mjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile: file,
      logLevel: 'error',
    });
    return { file, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
