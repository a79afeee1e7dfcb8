import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';

// `zoomlink zoom meetings|invitation` configured through the environment to use the emulator:
// in this process through the CLI's `main` (child processes cost seconds each on CI's 2 cores),
// and once as a child process through bin/zoomlink.js.
const bin = fileURLToPath(new URL('../../../bin/zoomlink.js', import.meta.url));
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('zoomlink zoom', () => {
  let zoom: ZoomHarness;
  let env: NodeJS.ProcessEnv;
  const ids: Record<string, number> = {};

  /** Runs the CLI in this process with `env`, capturing what it prints. */
  async function run(...args: string[]): Promise<Run> {
    const out: string[] = [];
    const err: string[] = [];
    const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write };
    const capture = (into: string[]) =>
      ((chunk: string | Uint8Array) => {
        into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      }) as typeof process.stdout.write;
    process.env = env;
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    try {
      const code = await main(args);
      return { code, stdout: out.join(''), stderr: err.join('') };
    } finally {
      process.env = saved.env;
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
      process.exitCode = undefined;
    }
  }

  const runChild = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
    env = { ...process.env, ZOOMLINK_LOG_LEVEL: 'warn' };
    delete env.ZOOMLINK_CONFIG;
    Object.assign(env, {
      ZOOM_ACCOUNT_ID: zoom.emulator.accountId,
      ZOOM_CLIENT_ID: zoom.emulator.clientId,
      ZOOM_CLIENT_SECRET: zoom.emulator.clientSecret,
      ZOOM_API_URL: zoom.emulator.apiUrl,
      ZOOM_OAUTH_URL: zoom.emulator.oauthUrl,
    });
    for (const [name, days] of [
      ['before', 1],
      ['inside', 3],
      ['after', 6],
    ] as const) {
      const meeting = await zoom.client.createMeeting(host, {
        type: 2,
        topic: `Booking ${name}`,
        start_time: wallTime(NOW, days, '10:00:00'),
        timezone: 'UTC',
        duration: 30,
      });
      ids[name] = meeting.id;
    }
  });
  afterAll(async () => zoom.close());

  it('lists the meetings that start in the window, as JSON', async () => {
    const result = await run(
      'zoom',
      'meetings',
      '--host',
      host,
      '--from',
      '2030-03-16',
      '--to',
      '2030-03-19',
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const meetings = JSON.parse(result.stdout) as Array<{ id: number; topic: string }>;
    expect(meetings.map((m) => m.id)).toEqual([ids.inside]);
  });

  it('lists them as a table for people', async () => {
    const result = await run(
      'zoom',
      'meetings',
      '--host',
      host,
      '--from',
      '2030-03-15T00:00:00Z',
      '--to',
      '2030-03-21',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^START \(UTC\)\s+DURATION\s+MEETING ID\s+TYPE\s+TOPIC$/);
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines[1]).toContain('2030-03-15 10:00Z');
    expect(lines[1]).toContain(String(ids.before));
    expect(lines[1]).toContain('Booking before');
  });

  it('prints the invitation text (as a child process, through bin/zoomlink.js)', async () => {
    const id = String(ids.inside);
    const spaced = `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`;
    const result = await runChild('zoom', 'invitation', spaced);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Booking inside');
    expect(result.stdout).not.toContain('\r');
  });

  it('exits 2 naming the flag for bad input, before calling Zoom', async () => {
    await zoom.resetCalls();
    const badDate = await run('zoom', 'meetings', '--host', host, '--from', 'next week');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/^--from: /);
    const backwards = await run(
      'zoom',
      'meetings',
      '--host',
      host,
      '--from',
      '2030-03-16',
      '--to',
      '2030-03-15',
    );
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/^--to: /);
    const noHost = await run('zoom', 'meetings');
    expect(noHost.code).toBe(2);
    expect(noHost.stderr).toContain('--host');
    const badId = await run('zoom', 'invitation', 'abc');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/^meetingId: /);
    expect((await zoom.calls()).total).toBe(0);
  });

  it('exits 1 with the Zoom error code for a meeting that does not exist', async () => {
    const result = await run('zoom', 'invitation', '99999999999');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ZOOM_MEETING_NOT_FOUND');
  });

  it('exits 2 naming the missing credentials', async () => {
    const saved = env;
    env = { ...env, ZOOM_CLIENT_SECRET: '' };
    try {
      const result = await run('zoom', 'meetings', '--host', host);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('zoom.clientSecret: missing');
    } finally {
      env = saved;
    }
  });
});
