import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CalendarApiError } from '../../../src/google/index.js';
import {
  admin,
  ana,
  at,
  bo,
  liveEvent,
  readAll,
  rooms,
  startGoogleHarness,
  type GoogleHarness,
} from './google-harness.js';
import { googleRoutes as routes } from '../../support/routes.js';

describe('Google adapter: reading room calendars', () => {
  let google: GoogleHarness;
  beforeAll(async () => {
    google = await startGoogleHarness();
  });
  afterAll(async () => google.close());
  beforeEach(async () => google.resetCalls());

  it('a full sync, then incremental syncs that return only what changed', async () => {
    const room = rooms.board;
    const single = await google.book(ana, room, { summary: 'Budget', ...at(1, 10) });
    const series = await google.book(bo, room, {
      summary: 'Weekly standup',
      ...at(1, 9, 15),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU'],
    });
    const allDay = await google.book(ana, room, {
      summary: 'Offsite prep',
      start: { date: '2030-03-06' },
      end: { date: '2030-03-07' },
    });
    const { adapter } = google.adapter();

    const full = await readAll(adapter, room, null);
    expect(full.tokensSeen).toBe(1);
    expect(full.events).toHaveLength(3);
    expect(liveEvent(full.events, single.id)).toMatchObject({
      kind: 'single',
      summary: 'Budget',
      roomResponse: 'accepted',
      organizer: { email: ana },
      allDay: false,
      eventType: 'default',
    });
    expect(liveEvent(full.events, series.id)).toMatchObject({
      kind: 'master',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU'],
      start: { timeZone: 'Europe/Berlin' },
    });
    expect(liveEvent(full.events, allDay.id)).toMatchObject({
      allDay: true,
      start: { date: '2030-03-06' },
    });

    // Nothing changed: one call, nothing returned, a new token.
    await google.resetCalls();
    const quiet = await readAll(adapter, room, full.token!);
    expect(quiet.events).toEqual([]);
    expect(quiet.token).toBeDefined();
    expect(await google.byRoute()).toEqual({ [routes.list]: 1 });

    // One booking moved, one deleted, one instance of the series moved, one cancelled.
    await google.control('PATCH', `/events/${encodeURIComponent(ana)}/${single.id}`, {
      as: ana,
      event: { ...at(1, 14) },
    });
    await google.control('DELETE', `/events/${encodeURIComponent(ana)}/${allDay.id}?as=${ana}`);
    const cancelledId = `${series.id}_20300312T080000Z`; // the 2nd Tuesday, 09:00 Berlin
    const movedId = `${series.id}_20300319T080000Z`;
    await google.control('DELETE', `/events/${encodeURIComponent(bo)}/${cancelledId}?as=${bo}`);
    await google.control('PATCH', `/events/${encodeURIComponent(bo)}/${movedId}`, {
      as: bo,
      event: { ...at(15, 11, 15) },
    });

    const changed = await readAll(adapter, room, quiet.token!);
    const kinds = Object.fromEntries(changed.events.map((e) => [e.eventId, e.kind]));
    expect(kinds).toEqual({
      [single.id]: 'single',
      [allDay.id]: 'deleted',
      [cancelledId]: 'cancelledInstance',
      [movedId]: 'exception',
    });
    expect(liveEvent(changed.events, single.id).start.dateTime).toMatch(
      /T14:00:00\+01:00$|T13:00:00Z$/,
    );
    expect(changed.events.find((e) => e.eventId === cancelledId)).toEqual({
      kind: 'cancelledInstance',
      calendarId: room,
      eventId: cancelledId,
      recurringEventId: series.id,
      originalStartTime: expect.objectContaining({ dateTime: expect.any(String) }),
    });
    expect(liveEvent(changed.events, movedId)).toMatchObject({
      kind: 'exception',
      recurringEventId: series.id,
      originalStartTime: expect.objectContaining({ dateTime: expect.any(String) }),
    });

    const again = await readAll(adapter, room, changed.token!);
    expect(again.events).toEqual([]);
  });

  it('reads every page; only the last carries the sync token, also on incremental passes', async () => {
    const room = rooms.focus;
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1)
      ids.push((await google.book(ana, room, { summary: `Slot ${i}`, ...at(2, 8 + i, 30) })).id);
    const { adapter } = google.adapter({ google: { pageSize: 3 } });

    await google.resetCalls();
    const full = await readAll(adapter, room, null);
    expect(full.pages).toBe(3);
    expect(full.tokensSeen).toBe(1);
    expect(full.events.map((e) => e.eventId).sort()).toEqual([...ids].sort());
    expect(await google.byRoute()).toMatchObject({ [routes.list]: 3 });

    for (const id of ids.slice(0, 4)) {
      await google.control('PATCH', `/events/${encodeURIComponent(ana)}/${id}`, {
        as: ana,
        event: { description: 'agenda attached' },
      });
    }
    const incremental = await readAll(adapter, room, full.token!);
    expect(incremental.pages).toBe(2);
    expect(incremental.tokensSeen).toBe(1);
    expect(incremental.events.map((e) => e.eventId).sort()).toEqual(ids.slice(0, 4).sort());
  });

  it('bounds the full sync by google.fullSyncDaysBack', async () => {
    const room = rooms.legacy;
    const old = await google.book(ana, room, { summary: 'Long ago', ...at(-10, 10) });
    const recent = await google.book(ana, room, { summary: 'Yesterday', ...at(-1, 10) });
    const week = await readAll(
      google.adapter({ google: { fullSyncDaysBack: 7 } }).adapter,
      room,
      null,
    );
    expect(week.events.map((e) => e.eventId)).toEqual([recent.id]);
    const everything = await readAll(
      google.adapter({ google: { fullSyncDaysBack: 0 } }).adapter,
      room,
      null,
    );
    expect(everything.events.map((e) => e.eventId).sort()).toEqual([old.id, recent.id].sort());
  });

  it('a 410 on the sync token is GOOGLE_FULL_SYNC_REQUIRED; a full sync then recovers', async () => {
    const room = rooms.board;
    const { adapter } = google.adapter();
    const first = await readAll(adapter, room, null);
    await google.control('POST', '/sync-tokens/invalidate', { calendarId: room });

    await google.resetCalls();
    const failure = await readAll(adapter, room, first.token!).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CalendarApiError);
    expect(failure).toMatchObject({
      code: 'GOOGLE_FULL_SYNC_REQUIRED',
      status: 410,
      reason: 'fullSyncRequired',
      retryable: false,
    });
    expect((failure as Error).message).toContain(room);
    // 410 is not retried: exactly one call.
    expect(await google.byRoute()).toEqual({ [routes.list]: 1 });

    const recovered = await readAll(adapter, room, null);
    expect(recovered.events.map((e) => e.eventId).sort()).toEqual(
      first.events.map((e) => e.eventId).sort(),
    );
    expect((await readAll(adapter, room, recovered.token!)).events).toEqual([]);
  });

  it('sees a booking the room declined, and reads as the admin subject only', async () => {
    const room = rooms.focus;
    const first = await google.book(ana, room, { summary: 'Mine', ...at(3, 10) });
    const clash = await google.book(bo, room, { summary: 'Clash', ...at(3, 10) });
    const { adapter } = google.adapter({ google: { fullSyncDaysBack: 0 } });
    const { events } = await readAll(adapter, room, null);
    expect(liveEvent(events, first.id).roomResponse).toBe('accepted');
    expect(liveEvent(events, clash.id).roomResponse).toBe('declined');
    const users = google.emulator.server.calls.summary().byTag.user ?? {};
    expect(Object.keys(users)).toEqual([admin]);
  });
});
