import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../../src/emulators/org.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/** Issue 5, cases 10, 13 and 14: bookings zoomlink leaves alone, and one booking in two rooms. */
describe('sync engine: foreign links, skipped bookings, two rooms', () => {
  let h: SyncHarness;
  let board: string;
  let huddle: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness();
    board = h.rooms[0]!.calendarId;
    huddle = h.rooms[1]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.settle();
  });

  it('case 10: an event that already has a Zoom link zoomlink did not make is left alone, and recorded', async () => {
    const foreignUrl = 'https://us02web.zoom.us/j/81234567890?pwd=someoneElse';
    const { id } = await h.book(alice, [board], {
      summary: 'Partner call',
      description: `Join: ${foreignUrl}`,
      ...berlin(1, 16),
    });
    const summary = await h.app.engine.poll();
    expect(summary.skipped).toEqual({ foreign_zoom_link: 1 });
    expect(h.calls()).toEqual({ [routes.list]: 3 });
    expect(h.app.store.links.get(id)).toMatchObject({
      strategy: 'foreign',
      state: 'ignored',
      rooms: [board],
    });
    expect(h.app.store.links.get(id)?.reason).toContain(foreignUrl);
    expect((await h.copy(alice, id))?.description).toBe(`Join: ${foreignUrl}`);

    // Seen again: still nothing, and nothing new to record.
    h.resetCalls();
    await h.patchEvent(alice, alice, id, { summary: 'Partner call (2)' });
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });
  });

  it('case 13: all-day, declined-by-room and past events are skipped and counted, at no Zoom call', async () => {
    await h.book(alice, [board], {
      summary: 'Offsite',
      start: { date: '2030-03-08' },
      end: { date: '2030-03-09' },
    });
    // The room holds 17:00 on day 1 already; a second booking then is declined by the room.
    await h.book(alice, [board], { summary: 'First come', ...berlin(1, 17) });
    await h.app.engine.poll();
    h.resetCalls();
    const late = await h.book(h.people[1]!, [board], { summary: 'Second come', ...berlin(1, 17) });
    const past = await h.book(alice, [board], { summary: 'Yesterday', ...berlin(-1, 10) });
    const summary = await h.app.engine.poll();
    expect(summary.skipped).toEqual({ declined_by_room: 1, finished: 1 });
    expect(summary.meetingsCreated).toBe(0);
    expect(h.calls()).toEqual({ [routes.list]: 3 });
    // Recorded, so that exceptions read while the room declines it are kept (soak seed 100011).
    expect(h.app.store.links.get(late.id)).toMatchObject({
      strategy: 'skipped',
      state: 'ignored',
      reason: 'the room declined it',
    });
    expect(h.app.store.links.get(past.id)).toMatchObject({ strategy: 'skipped', state: 'ignored' });
    const allDay = h.app.store.links.list().find((l) => l.reason?.startsWith('an all-day'));
    expect(allDay).toMatchObject({ strategy: 'skipped', state: 'ignored' });
  });

  it('case 14: a booking that holds two rooms gets one meeting, on the host of the first room by calendar id', async () => {
    const { id } = await h.book(alice, [board, huddle], { summary: 'All hands', ...berlin(2, 10) });
    const summary = await h.app.engine.poll();
    expect(summary.meetingsCreated).toBe(1);
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    const [first] = [board, huddle].sort();
    const host = h.rooms.find((r) => r.calendarId === first)!.zoomHost;
    expect(h.callsFor('host', host)).toEqual({ [routes.create]: 1 });
    const link = h.app.store.links.get(id)!;
    expect(link).toMatchObject({ zoomHost: host, rooms: [board, huddle].sort() });
    expect((await h.meetings()).filter((m) => m.topic === 'All hands')).toHaveLength(1);
    for (const room of [board, huddle])
      expect((await h.copy(room, id))?.description).toContain(link.joinUrl!);

    // One room is taken off: the other still holds the booking, so the meeting stays. One read
    // of the organizer's copy tells a room taken off from a booking cancelled.
    h.resetCalls();
    await h.app.engine.poll();
    await h.patchEvent(alice, alice, id, { attendees: [{ email: huddle, resource: true }] });
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 6, [routes.get]: 1 });
    expect(h.app.store.links.get(id)).toMatchObject({
      state: 'linked',
      zoomMeetingId: link.zoomMeetingId,
      rooms: [huddle],
    });
  });
  it('an outside organizer with two watched rooms: each room’s copy gets the block, and loses it when the booking goes', async () => {
    const dana = seedOrganisation.externalOrganizers[0]!.email;
    const { id } = await h.book(dana, [board, huddle], {
      summary: 'Partner visit',
      ...berlin(3, 11),
    });
    await h.app.engine.poll();
    // One meeting; our block on each room's copy (one read and one patch each), as the admin:
    // the organizer's own copy is not ours to write.
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.get]: 2,
      [routes.patch]: 2,
    });
    const link = h.app.store.links.get(id)!;
    for (const room of [board, huddle]) {
      expect(h.callsFor('calendar', room)).toEqual({
        [routes.list]: 1,
        [routes.get]: 1,
        [routes.patch]: 1,
      });
      expect((await h.copy(room, id))?.description).toContain(link.joinUrl!);
    }
    expect((await h.copy(dana, id))?.description ?? '').not.toContain(link.joinUrl!);

    // Each room's poll sees our write on its own copy: nothing more.
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    // It stops being a booking zoomlink links (all day): the meeting is deleted, and what we
    // wrote is taken out of each room's copy. The organizer's change replaced the description
    // and location there; our private property is each copy's own and stays until we remove it.
    await h.patchEvent(dana, dana, id, {
      start: { date: '2030-03-07', dateTime: null, timeZone: null },
      end: { date: '2030-03-08', dateTime: null, timeZone: null },
    });
    h.resetCalls();
    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsDeleted: 1, linksRemoved: 2 });
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.delete]: 1,
      [routes.get]: 2,
      [routes.patch]: 2,
    });
    for (const room of [board, huddle]) {
      const copy = await h.copy(room, id);
      expect(copy?.extendedProperties?.private?.zoomlinkMeetingId).toBeUndefined();
      expect(copy?.description ?? '').not.toContain(link.joinUrl!);
    }
    expect(h.app.store.links.get(id)).toMatchObject({ strategy: 'skipped', state: 'ignored' });
  });
});

