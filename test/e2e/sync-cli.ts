import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEmulators, type TestEmulators } from '../support/emulators.js';

/**
 * The emulators in this process and `bin/zoomlink.js` as a child process pointed at them with
 * the environment `zoomlink emulators` prints, a database in a temp folder, and a config file
 * with short retry delays. Shared by the sync e2e tests.
 */
export const bin = fileURLToPath(new URL('../../bin/zoomlink.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SyncCli {
  emulators: TestEmulators;
  dir: string;
  database: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], options?: { onSpawn?: (pid: number) => void }): Promise<CliRun>;
  close(): Promise<void>;
}

export async function startSyncCli(
  options: { now: string; config?: Record<string, unknown> } = { now: '2030-03-04T08:00:00Z' },
): Promise<SyncCli> {
  const emulators = await startTestEmulators({ seed: 'org', now: new Date(options.now) });
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-sync-e2e-'));
  const database = join(dir, 'zoomlink.db');
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      log: { level: 'error' },
      zoom: { retryBaseMs: 5, retryMaxMs: 20, requestTimeoutMs: 5000 },
      google: { retryBaseMs: 5, retryMaxMs: 20, requestTimeoutMs: 5000 },
      ...options.config,
    }),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...emulators.env,
    ZOOMLINK_DB: database,
    ZOOMLINK_CONFIG: configFile,
    NODE_ENV: 'test',
  };
  return {
    emulators,
    dir,
    database,
    env,
    run(args, runOptions = {}) {
      // The child's clock starts where the emulators' clock is now, and both run on.
      const clock = ['--clock-start', emulators.clock.now().toISOString()];
      const withClock = ['sync', 'reconcile', 'plan', 'decommission'].includes(args[0] ?? '')
        ? [...args, ...clock]
        : args;
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [bin, ...withClock], { env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('error', reject);
        child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
        if (child.pid !== undefined) runOptions.onSpawn?.(child.pid);
      });
    },
    async close() {
      await emulators.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
