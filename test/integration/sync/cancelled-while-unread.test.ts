import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

const DAY_MS = 86_400_000;

/**
 * A room Google makes read from scratch (410) after a long gap: the read is bounded by
 * `google.fullSyncDaysBack` and never mentions a booking that ended in the gap, so a cancellation
 * made meanwhile is found by reading the organizer's copy of each (soak seed 100017).
 */
describe('sync engine: a booking cancelled while its room was not read', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness();
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());

  it('deletes the meeting of the one cancelled, keeps the other as history, at one read each', async () => {
    const kept = await h.book(alice, [board], { summary: 'Kept', ...berlin(1, 9) });
    const gone = await h.book(alice, [board], { summary: 'Gone', ...berlin(1, 11) });
    await h.app.engine.poll();
    const keptMeeting = h.app.store.links.get(kept.id)!.zoomMeetingId;
    const goneMeeting = h.app.store.links.get(gone.id)!.zoomMeetingId;

    h.advance(10 * DAY_MS);
    await h.deleteEvent(alice, alice, gone.id);
    await h.googleControl('POST', '/sync-tokens/invalidate', {});
    h.resetCalls();
    const summary = await h.app.engine.poll();

    expect(summary.meetingsDeleted).toBe(1);
    expect(h.calls()[routes.delete]).toBe(1);
    // The organizer's copy of each booking that ended in the gap, read once; then the removal's
    // own read of the cancelled copy (there is no block to take out of it).
    expect(h.calls()[routes.get]).toBe(3);
    expect(h.calls()[routes.patch]).toBeUndefined();
    const live = (await h.meetings()).map((m) => m.id);
    expect(live).not.toContain(goneMeeting);
    expect(live).toContain(keptMeeting);
    expect(h.app.store.links.get(kept.id)?.state).toBe('linked');
  });
});
