import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/index.js';
import { daemonConfigProblems, diagnoseDaemon } from '../../../src/daemon/diagnose.js';
import { acquireDaemonLock } from '../../../src/daemon/lock.js';
import { openStore } from '../../../src/store/index.js';

/** `diagnoseDaemon` and `daemonConfigProblems`: the daemon's side of `zoomlink doctor`. */
describe('the daemon’s checks', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zoomlink-daemon-diagnose-'));
    db = join(dir, 'zoomlink.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the daemon that holds the database’s lock, after the database checks', () => {
    openStore({ path: db }).close();
    expect(diagnoseDaemon(db).map((c) => c.name)).toEqual(['database']);
    const lock = acquireDaemonLock(db, new Date('2030-03-04T08:00:00Z'), 4242);
    try {
      const checks = diagnoseDaemon(db);
      expect(checks.map((c) => c.name)).toEqual(['database', 'daemon']);
      expect(checks[1]).toEqual({
        name: 'daemon',
        status: 'ok',
        detail: expect.stringMatching(
          /^a daemon is running on this database: process 4242 on \S+ since 2030-03-04T08:00:00.000Z$/,
        ),
      });
    } finally {
      lock.release();
    }
    expect(diagnoseDaemon(db).map((c) => c.name)).toEqual(['database']);
  });

  it('finds a status page served beyond loopback without a token', () => {
    const config = (server: Record<string, unknown>) => configSchema.parse({ server });
    expect(daemonConfigProblems(config({}))).toEqual([]);
    expect(daemonConfigProblems(config({ host: '0.0.0.0', enabled: false }))).toEqual([]);
    expect(
      daemonConfigProblems(config({ host: '0.0.0.0', token: 'a-long-random-token-0123' })),
    ).toEqual([]);
    expect(daemonConfigProblems(config({ host: '0.0.0.0' }))).toEqual([
      expect.stringMatching(/^DAEMON_SERVER_UNPROTECTED: server.host is 0.0.0.0, beyond loopback/),
    ]);
  });
});
