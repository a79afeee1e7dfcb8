import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `zoomlink` as a child process, run from the TypeScript sources (through tsx), so an e2e test
 * never runs a stale `dist/`. Collects its output and waits for lines, HTTP answers and its exit.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = `const { main } = await import(${JSON.stringify(join(root, 'src/cli/main.ts'))});
process.exitCode = await main(process.argv.slice(1));`;

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` on stdout (rejects if the process exits first). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): void;
}

/** The environment of this process without anything that would point zoomlink elsewhere. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(ZOOM_|ZOOMLINK_|GOOGLE_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NODE_ENV: 'test', ZOOMLINK_LOG_FORMAT: 'json', ...extra };
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', entry, ...args],
    { cwd: root, env },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
    waitForOutput(pattern, timeoutMs = 30_000) {
      return waitFor(
        () => out.match(pattern) ?? undefined,
        timeoutMs,
        () => `no ${pattern} on stdout.\nstdout: ${out}\nstderr: ${err.slice(-3000)}`,
        exited,
      );
    },
  };
}

/** Polls `probe` until it gives a value; fails with `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string,
  abandon?: Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void abandon?.then(() => (gone = true));
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (gone) throw new Error(`the process exited: ${describe()}`);
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A temporary folder with a `ZOOMLINK_CONFIG` file holding `config`. */
export function tempConfig(config: Record<string, unknown>): {
  dir: string;
  file: string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-e2e-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
