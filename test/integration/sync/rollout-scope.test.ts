import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seeded, startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/** A harness on a database file of its own, so that a restart (new settings) keeps the links. */
async function onFile(name: string): Promise<SyncHarness & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `zoomlink-${name}-`));
  const h = await startSyncHarness({ database: { path: join(dir, 'zoomlink.db') } });
  return Object.assign(h, {
    async dispose() {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * Issue 13, scope: bookings that already carry another conference, the optIn and optOut
 * policies, and a policy change reaching the bookings already linked — through both emulators.
 */
describe('rollout: which bookings get a meeting', () => {
  let h: SyncHarness;
  let board: string;
  let huddle: string;
  let alice: string;

  beforeAll(async () => {
    h = await onFile('scope');
    ({ board, huddle, alice } = seeded(h));
  });
  afterAll(() => (h as Awaited<ReturnType<typeof onFile>>).dispose());
  beforeEach(async () => h.settle());

  const zoomTopics = async () => (await h.meetings()).map((m) => m.topic).sort();

  it('a Google Meet booking and a booking with a Teams link get nothing; the others are linked', async () => {
    const meet = await h.book(
      alice,
      [board],
      { summary: 'Meet call', ...berlin(1, 9) },
      { withMeet: true },
    );
    const teams = await h.book(alice, [board], {
      summary: 'Teams call',
      description: 'Join: https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0',
      ...berlin(1, 11),
    });
    const plain = await h.book(alice, [board], { summary: 'Plain', ...berlin(1, 13) });

    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 1, failed: 0 });
    expect(summary.skipped).toMatchObject({ other_conference: 2 });
    expect(await zoomTopics()).toEqual(['Plain']);
    for (const id of [meet.id, teams.id]) {
      expect(h.app.store.links.get(id)).toMatchObject({ state: 'ignored', strategy: 'skipped' });
      const copy = await h.copy(alice, id);
      expect(copy?.description ?? '').not.toContain('[zoomlink-begin]');
    }
    expect(h.app.store.links.get(plain.id)?.state).toBe('linked');
    expect(h.app.store.links.countIgnoredByCode(h.emulators.clock.now())).toMatchObject({
      other_conference: 2,
    });
  });

  it('sync.replaceOtherConferences gives the Meet booking a meeting after all', async () => {
    const meet = await h.book(
      alice,
      [huddle],
      { summary: 'Meet too', ...berlin(2, 9) },
      { withMeet: true },
    );
    const replacing = h.restart({ sync: { replaceOtherConferences: true } });
    try {
      const summary = await replacing.engine.poll();
      expect(summary.meetingsCreated).toBeGreaterThanOrEqual(1);
      expect(replacing.store.links.get(meet.id)?.state).toBe('linked');
    } finally {
      replacing.close();
    }
  });

  it('optOut: a booking with #nozoom gets nothing; the others are linked', async () => {
    const app = h.restart({ sync: { policy: 'optOut' } });
    try {
      const out = await h.book(alice, [huddle], { summary: 'Offsite #NoZoom', ...berlin(3, 9) });
      const kept = await h.book(alice, [huddle], { summary: 'Review', ...berlin(3, 11) });
      const summary = await app.engine.poll();
      expect(summary.skipped).toMatchObject({ policy_opt_out: 1 });
      expect(app.store.links.get(out.id)).toMatchObject({ state: 'ignored' });
      expect(app.store.links.get(kept.id)?.state).toBe('linked');
      const topics = (await h.meetings()).map((m) => m.topic);
      expect(topics).toContain('Review');
      expect(topics).not.toContain('Offsite #NoZoom');
    } finally {
      app.close();
    }
  });
});

describe('rollout: a policy change reaches the bookings already linked', () => {
  let h: Awaited<ReturnType<typeof onFile>>;
  let board: string;
  let alice: string;

  beforeAll(async () => {
    h = await onFile('policy');
    ({ board, alice } = seeded(h));
  });
  afterAll(() => h.dispose());

  it('all → optIn removes exactly the meetings of bookings without the keyword, their blocks, and nothing else; optIn → all links them again', async () => {
    const inTitle = await h.book(alice, [board], { summary: 'Standup #zoom', ...berlin(1, 9) });
    const inDescription = await h.book(alice, [board], {
      summary: 'Planning',
      description: 'Dial in please: #ZOOM',
      ...berlin(1, 11),
    });
    const without = await h.book(alice, [board], {
      summary: 'Lunch',
      description: 'Bring your own.',
      ...berlin(1, 13),
    });
    const series = await h.book(alice, [board], {
      summary: 'Weekly sync',
      description: 'Minutes in the wiki.',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
      ...berlin(2, 15),
    });
    await h.settle();
    const before = await h.meetings();
    expect(before).toHaveLength(4);
    const meetingOf = (id: string) => h.app.store.links.get(id)!.zoomMeetingId!;
    const lunchMeeting = meetingOf(without.id);
    const seriesMeeting = meetingOf(series.id);

    const optIn = h.restart({ sync: { policy: 'optIn' } });
    try {
      h.resetCalls();
      const summary = await optIn.engine.poll();
      expect(summary).toMatchObject({ meetingsCreated: 0, meetingsDeleted: 2, failed: 0 });
      expect(summary.skipped).toMatchObject({ policy_opt_in: 2 });
      const left = (await h.meetings()).map((m) => m.id).sort();
      expect(left).toEqual([meetingOf(inTitle.id), meetingOf(inDescription.id)].sort());
      expect(left).not.toContain(lunchMeeting);
      expect(left).not.toContain(seriesMeeting);
      // Their blocks, locations and properties are gone; what people wrote is as it was.
      for (const [id, text] of [
        [without.id, 'Bring your own.'],
        [series.id, 'Minutes in the wiki.'],
      ] as const) {
        const copy = await h.copy(alice, id);
        expect(copy?.description).toBe(text);
        expect(copy?.location ?? '').toBe('');
        expect(copy?.extendedProperties?.private?.zoomlinkMeetingId).toBeUndefined();
      }
      expect((await h.copy(alice, inDescription.id))?.description).toContain(
        'Dial in please: #ZOOM',
      );
      expect(h.calls()[routes.delete]).toBe(2);
      expect(h.calls()[routes.create]).toBeUndefined();

      // One pass did it: the next one costs one events.list per room.
      await optIn.engine.poll();
      h.resetCalls();
      await optIn.engine.poll();
      expect(h.calls()).toEqual({ [routes.list]: 3 });
    } finally {
      optIn.close();
    }

    // Back to all: the two bookings enter the scope and get (new) meetings.
    const all = h.restart({ sync: { policy: 'all' } });
    try {
      const summary = await all.engine.poll();
      expect(summary).toMatchObject({ meetingsCreated: 2, meetingsDeleted: 0, failed: 0 });
      expect(all.store.links.get(without.id)?.state).toBe('linked');
      expect(all.store.links.get(series.id)?.state).toBe('linked');
      expect(await h.meetings()).toHaveLength(4);
    } finally {
      all.close();
    }
  });
});
