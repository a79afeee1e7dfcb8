import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/cli/app.js';
import { seedOrganisation } from '../../../src/emulators/org.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';

/**
 * Issue 10, the engine's part: reconcile deletes only meetings this database recorded creating
 * (and at most `sync.reconcileMaxDeletes` a run); a copy older than the one applied does not move
 * a meeting back; one stored event that cannot be planned does not stop the window pass.
 */
describe('reconcile deletes only what this database made', () => {
  let h: SyncHarness;
  let dir: string;
  const others: App[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zoomlink-hardening-'));
    h = await startSyncHarness({ database: { path: join(dir, 'main.db') } });
  });
  afterAll(async () => {
    for (const app of others) app.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another installation on the same accounts, with its own (new) database. */
  function otherInstallation(name: string, more: Record<string, unknown> = {}): App {
    const app = h.restart({ database: { path: join(dir, `${name}.db`) }, ...more });
    others.push(app);
    return app;
  }

  /** Links lost (as a pruned or damaged database loses them); their intents stay. */
  function forgetLinks(file: string, links: { eventId: string }[]): void {
    const db = new Database(join(dir, file));
    const forget = db.prepare('DELETE FROM links WHERE event_id = ?');
    for (const link of links) forget.run(link.eventId);
    db.close();
  }

  it('an empty or a foreign database reports our meetings and deletes none of them', async () => {
    const [board, huddle] = h.rooms.map((r) => r.calendarId);
    const alice = h.people[0]!;
    for (const hour of [9, 10, 11])
      await h.book(alice, [board!], { summary: `Ours ${hour}`, ...berlin(2, hour) });
    await h.app.engine.poll({ rooms: [board!] });
    const ours = (await h.meetings()).map((m) => m.id);
    expect(ours).toHaveLength(3);

    const empty = otherInstallation('empty');
    const report = await empty.engine.reconcile({ fix: true });
    expect(report.findings.map((f) => f.kind)).toEqual(Array(3).fill('unrecorded_meeting'));
    expect(report.findings.every((f) => f.fixed === undefined)).toBe(true);
    expect((await h.meetings()).map((m) => m.id)).toEqual(ours);

    // A foreign database: another installation that linked a booking of its own.
    await h.book(alice, [huddle!], { summary: 'Theirs', ...berlin(2, 12) });
    const foreign = otherInstallation('foreign');
    await foreign.engine.poll({ rooms: [huddle!] });
    const theirs = foreign.store.links.list().map((l) => l.zoomMeetingId);
    expect(theirs).toHaveLength(1);
    const fromForeign = await foreign.engine.reconcile({ fix: true });
    expect(fromForeign.findings.filter((f) => f.kind !== 'unrecorded_meeting')).toEqual([]);
    const fromOurs = await h.app.engine.reconcile({ fix: true });
    expect(fromOurs.findings).toEqual([
      expect.objectContaining({ kind: 'unrecorded_meeting', meetingId: theirs[0] }),
    ]);
    expect((await h.meetings()).map((m) => m.id).sort()).toEqual([...ours, ...theirs].sort());
  });

  it('deletes at most sync.reconcileMaxDeletes orphans a run, and none from a store with no links', async () => {
    const capped = h.restart({ sync: { reconcileMaxDeletes: 2 } });
    others.push(capped);
    // Three of our bookings lose their links (the meetings stay in Zoom): orphans we made.
    const links = capped.store.links.list().filter((l) => l.state === 'linked');
    expect(links).toHaveLength(3);
    forgetLinks('main.db', links.slice(0, 2));
    const first = await capped.engine.reconcile({ fix: true });
    const orphans = first.findings.filter((f) => f.kind === 'orphan_meeting');
    expect(orphans.map((f) => f.fixed)).toEqual([true, true]);

    forgetLinks('main.db', [links[2]!]);
    const onlyReports = await capped.engine.reconcile({ fix: true });
    expect(onlyReports.findings.filter((f) => f.kind === 'orphan_meeting')).toEqual([
      expect.objectContaining({ fixed: false, detail: expect.stringContaining('holds no links') }),
    ]);
    expect((await h.meetings()).some((m) => m.id === links[2]!.zoomMeetingId)).toBe(true);
  });

  it('the cap leaves the rest reported', async () => {
    const capped = h.restart({
      database: { path: join(dir, 'cap.db') },
      sync: { reconcileMaxDeletes: 1 },
    });
    others.push(capped);
    const alice = h.people[1]!;
    const huddle = h.rooms[1]!.calendarId;
    for (const hour of [14, 15, 16])
      await h.book(alice, [huddle], { summary: `Cap ${hour}`, ...berlin(3, hour) });
    await capped.engine.poll({ rooms: [huddle] });
    const made = capped.store.links.list().filter((l) => l.state === 'linked');
    forgetLinks('cap.db', made.slice(0, 2));
    const report = await capped.engine.reconcile({ fix: true });
    const orphans = report.findings.filter((f) => f.kind === 'orphan_meeting');
    expect(orphans.map((f) => f.fixed)).toEqual([true, false]);
    expect(orphans[1]!.detail).toContain('sync.reconcileMaxDeletes');
  });
});

describe('copies of an outside organizer’s booking', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness();
  });
  afterAll(() => h.close());

  it('a room’s copy older than the one applied does not move the meeting back', async () => {
    const [board, huddle] = h.rooms.map((r) => r.calendarId);
    const admin = h.emulators.info.env.GOOGLE_ADMIN_SUBJECT!;
    const dana = seedOrganisation.externalOrganizers[0]!.email;
    const { id } = await h.book(dana, [board!, huddle!], {
      summary: 'Partner visit',
      ...berlin(3, 11),
    });
    await h.settle();
    const meetingId = h.app.store.links.get(id)!.zoomMeetingId!;

    // The huddle room's copy changes first (an older version of the booking reaches it) …
    h.advance(60_000);
    await h.patchEvent(admin, huddle!, id, { summary: 'Partner visit (old)' });
    // … then the organizer's move reaches the boardroom's copy.
    h.advance(60_000);
    await h.patchEvent(admin, board!, id, { summary: 'Partner visit (moved)', ...berlin(3, 15) });
    // The boardroom is read first, the huddle room after it: the older copy is not applied.
    await h.app.engine.poll();
    const meeting = (await h.meetings()).find((m) => m.id === meetingId)!;
    expect(meeting).toMatchObject({
      topic: 'Partner visit (moved)',
      start_time: '2030-03-07T14:00:00Z',
    });
  });
});

