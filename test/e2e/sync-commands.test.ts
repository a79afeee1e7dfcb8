import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassSummary, ReconcileReport } from '../../src/sync/plan/engine-types.js';
import { startSyncCli, type SyncCli } from './sync-cli.js';
import { NOW } from '../support/time.js';

const listPath = '/calendar/v3/calendars/:calendarId/events';

/** `zoomlink sync --once`, `status`, `links` and `reconcile` as child processes against the emulators. */
describe('zoomlink sync / status / links / reconcile', () => {
  let cli: SyncCli;
  let alice: string;
  let board: string;
  let bookingId: string;

  beforeAll(async () => {
    cli = await startSyncCli({ now: NOW });
    alice = cli.emulators.info.people[0]!;
    board = cli.emulators.info.rooms[0]!.calendarId;
    const booking = (await cli.emulators.google.insertEventAs(alice, alice, {
      summary: 'Board meeting',
      start: { dateTime: '2030-03-05T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2030-03-05T11:00:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: [{ email: board, resource: true }],
    })) as { id: string };
    bookingId = booking.id;
  });
  afterAll(() => cli.close());

  it('sync --once --json: one pass, the summary as one JSON object, exit 0', async () => {
    const run = await cli.run(['sync', '--once', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as PassSummary;
    expect(summary).toMatchObject({
      rooms: 3,
      roomsFailed: 0,
      meetingsCreated: 1,
      linksWritten: 1,
      failed: 0,
    });
    expect(summary.results.map((r) => r.ok)).toEqual([true, true, true]);
  });

  it('sync --once: a summary for people; a second pass sees only our write-back', async () => {
    const run = await cli.run(['sync', '--once']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Synced 3 rooms \(0 failed\), 1 event seen, in \d+\.\d s$/m);
    expect(run.stdout).toContain('meetings  created 0, updated 0, deleted 0');
    expect(run.stdout).toContain('links     written 0, removed 0');
  });

  it('status: rooms with their last poll, links by state, no parked host', async () => {
    const json = await cli.run(['status', '--json']);
    expect(json.code).toBe(0);
    const status = JSON.parse(json.stdout) as {
      rooms: { calendarId: string; lastSuccessAt: string | null; lastError: string | null }[];
      links: { total: number; byState: Record<string, number> };
      parkedHosts: unknown[];
      openIntents: number;
    };
    expect(status.rooms).toHaveLength(3);
    expect(status.rooms.every((r) => r.lastSuccessAt !== null && r.lastError === null)).toBe(true);
    expect(status.links.byState.linked).toBe(1);
    expect(status.parkedHosts).toEqual([]);
    expect(status.openIntents).toBe(0);
    const text = await cli.run(['status']);
    expect(text.stdout).toContain('Links: 1 (linked 1)');
    expect(text.stdout).toContain('Parked Zoom hosts: none');
  });

  it('links: one line per pairing, --room filters, --json has no passcode', async () => {
    const text = await cli.run(['links']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${bookingId}\\s+linked\\s+single\\s+\\d{11}\\s+zoom-boardroom@example.com\\s+1\\s+https://zoom.us/j/`,
      ),
    );
    const json = JSON.parse(
      (await cli.run(['links', '--json', '--room', board])).stdout,
    ) as object[];
    expect(json).toHaveLength(1);
    expect(json[0]).not.toHaveProperty('passcode');
  });

  it('reconcile: reports drift (exit 1), --fix repairs it and leaves a meeting it did not make, then there is none', async () => {
    // Drift: the meeting deleted in Zoom by hand, and a meeting carrying our marker that this
    // database never recorded creating (another installation's).
    const state = (await (
      await fetch(`${cli.emulators.zoom.controlUrl.replace('/_emulator', '')}/_emulator/state`)
    ).json()) as {
      meetings: { id: number; deleted?: boolean }[];
    };
    const meetingId = state.meetings.find((m) => !m.deleted)!.id;
    const token = await zoomToken(cli);
    await fetch(`${cli.emulators.info.zoom.apiUrl}/meetings/${meetingId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    const orphan = (await (
      await fetch(`${cli.emulators.info.zoom.apiUrl}/users/zoom-huddle@example.com/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 2,
          topic: 'left behind',
          start_time: '2030-03-06T10:00:00',
          timezone: 'Europe/Berlin',
          agenda:
            'zoomlink:0b5e8c1e-2a47-4c55-9d52-4a3a0e3c9b11 (made by zoomlink for a room booking)',
        }),
      })
    ).json()) as { id: number };

    const report = await cli.run(['reconcile', '--json']);
    expect(report.code).toBe(1);
    const found = JSON.parse(report.stdout) as ReconcileReport;
    expect(found.findings.map((f) => f.kind).sort()).toEqual([
      'meeting_missing',
      'unrecorded_meeting',
    ]);
    expect(found.findings.find((f) => f.kind === 'unrecorded_meeting')?.meetingId).toBe(orphan.id);

    const fixed = await cli.run(['reconcile', '--fix']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain('meeting missing');
    expect(fixed.stdout).toContain('[fixed]');
    expect(fixed.stdout).toContain('unrecorded meeting');
    // Never deleted by reconcile: the operator deletes it, knowing whose it is.
    const still = await fetch(`${cli.emulators.info.zoom.apiUrl}/meetings/${orphan.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(still.status).toBe(200);
    await fetch(`${cli.emulators.info.zoom.apiUrl}/meetings/${orphan.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    const again = await cli.run(['reconcile', '--json']);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as ReconcileReport).findings).toEqual([]);
  });

  it('exits 1 when a room cannot be read, 2 for a wrong command line', async () => {
    await fetch(`${cli.emulators.google.controlUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        path: listPath,
        method: 'GET',
        kind: 'status',
        status: 500,
        count: 100,
      }),
    });
    const failing = await cli.run(['sync', '--once']);
    await fetch(`${cli.emulators.google.controlUrl}/faults`, { method: 'DELETE' });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/Synced 3 rooms \(3 failed\)/);
    expect(failing.stdout).toMatch(/Room .* failed: GOOGLE_SERVER_ERROR/);

    const unknown = await cli.run([
      'sync',
      '--once',
      '--room',
      'nowhere@resource.calendar.google.com',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--room: not a room zoomlink watches');
  });
});

async function zoomToken(cli: SyncCli): Promise<string> {
  const { zoom } = cli.emulators.info;
  const basic = Buffer.from(`${zoom.clientId}:${zoom.clientSecret}`).toString('base64');
  const response = await fetch(
    `${zoom.oauthUrl}/oauth/token?grant_type=account_credentials&account_id=${zoom.accountId}`,
    { method: 'POST', headers: { authorization: `Basic ${basic}` } },
  );
  return ((await response.json()) as { access_token: string }).access_token;
}
