import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DaemonError } from '../../../src/daemon/daemon-error.js';
import { acquireDaemonLock, inspectDaemonLock, lockPathFor } from '../../../src/daemon/lock.js';

const lockModule = fileURLToPath(new URL('../../../src/daemon/lock.ts', import.meta.url));

describe('daemon lock', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zoomlink-lock-'));
    db = join(dir, 'data', 'zoomlink.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets one holder in and refuses the next, naming the holder', () => {
    const first = acquireDaemonLock(db, new Date('2025-03-01T09:00:00Z'), 4242);
    let refused: unknown;
    try {
      acquireDaemonLock(db);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DaemonError);
    expect((refused as DaemonError).code).toBe('DAEMON_ALREADY_RUNNING');
    expect((refused as DaemonError).message).toMatch(
      /process 4242 .* since 2025-03-01T09:00:00.000Z/,
    );
    expect((refused as DaemonError).message).toContain(db);
    expect(inspectDaemonLock(db)).toMatchObject({ pid: 4242 });
    first.release();
    expect(inspectDaemonLock(db)).toBeUndefined();
    const again = acquireDaemonLock(db);
    again.release();
  });

  it('creates the folder and an owner-only lock file beside the database', () => {
    const lock = acquireDaemonLock(db);
    expect(lock.path).toBe(lockPathFor(db));
    expect(statSync(lock.path).mode & 0o077).toBe(0);
    expect(statSync(join(dir, 'data')).mode & 0o077).toBe(0);
    lock.release();
    lock.release(); // twice is harmless
  });

  it('is released by the kernel when the holding process is killed (no stale lock)', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { acquireDaemonLock } = await import(${JSON.stringify(lockModule)});
         acquireDaemonLock(process.argv[1]); console.log('held'); setInterval(() => {}, 1000);`,
        db,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    expect(() => acquireDaemonLock(db)).toThrow(/another zoomlink daemon \(process \d+/);
    expect(inspectDaemonLock(db)?.pid).toBe(child.pid);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const lock = acquireDaemonLock(db);
    lock.release();
  });

  it('needs no lock for an in-memory database', () => {
    const a = acquireDaemonLock(':memory:');
    const b = acquireDaemonLock(':memory:');
    a.release();
    b.release();
  });
});