describe('the window pass', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness({ recurrence: { cap: 5, windowRenewBelow: 2 } });
  });
  afterAll(() => h.close());

  it('a stored event that cannot be planned fails alone; the links after it still move', async () => {
    const board = h.rooms[0]!.calendarId;
    const alice = h.people[0]!;
    for (const hour of [9, 14])
      await h.book(alice, [board], {
        summary: `Forever ${hour}`,
        ...berlin(1, hour),
        recurrence: ['RRULE:FREQ=WEEKLY'],
      });
    await h.settle();
    const [broken, healthy] = h.app.store.links
      .listByState('linked')
      .filter((l) => l.strategy === 'series');
    // A stored event the planner cannot read (as a database from another version might hold).
    const snapshot = h.app.store.links.getSnapshot(broken!.eventId)!;
    h.app.store.links.update(broken!.eventId, {
      eventSnapshot: { ...snapshot, rooms: undefined } as never,
    });

    h.advance(27 * 86_400_000);
    const moved = await h.app.engine.moveWindows();
    expect(moved.meetingsUpdated).toBe(1);
    expect(moved.failed).toBe(1);
    expect(h.app.store.links.get(healthy!.eventId)!.windowFrom).not.toBe(healthy!.windowFrom);
    expect(h.app.store.links.get(broken!.eventId)!.state).toBe('failed');
  });
});
