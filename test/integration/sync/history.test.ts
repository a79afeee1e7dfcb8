import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneHistory } from '../../../src/daemon/housekeeping.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

const DAY = 86_400_000;

/**
 * History through both emulators: the engine keeps when each booking ends, the status page's
 * query finds the upcoming ones by it, and the daily prune removes a link only once its booking
 * ended before the retention and Zoom no longer lists its meeting — so reconcile never takes a
 * meeting of a pruned link for an orphan, and a pruned booking never gets a meeting again.
 */
describe('sync engine: history', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness();
  });
  afterAll(() => h.close());

  it('prunes a link once its booking is long over and Zoom has let its meeting expire', async () => {
    const alice = h.people[0]!;
    const board = h.rooms[0]!;
    const { store, engine } = h.app;
    const single = await h.book(alice, [board.calendarId], {
      summary: 'One-off',
      ...berlin(1, 10),
    });
    const series = await h.book(alice, [board.calendarId], {
      summary: 'Two weeks',
      ...berlin(1, 12),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'],
    });
    const forever = await h.book(alice, [board.calendarId], {
      summary: 'Forever',
      ...berlin(2, 9),
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    await engine.poll();
    await engine.poll();
    const ids = [single.id, series.id, forever.id];
    const meetingOf = (id: string) => store.links.get(id)!.zoomMeetingId!;
    const [singleMeeting, seriesMeeting] = [meetingOf(single.id), meetingOf(series.id)];

    const now = () => h.emulators.clock.now();
    // A series linked before schema 2 has no end on its link; the window pass works it out.
    store.links.update(series.id, { span: { startsAt: '2030-03-05T11:00:00Z', endsAt: null } });
    expect(store.links.listLinkedWithoutEnd()).toEqual([forever.id, series.id].sort());
    h.resetCalls();
    await engine.moveWindows();
    expect(h.calls()).toEqual({});
    expect(store.links.listLinkedWithoutEnd()).toEqual([forever.id]);
    expect(store.links.listUpcoming(now(), 10).map((l) => l.eventId)).toEqual(ids);
    // The single ended 2030-03-05, the series 2030-03-12; the unbounded one never does.
    expect(store.links.countUpcoming(new Date('2030-03-12T11:59:00Z'))).toBe(2);
    expect(store.links.listUpcoming(new Date('2030-03-12T12:00:00Z'), 10)).toHaveLength(1);

    // 100 days on: both are over by more than the 90 days kept. Zoom forgot the one-off meeting
    // 30 days after it; it lists the recurring one for a year.
    h.advance(100 * DAY);
    const listed = (await h.app.zoom.listMeetings(board.zoomHost)).map((m) => m.id);
    expect(listed).not.toContain(singleMeeting);
    expect(listed).toContain(seriesMeeting);
    h.resetCalls();
    expect(pruneHistory(store, now(), 90)).toMatchObject({ links: 1 });
    expect(h.calls()).toEqual({});
    expect(store.links.get(single.id)).toBeUndefined();
    expect(store.links.get(series.id)?.state).toBe('linked');

    const report = await engine.reconcile({ fix: false });
    expect(report.findings).toEqual([]);
    h.resetCalls();
    const poll = await engine.poll();
    expect(poll.meetingsCreated).toBe(0);
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    // A year after the series ended Zoom forgets its meeting too; the unbounded one stays.
    h.advance(300 * DAY);
    expect(pruneHistory(store, now(), 90)).toMatchObject({ links: 1 });
    expect(store.links.list().map((l) => l.eventId)).toEqual([forever.id]);
    expect((await engine.reconcile({ fix: false })).findings).toEqual([]);
  });
});
