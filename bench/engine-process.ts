/**
 * Runs a benchmark's scenario in a process of its own that holds the engine alone, as the daemon
 * runs it: compiled JavaScript (bundled with esbuild, packages from node_modules), not the
 * TypeScript loader the benchmarks run under, whose own memory would be counted as the engine's,
 * and with the daemon's node flags.
 * The scenario's result comes back as one JSON line.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../test/support/node-bundle.js';

/**
 * The node flags the daemon runs with under PM2 (`ecosystem.config.js`): the engine's process
 * runs with the same. `BENCH_ENGINE_NODE_ARGS` replaces them (a profile, other heap settings).
 */
async function daemonNodeArgs(): Promise<string[]> {
  const override = process.env.BENCH_ENGINE_NODE_ARGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  const { apps } = (await import(new URL('../ecosystem.config.js', import.meta.url).href)) as {
    apps: Array<{ node_args?: string[] | string }>;
  };
  const args = apps[0]?.node_args ?? [];
  return typeof args === 'string' ? args.split(' ').filter(Boolean) : args;
}
const entry = fileURLToPath(new URL('./engine-child.ts', import.meta.url));

export async function runInEngineProcess<T>(spec: unknown): Promise<T> {
  const bundle = await bundleForNode(entry, 'zoomlink-bench-engine-');
  try {
    const nodeArgs = await daemonNodeArgs();
    const child = spawn(process.execPath, [...nodeArgs, bundle.file], {
      env: { ...process.env, BENCH_ENGINE_SPEC: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: T | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as T;
      else process.stderr.write(`${line}\n`);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0 || result === undefined)
      throw new Error(`the engine's process exited with ${code} and no result`);
    return result;
  } finally {
    bundle.cleanup();
  }
}
