import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

// Every client call over real HTTP, with the number of calls each cost.
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';

describe('Zoom client: meetings', () => {
  let zoom: ZoomHarness;
  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => zoom.resetCalls());

  it('creates a scheduled meeting (201), with the settings asked for, and reads it back', async () => {
    const created = await zoom.client.createMeeting(host, {
      type: 2,
      topic: 'Board room: budget',
      start_time: wallTime(NOW, 1, '10:30:00'),
      timezone: 'Europe/Berlin',
      duration: 45,
      agenda: 'zoomlink:event=abc',
      settings: { join_before_host: true },
    });
    expect(created.id).toBeGreaterThan(10_000_000_000);
    // 10:30 in Berlin (UTC+1 in March) is 09:30 UTC, returned with Z.
    expect(created.start_time).toBe('2030-03-15T09:30:00Z');
    expect(created.join_url).toMatch(/^https:\/\/.*\/j\/\d+/);
    expect(created.settings?.join_before_host).toBe(true);

    const read = await zoom.client.getMeeting(created.id);
    expect(read).toMatchObject({ id: created.id, topic: 'Board room: budget', duration: 45 });
    expect(read?.agenda).toBe('zoomlink:event=abc');

    const calls = await zoom.calls();
    expect(calls.byRoute).toEqual({ [routes.token]: 1, [routes.create]: 1, [routes.get]: 1 });
  });

  it('creates a recurring meeting and reads, moves and deletes single occurrences', async () => {
    const series = await zoom.client.createMeeting(host, {
      type: 8,
      topic: 'Weekly standup',
      start_time: wallTime(NOW, 5, '09:00:00'), // a Tuesday
      timezone: 'Europe/Berlin',
      duration: 15,
      recurrence: { type: 2, repeat_interval: 1, weekly_days: '3,5', end_times: 4 },
    });
    const occurrences = series.occurrences ?? [];
    expect(occurrences).toHaveLength(4);
    for (const o of occurrences) expect(Date.parse(o.start_time)).toBe(Number(o.occurrence_id));
    const [first, second] = occurrences;

    const one = await zoom.client.getMeeting(series.id, { occurrenceId: second!.occurrence_id });
    expect(one?.start_time).toBe(second!.start_time);

    expect(
      await zoom.client.updateMeeting(
        series.id,
        { duration: 50 },
        { occurrenceId: first!.occurrence_id },
      ),
    ).toBe('updated');
    expect(
      await zoom.client.deleteMeeting(series.id, { occurrenceId: second!.occurrence_id }),
    ).toBe('deleted');

    const after = await zoom.client.getMeeting(series.id, { showPreviousOccurrences: true });
    const byId = new Map(after?.occurrences?.map((o) => [o.occurrence_id, o]));
    expect(byId.get(first!.occurrence_id)?.duration).toBe(50);
    expect(byId.get(second!.occurrence_id)?.status ?? 'deleted').toBe('deleted');
    expect(after?.duration).toBe(15);

    const calls = await zoom.calls();
    expect(calls.byRoute[routes.create]).toBe(1);
    expect(calls.byRoute[routes.get]).toBe(2);
    expect(calls.byRoute[routes.update]).toBe(1);
    expect(calls.byRoute[routes.delete]).toBe(1);
    // Query strings are part of the call, not of the route.
    const log = calls.log.map((c) => `${c.method} ${c.path}`);
    expect(log).toContain(`PATCH /v2/meetings/${series.id}`);
  });

  it('updates a whole meeting (204) and answers gone for one that does not exist', async () => {
    const meeting = await zoom.client.createMeeting(host, {
      type: 2,
      topic: 'Before',
      start_time: wallTime(NOW, 2),
      timezone: 'Europe/Berlin',
      duration: 30,
    });
    expect(await zoom.client.updateMeeting(meeting.id, { topic: 'After', duration: 60 })).toBe(
      'updated',
    );
    expect(await zoom.client.getMeeting(meeting.id)).toMatchObject({
      topic: 'After',
      duration: 60,
    });
    expect(await zoom.client.updateMeeting(99_999_999_999, { topic: 'x' })).toBe('gone');
    expect(await zoom.count(routes.update)).toBe(2);
  });

  it('deletes a meeting (204); deleting it again is "gone", reading it is null; recover brings it back', async () => {
    const meeting = await zoom.client.createMeeting(host, {
      type: 2,
      topic: 'Short-lived',
      start_time: wallTime(NOW, 3),
      timezone: 'Europe/Berlin',
      duration: 30,
    });
    expect(await zoom.client.deleteMeeting(meeting.id)).toBe('deleted');
    expect(await zoom.client.deleteMeeting(meeting.id)).toBe('gone');
    expect(await zoom.client.getMeeting(meeting.id)).toBeNull();
    await zoom.client.setMeetingStatus(meeting.id, 'recover');
    expect((await zoom.client.getMeeting(meeting.id))?.topic).toBe('Short-lived');
    expect(await zoom.count(routes.delete)).toBe(2);
    expect(await zoom.count(routes.status)).toBe(1);
  });

  it('ends a meeting in progress (PUT status, 204)', async () => {
    const meeting = await zoom.client.createMeeting(host, {
      type: 2,
      topic: 'Running',
      start_time: wallTime(NOW, 1),
      timezone: 'Europe/Berlin',
      duration: 30,
    });
    await zoom.control('POST', `/meetings/${meeting.id}/start`);
    await zoom.client.setMeetingStatus(meeting.id, 'end');
    expect(await zoom.count(routes.status)).toBe(1);
    const missing = await rejection(zoom.client.setMeetingStatus(99_999_999_999, 'end'));
    expect(missing).toBeInstanceOf(ZoomApiError);
    expect((missing as ZoomApiError).code).toBe('ZOOM_MEETING_NOT_FOUND');
  });

  it('reads the invitation text and makes personal invite links (201)', async () => {
    const meeting = await zoom.client.createMeeting(host, {
      type: 2,
      topic: 'Invitation check',
      start_time: wallTime(NOW, 4),
      timezone: 'Europe/Berlin',
      duration: 30,
    });
    const text = await zoom.client.getInvitation(meeting.id);
    expect(text).toContain('Invitation check');
    expect(text).toContain(meeting.join_url);

    const links = await zoom.client.createInviteLinks(meeting.id, ['Ada', 'Grace'], {
      ttlSeconds: 3600,
    });
    expect(links.map((l) => l.name)).toEqual(['Ada', 'Grace']);
    for (const link of links) expect(link.join_url).toMatch(/^https:\/\//);
    expect(await zoom.count(routes.invitation)).toBe(1);
    expect(await zoom.count(routes.inviteLinks)).toBe(1);

    const error = await rejection(zoom.client.getInvitation(99_999_999_999));
    expect((error as ZoomApiError).code).toBe('ZOOM_MEETING_NOT_FOUND');
  });

  it('lists every page of a host’s meetings and filters by start time locally', async () => {
    const lister = 'room2@example.com';
    // 301 meetings take two pages of 300. Zoom allows a host 100 creates a day, so they are made
    // over four days of the emulator's clock; the client's budget book follows the same clock.
    // Made by a client without the per-second limiters (they would spend 15 s of real time here;
    // `limits.test.ts` tests them).
    const maker = zoom.newClient({}, { rateLimits: false });
    const made: number[] = [];
    for (let day = 0; day < 4; day += 1) {
      await zoom.setClock(`2030-03-${String(14 + day).padStart(2, '0')}T08:00:00Z`);
      const todays = day < 3 ? 100 : 1;
      for (let i = 0; i < todays; i += 1) {
        const n = made.length;
        const m = await maker.createMeeting(lister, {
          type: 2,
          topic: `Booking ${n}`,
          start_time: wallTime(
            '2030-04-01T00:00:00Z',
            Math.floor(n / 10),
            `${String(8 + (n % 10)).padStart(2, '0')}:00:00`,
          ),
          timezone: 'UTC',
          duration: 30,
        });
        made.push(m.id);
      }
    }
    await zoom.resetCalls();

    const all = await zoom.client.listMeetings(lister, { type: 'upcoming' });
    expect(all).toHaveLength(301);
    expect(new Set(all.map((m) => m.id))).toEqual(new Set(made));
    expect(await zoom.count(routes.list)).toBe(2);

    const window = await zoom.client.listMeetings(lister, {
      from: new Date('2030-04-02T09:00:00Z'),
      to: new Date('2030-04-03T09:00:00Z'),
    });
    // Day 1 (Apr 2) 09:00..17:00 = 9 meetings, day 2 (Apr 3) 08:00 = 1; 09:00 on Apr 3 is excluded.
    expect(window.map((m) => m.start_time).sort()).toEqual([
      ...['09', '10', '11', '12', '13', '14', '15', '16', '17'].map(
        (h) => `2030-04-02T${h}:00:00Z`,
      ),
      '2030-04-03T08:00:00Z',
    ]);
    expect(await zoom.count(routes.list)).toBe(4);
    await zoom.setClock(NOW);
  });

  it('says which user is unknown (404/1001)', async () => {
    const error = await rejection(zoom.client.listMeetings('nobody@example.com'));
    expect(error).toBeInstanceOf(ZoomApiError);
    expect((error as ZoomApiError).code).toBe('ZOOM_USER_NOT_FOUND');
    expect((error as ZoomApiError).status).toBe(404);
    expect((error as ZoomApiError).zoomCode).toBe(1001);
    expect(await zoom.count(routes.list)).toBe(1);
  });
});
