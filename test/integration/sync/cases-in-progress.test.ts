import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/** A series is never patched while one of its occurrences is in progress (Zoom would ignore the past start). */
describe('sync engine: an occurrence in progress', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness({ recurrence: { cap: 5, windowRenewBelow: 2 } });
  });
  afterAll(() => h.close());

  it('a window due to move during its last covered occurrence waits for it to be over, then moves', async () => {
    const alice = h.people[0]!;
    const { id } = await h.book(alice, [h.rooms[0]!.calendarId], {
      summary: 'Weekly forever',
      ...berlin(1, 14),
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    await h.app.engine.poll();
    await h.app.engine.poll();
    const before = h.app.store.links.get(id)!;
    expect(before.windowTo).toBe('2030-04-02T12:00:00.000Z');
    h.resetCalls();

    // 2030-04-02 14:30 Berlin: the window's last occurrence (14:00–15:00) is in progress.
    h.advance(Date.parse('2030-04-02T12:30:00Z') - h.emulators.clock.now().getTime());
    const during = await h.app.engine.moveWindows();
    expect(during).toMatchObject({ meetingsUpdated: 0, deferred: 1 });
    expect(h.calls()).toEqual({});
    expect(h.app.store.links.get(id)).toMatchObject({
      state: 'pending',
      nextAttemptAt: '2030-04-02T13:00:00.000Z',
      windowTo: before.windowTo,
    });
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    // Once it is over, the next poll moves the window: one PATCH with a start in the future.
    h.advance(31 * 60_000);
    h.resetCalls();
    const after = await h.app.engine.poll();
    expect(after.meetingsUpdated).toBe(1);
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.update]: 1, [routes.get]: 1 });
    expect(h.app.store.links.get(id)).toMatchObject({
      state: 'linked',
      zoomMeetingId: before.zoomMeetingId,
      windowFrom: '2030-04-09T12:00:00.000Z',
      windowTo: '2030-05-07T12:00:00.000Z',
    });
    const meeting = (await h.meetings()).find((m) => m.id === before.zoomMeetingId)!;
    expect(meeting.occurrences!.map((o) => o.start_time)).toEqual([
      '2030-04-09T12:00:00Z',
      '2030-04-16T12:00:00Z',
      '2030-04-23T12:00:00Z',
      '2030-04-30T12:00:00Z',
      '2030-05-07T12:00:00Z',
    ]);
  });
});

/** Zoom refuses to change a meeting someone started (perhaps early): the change waits, not fails. */
describe('sync engine: a meeting someone started', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness();
  });
  afterAll(() => h.close());

  it('a move waits while the meeting runs, then is made; a cancellation likewise', async () => {
    const alice = h.people[0]!;
    const board = h.rooms[0]!.calendarId;
    // 08:30–09:30 UTC today; the host starts it at 08:00, half an hour early.
    const { id } = await h.book(alice, [board], {
      summary: 'Early start',
      ...berlin(0, 9, 60, 30),
    });
    const other = await h.book(alice, [board], { summary: 'Cancelled', ...berlin(0, 12) });
    await h.settle();
    const meetingId = h.app.store.links.get(id)!.zoomMeetingId!;
    const otherMeetingId = h.app.store.links.get(other.id)!.zoomMeetingId!;
    await h.zoomControl('POST', `/meetings/${meetingId}/start`);
    await h.zoomControl('POST', `/meetings/${otherMeetingId}/start`);

    await h.patchEvent(alice, alice, id, berlin(0, 10));
    await h.deleteEvent(alice, alice, other.id);
    const refused = await h.app.engine.poll();
    expect(refused).toMatchObject({
      failed: 0,
      deferred: 2,
      meetingsUpdated: 0,
      meetingsDeleted: 0,
    });
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.update]: 1, [routes.delete]: 1 });
    const waiting = h.app.store.links.get(id)!;
    expect(waiting.state).toBe('pending');
    // The clock runs on from 08:00 UTC: the recheck is a quarter of an hour after the refusal.
    expect(waiting.nextAttemptAt! >= '2030-03-04T08:15:00.000Z').toBe(true);
    expect(waiting.nextAttemptAt! < '2030-03-04T08:16:00.000Z').toBe(true);
    expect(waiting.lastError).toContain('ZOOM_MEETING_IN_PROGRESS');
    expect(h.app.store.links.get(other.id)).toMatchObject({ state: 'pending' });

    // Until the recheck, no call; the meetings are as they were.
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    // The meetings end; at the recheck both changes go through.
    await h.app.zoom.setMeetingStatus(meetingId, 'end');
    await h.app.zoom.setMeetingStatus(otherMeetingId, 'end');
    h.advance(15 * 60_000);
    h.resetCalls();
    const made = await h.app.engine.poll();
    expect(made).toMatchObject({ failed: 0, deferred: 0, meetingsUpdated: 1, meetingsDeleted: 1 });
    expect(h.app.store.links.get(id)).toMatchObject({
      state: 'linked',
      zoomMeetingId: meetingId,
      lastError: null,
    });
    expect(h.app.store.links.get(other.id)).toMatchObject({ state: 'deleted' });
    const meetings = await h.meetings();
    expect(meetings.find((m) => m.id === meetingId)?.start_time).toBe('2030-03-04T09:00:00Z');
    expect(meetings.some((m) => m.id === otherMeetingId)).toBe(false);
  });
});
