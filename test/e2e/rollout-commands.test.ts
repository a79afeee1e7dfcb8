import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireDaemonLock } from '../../src/daemon/lock.js';
import type { CallLog, CallRecord } from '../../src/emulators/kit/index.js';

type Call = Omit<CallRecord, 'seq'>;
import { openStore } from '../../src/store/index.js';
import { startSyncCli, type SyncCli } from './sync-cli.js';
import { berlin, NOW } from '../support/time.js';

interface Item {
  id: string;
  status: string;
  description?: string;
  location?: string;
  recurringEventId?: string;
  extendedProperties?: { private?: Record<string, string> };
}

/**
 * Issue 13 as an operator runs it: `zoomlink plan --json`, then a sync, then `zoomlink
 * decommission` — listed without --yes, refused while a daemon holds the database, and with
 * --yes killed (SIGKILL) after a few of its calls and run again until it finishes: no meeting
 * and no block are left, every description is the text people wrote, and nothing was deleted
 * or written twice.
 */
describe('zoomlink plan and decommission', () => {
  let cli: SyncCli;
  let board: string;
  let huddle: string;
  let alice: string;
  const people: Record<string, string> = {};
  let budget: { left: number; hit: () => void } | undefined;
  const log: Call[] = [];

  beforeAll(async () => {
    cli = await startSyncCli({ now: NOW });
    [board, huddle] = cli.emulators.info.rooms.map((r) => r.calendarId) as [string, string];
    alice = cli.emulators.info.people[0]!;
    for (const server of [cli.emulators.google.server, cli.emulators.zoom.server]) {
      const calls: CallLog = server.calls;
      const record = calls.record.bind(calls);
      calls.record = (entry) => {
        record(entry);
        log.push(entry);
        if (budget && (budget.left -= 1) === 0) budget.hit();
      };
    }
  });
  afterAll(() => cli?.close());

  async function book(rooms: string[], event: Record<string, unknown>): Promise<string> {
    const made = (await cli.emulators.google.insertEventAs(alice, alice, {
      ...event,
      attendees: rooms.map((email) => ({ email, resource: true })),
    })) as { id: string };
    people[made.id] = String(event.description ?? '');
    return made.id;
  }
  async function items(calendarId: string): Promise<Item[]> {
    const response = await fetch(
      `${cli.emulators.google.controlUrl}/state?calendar=${encodeURIComponent(calendarId)}`,
    );
    const state = (await response.json()) as { calendars: { id: string; items?: Item[] }[] };
    return (
      state.calendars.find((c) => c.id.toLowerCase() === calendarId.toLowerCase())?.items ?? []
    );
  }
  async function liveMeetings(): Promise<{ id: number }[]> {
    const response = await fetch(`${cli.emulators.zoom.controlUrl}/state`);
    const state = (await response.json()) as { meetings: { id: number; deleted: boolean }[] };
    return state.meetings.filter((m) => !m.deleted);
  }

  it('plan --json: the plan as one object, nothing written, no daemon lock needed', async () => {
    await book([board], {
      summary: 'Budget',
      description: 'Agenda:\n1. numbers',
      ...berlin(1, 10),
    });
    await book([board, huddle], {
      summary: 'All hands',
      description: '<b>Bring questions</b>',
      ...berlin(1, 14),
    });
    await book([huddle], {
      summary: 'Weekly',
      description: 'Minutes: wiki/weekly',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
      ...berlin(2, 9),
    });
    const lock = acquireDaemonLock(cli.database);
    let run;
    try {
      log.length = 0;
      run = await cli.run(['plan', '--json']);
    } finally {
      lock.release();
    }
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout) as { bookings: { actions: string[] }[]; counts: object };
    expect(Object.keys(plan)).toEqual(['bookings', 'counts']);
    expect(plan.bookings).toHaveLength(3);
    expect(plan.counts).toMatchObject({ bookings: 3, create: 3 });
    const writes = log.filter((c) => c.method !== 'GET' && !c.path.endsWith('/token'));
    expect(writes).toEqual([]);

    const text = await cli.run(['plan']);
    expect(text.stdout).toMatch(/ROOM\s+BOOKING\s+ACTIONS\s+STRATEGY\s+HOST\s+REASON/);
    expect(text.stdout).toContain('Nothing was changed');

    const sync = await cli.run(['sync', '--once', '--json']);
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ meetingsCreated: 3, failed: 0 });
  });

  it('decommission without --yes lists and changes nothing; with a daemon running it refuses', async () => {
    log.length = 0;
    const dry = await cli.run(['decommission']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Nothing was changed');
    expect(log.filter((c) => c.method !== 'GET' && !c.path.endsWith('/token'))).toEqual([]);
    expect(await liveMeetings()).toHaveLength(3);

    const lock = acquireDaemonLock(cli.database);
    try {
      const refused = await cli.run(['decommission', '--yes']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('DAEMON_ALREADY_RUNNING');
    } finally {
      lock.release();
    }
    expect(await liveMeetings()).toHaveLength(3);
  });

  it('decommission --yes killed mid-run and run again leaves no meeting, no block, and every description as people wrote it', async () => {
    const meetings = (await liveMeetings()).map((m) => m.id);
    log.length = 0;
    let kills = 0;
    let finished = false;
    // Killed after 2, then 3, then 5 of its calls (past its token), then left to finish.
    for (const after of [2, 3, 5, 0]) {
      let pid: number | undefined;
      budget =
        after === 0
          ? undefined
          : { left: after, hit: () => pid !== undefined && process.kill(pid, 'SIGKILL') };
      const run = await cli.run(['decommission', '--yes', '--json'], {
        onSpawn: (p) => (pid = p),
      });
      budget = undefined;
      if (run.signal === 'SIGKILL') {
        kills += 1;
        if (process.env.ROLLOUT_TRACE)
          console.log(
            'killed after',
            after,
            log.map((c) => `${c.method} ${c.path} ${c.status}`),
          );
        continue;
      }
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      finished = true;
      break;
    }
    expect(finished).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(2);

    expect(await liveMeetings()).toEqual([]);
    for (const calendarId of [alice, board, huddle]) {
      for (const item of await items(calendarId)) {
        expect(item.description ?? '').not.toContain('[zoomlink-');
        expect(item.location ?? '').not.toMatch(/zoom/);
        expect(item.extendedProperties?.private?.zoomlinkMeetingId).toBeUndefined();
        const master = item.recurringEventId ?? item.id;
        if (calendarId === alice && master in people)
          expect(item.description ?? '').toBe(people[master]);
      }
    }
    // Nothing touched twice: each meeting deleted once (a repeat finds it gone, 404), each copy
    // patched once.
    const deletes = log.filter((c) => c.method === 'DELETE');
    // At most the one DELETE in flight when a run was killed is sent again (and finds it gone).
    expect(deletes.length).toBeLessThanOrEqual(meetings.length + kills);
    const deleted = deletes.filter((c) => c.status === 204);
    expect(deleted.map((c) => c.path).sort()).toEqual(
      meetings.map((id) => `/v2/meetings/${id}`).sort(),
    );
    const patched = log.filter((c) => c.method === 'PATCH' && c.status === 200).map((c) => c.path);
    expect(new Set(patched).size).toBe(patched.length);

    const store = openStore({ path: cli.database });
    try {
      expect(store.decommissions.doneIds().size).toBe(3);
    } finally {
      store.close();
    }
    const links = await cli.run(['links', '--json']);
    expect((JSON.parse(links.stdout) as { state: string }[]).map((l) => l.state)).toEqual([
      'decommissioned',
      'decommissioned',
      'decommissioned',
    ]);

    // Run once more: nothing left to do, no call that changes anything.
    log.length = 0;
    const again = await cli.run(['decommission', '--yes']);
    expect(again.code).toBe(0);
    expect(log.filter((c) => c.method !== 'GET' && !c.path.endsWith('/token'))).toEqual([]);
  });
});
