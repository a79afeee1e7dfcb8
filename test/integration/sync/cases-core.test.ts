import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logRecords, startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/**
 * Issue 5, cases 1, 2 and 7 through both emulators with the real clients, with the exact calls
 * each costs, read from the emulators' counters.
 */
describe('sync engine: the core cases', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness();
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    // Earlier tests' bookings are synced; each test starts from a quiet state.
    await h.settle();
  });

  it('case 1: a new single booking gets one meeting on the room host, written to the organizer copy', async () => {
    const { id } = await h.book(alice, [board], { summary: 'Quarterly review', ...berlin(1, 10) });

    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({
      rooms: 3,
      roomsFailed: 0,
      meetingsCreated: 1,
      linksWritten: 1,
    });

    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    // The read and the write are of the organizer's copy, acting as the organizer.
    expect(h.callsFor('calendar', alice)).toEqual({ [routes.get]: 1, [routes.patch]: 1 });

    const meetings = (await h.meetings()).filter((m) => m.topic === 'Quarterly review');
    expect(meetings).toHaveLength(1);
    const meeting = meetings[0]!;
    expect(meeting).toMatchObject({ type: 2, host_email: h.rooms[0]!.zoomHost, duration: 60 });
    expect(meeting.start_time).toBe('2030-03-05T09:00:00Z');

    const organizerCopy = await h.copy(alice, id);
    expect(organizerCopy?.description).toContain(meeting.join_url);
    expect(organizerCopy?.location).toBe(meeting.join_url);
    expect(organizerCopy?.extendedProperties?.private?.zoomlinkMeetingId).toBe(String(meeting.id));
    const roomCopy = await h.copy(board, id);
    expect(roomCopy?.description).toContain(meeting.join_url);

    const link = h.app.store.links.get(id);
    expect(link).toMatchObject({
      state: 'linked',
      strategy: 'single',
      zoomMeetingId: meeting.id,
      zoomHost: h.rooms[0]!.zoomHost,
      rooms: [board],
      writebackCalendarId: alice,
    });

    // One JSON log line per remote write, naming the room, the booking, the meeting, the result.
    const actions = logRecords.filter((r) => r.message === 'action' && r.eventId === id);
    expect(actions.map((r) => [r.service, r.action, r.result, r.room])).toEqual([
      ['zoom', 'meeting.create', 'ok', board],
      ['google', 'event.writeback', 'ok', board],
    ]);
    expect(actions.every((r) => r.meetingId === meeting.id)).toBe(true);
    expect(JSON.stringify(actions)).not.toContain(meeting.password ?? 'no passcode');
  });

  it('case 7: the poll that sees our own write-back, and a poll with no change, cost one events.list per room', async () => {
    const { id } = await h.book(alice, [board], { summary: 'Design sync', ...berlin(2, 14) });
    await h.app.engine.poll();
    const linked = h.app.store.links.get(id)!;
    h.resetCalls();

    const seesWriteBack = await h.app.engine.poll();
    expect(seesWriteBack.eventsSeen).toBeGreaterThan(0);
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    h.resetCalls();
    const quiet = await h.app.engine.poll();
    expect(quiet.eventsSeen).toBe(0);
    expect(h.calls()).toEqual({ [routes.list]: 3 });
    expect(h.app.store.links.get(id)).toMatchObject({
      state: 'linked',
      zoomHash: linked.zoomHash,
      writebackHash: linked.writebackHash,
    });
  });

  it('case 2: a new series gets one type 8 meeting whose occurrences equal Google’s; EXDATEs are deleted occurrences', async () => {
    // Weekly on Tuesdays, 6 times, the third one excluded by an EXDATE.
    const { id } = await h.book(alice, [board], {
      summary: 'Team weekly',
      ...berlin(1, 9),
      recurrence: [
        'RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=6',
        'EXDATE;TZID=Europe/Berlin:20300319T090000',
      ],
    });
    await h.app.engine.poll();

    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.delete]: 1,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    expect(h.callsFor('calendar', alice)).toEqual({ [routes.get]: 1, [routes.patch]: 1 });

    const meeting = (await h.meetings()).find((m) => m.topic === 'Team weekly')!;
    expect(meeting.type).toBe(8);
    const zoomStarts = (meeting.occurrences ?? [])
      .filter((o) => o.status !== 'deleted')
      .map((o) => o.start_time);
    // Berlin is UTC+1 until March 31 and UTC+2 after: the wall-clock time stays 09:00.
    const googleStarts = [
      '2030-03-05T08:00:00Z',
      '2030-03-12T08:00:00Z',
      '2030-03-26T08:00:00Z',
      '2030-04-02T07:00:00Z',
      '2030-04-09T07:00:00Z',
    ];
    expect(zoomStarts).toEqual(googleStarts);
    // The Zoom series says "6 times"; the EXDATE is one Zoom occurrence deleted after the create.
    expect(
      (meeting.occurrences ?? []).filter((o) => o.status === 'deleted').map((o) => o.start_time),
    ).toEqual(['2030-03-19T08:00:00Z']);
    expect(h.app.store.links.get(id)).toMatchObject({ strategy: 'series', state: 'linked' });
  });
});