/** Issue 5, cases 11 and 12, and case 4's replacement: fallbacks and moving windows. */
describe('sync engine: fallbacks and windows', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness({
      recurrence: { fallback: 'per_occurrence', cap: 5, windowRenewBelow: 2 },
    });
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.settle();
  });

  it('case 11: occurrences no Zoom series holds get the configured fallback: one meeting per occurrence', async () => {
    // Weekly at 08:00, plus one extra date at 15:00: a Zoom series has one clock time.
    const { id } = await h.book(alice, [board], {
      summary: 'Clinic',
      ...berlin(1, 8),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE;TZID=Europe/Berlin:20300307T150000'],
    });
    const summary = await h.app.engine.poll();
    expect(summary.meetingsCreated).toBe(4);
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 4,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    const link = h.app.store.links.get(id)!;
    expect(link).toMatchObject({ strategy: 'per_occurrence', state: 'linked' });
    expect(link.reason).toMatch(/^time_of_day_rule:/);
    const meetings = h.app.store.occurrenceMeetings.listForLink(id);
    expect(meetings.map((m) => m.occurrenceStart)).toEqual([
      '2030-03-05T07:00:00.000Z',
      '2030-03-07T14:00:00.000Z',
      '2030-03-12T07:00:00.000Z',
      '2030-03-19T07:00:00.000Z',
    ]);
    const description = (await h.copy(alice, id))!.description!;
    for (const m of meetings) expect(description).toContain(m.joinUrl);
  });

  it('a rule Zoom has no word for (the 1st and 2nd Tuesday) is a weekly series, the other Tuesdays deleted after the create', async () => {
    const { id } = await h.book(alice, [board], {
      summary: 'Early in the month',
      ...berlin(1, 10),
      recurrence: ['RRULE:FREQ=MONTHLY;BYDAY=1TU,2TU;COUNT=3'],
    });
    await h.app.engine.poll();
    // One create and two occurrence deletes (no daily quota), never a meeting per occurrence.
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.delete]: 2,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    const meeting = (await h.meetings()).find((m) => m.topic === 'Early in the month')!;
    expect(meeting).toMatchObject({
      type: 8,
      recurrence: { type: 2, repeat_interval: 1, weekly_days: '3', end_times: 5 },
    });
    const live = (meeting.occurrences ?? []).filter((o) => o.status !== 'deleted');
    // Berlin is UTC+1 until March 31 and UTC+2 after: the wall-clock time stays 10:00.
    expect(live.map((o) => o.start_time)).toEqual([
      '2030-03-05T09:00:00Z',
      '2030-03-12T09:00:00Z',
      '2030-04-02T08:00:00Z',
    ]);
    expect(h.app.store.links.get(id)).toMatchObject({
      strategy: 'series',
      state: 'linked',
      reason: 'weekly on Tuesday, 5 occurrences, 2 removed',
    });
  });

  it('case 11 (no fixed time) and case 4 (replaced): to and from one meeting per occurrence', async () => {
    const other = await startSyncHarness({}, {});
    try {
      const { id } = await other.book(other.people[0]!, [other.rooms[0]!.calendarId], {
        summary: 'Twice a day',
        ...berlin(1, 12),
        recurrence: ['RRULE:FREQ=DAILY;BYHOUR=12,16;COUNT=4'],
      });
      await other.app.engine.poll();
      expect(other.app.store.links.get(id)).toMatchObject({ strategy: 'no_fixed_time' });
      expect(other.app.store.links.get(id)?.reason).toMatch(/^time_of_day_rule:/);
      expect((await other.meetings()).find((m) => m.topic === 'Twice a day')?.type).toBe(3);
    } finally {
      await other.close();
    }

    const { id } = await h.book(alice, [board], {
      summary: 'Becomes irregular',
      ...berlin(1, 12),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
    });
    await h.app.engine.poll();
    await h.app.engine.poll();
    const series = h.app.store.links.get(id)!;
    expect(series.strategy).toBe('series');
    h.resetCalls();
    await h.patchEvent(alice, alice, id, {
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE;TZID=Europe/Berlin:20300306T160000'],
    });
    await h.app.engine.poll();
    // Zoom cannot turn one meeting into four: the old one is deleted, four are made, and the
    // link is rewritten.
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.delete]: 1,
      [routes.create]: 4,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    const copy = (await h.copy(alice, id))!;
    expect(copy.description).not.toContain(series.joinUrl!);
    expect(copy.location ?? '').not.toContain(series.joinUrl!);
    expect((await h.meetings()).some((m) => m.id === series.zoomMeetingId)).toBe(false);
  });

  it('case 12: an unbounded series is a window of meetings moved forward before it runs out, keeping the link', async () => {
    const { id } = await h.book(alice, [board], {
      summary: 'Forever weekly',
      ...berlin(1, 14),
      recurrence: ['RRULE:FREQ=WEEKLY'],
    });
    await h.app.engine.poll();
    await h.app.engine.poll();
    const before = h.app.store.links.get(id)!;
    expect(before).toMatchObject({
      strategy: 'series',
      windowFrom: '2030-03-05T13:00:00.000Z',
      windowTo: '2030-04-02T12:00:00.000Z',
    });
    h.resetCalls();
    expect((await h.app.engine.moveWindows()).meetingsUpdated).toBe(0);
    expect(h.calls()).toEqual({});

    // Four weeks on, one covered occurrence is left (fewer than windowRenewBelow = 2).
    h.advance(27 * 86_400_000);
    const moved = await h.app.engine.moveWindows();
    expect(moved.meetingsUpdated).toBe(1);
    // One PATCH of the recurrence (same meeting), and the write-back's read of the copy.
    expect(h.calls()).toEqual({ [routes.update]: 1, [routes.get]: 1 });
    const after = h.app.store.links.get(id)!;
    expect(after).toMatchObject({
      zoomMeetingId: before.zoomMeetingId,
      joinUrl: before.joinUrl,
      windowFrom: '2030-04-02T12:00:00.000Z',
      windowTo: '2030-04-30T12:00:00.000Z',
    });
    const meeting = (await h.meetings()).find((m) => m.id === before.zoomMeetingId)!;
    expect(meeting.occurrences!.map((o) => o.start_time)).toEqual([
      '2030-04-02T12:00:00Z',
      '2030-04-09T12:00:00Z',
      '2030-04-16T12:00:00Z',
      '2030-04-23T12:00:00Z',
      '2030-04-30T12:00:00Z',
    ]);
  });
});
