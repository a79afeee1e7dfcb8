import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import { parseRecurrence, expandSeries } from '../../../../src/emulators/google/recurrence.js';
import {
  admin,
  alice,
  apiAs,
  control,
  listAll,
  room,
  startOrgEmulator,
  timed,
  type Api,
  type Json,
} from './google-harness.js';
import { NOW } from '../../../support/time.js';

const expand = (start: string, zone: string, lines: string[], limit = 20) =>
  expandSeries(
    { allDay: false, local: DateTime.fromISO(start, { zone }) },
    parseRecurrence(lines),
    zone,
    {
      limit,
      durationMs: 3600_000,
    },
  ).map((o) => o.key);

describe('Google emulator: recurrence expansion (its own, from rrule and luxon)', () => {
  it('keeps wall-clock time across DST in start.timeZone (instance ids move in UTC)', () => {
    expect(expand('2030-03-18T10:00:00', 'Europe/Berlin', ['RRULE:FREQ=WEEKLY;COUNT=3'])).toEqual([
      '20300318T090000Z',
      '20300325T090000Z', // Berlin moves to summer time on 31 March 2030
      '20300401T080000Z',
    ]);
    expect(expand('2030-11-01T09:00:00', 'America/New_York', ['RRULE:FREQ=DAILY;COUNT=4'])).toEqual(
      [
        '20301101T130000Z',
        '20301102T130000Z',
        '20301103T140000Z', // New York falls back on 3 November 2030
        '20301104T140000Z',
      ],
    );
  });

  it('always shows DTSTART, even off the rule, without counting it in COUNT (google-api-nodejs-client #2214)', () => {
    // Monday start, BYDAY=TU,TH,SA;COUNT=5: the Monday plus five (nodejs-client #2214).
    const keys = expand('2030-03-04T10:00:00', 'UTC', ['RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;COUNT=5']);
    expect(keys).toEqual([
      '20300304T100000Z',
      '20300305T100000Z',
      '20300307T100000Z',
      '20300309T100000Z',
      '20300312T100000Z',
      '20300314T100000Z',
    ]);
    // On the rule, DTSTART is the first of COUNT.
    expect(
      expand('2030-03-05T10:00:00', 'UTC', ['RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2']),
    ).toHaveLength(2);
  });

  it('removes EXDATEs (TZID, UTC, and DATE forms), adds RDATEs, and stops at UNTIL read in UTC', () => {
    const keys = expand('2030-03-04T10:00:00', 'Europe/Paris', [
      'RRULE:FREQ=DAILY;UNTIL=20300308T085959Z',
      'EXDATE;TZID=Europe/Paris:20300305T100000',
      'EXDATE:20300306T090000Z',
      'RDATE;TZID=Europe/Paris:20300310T100000',
    ]);
    // UNTIL 08:59:59Z is 09:59:59 Paris on the 8th: the 8th at 10:00 is out.
    expect(keys).toEqual(['20300304T090000Z', '20300307T090000Z', '20300310T090000Z']);
  });

  it('expands the last day of the month and an nth weekday', () => {
    expect(
      expand('2030-01-31T10:00:00', 'UTC', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3']),
    ).toEqual(['20300131T100000Z', '20300228T100000Z', '20300331T100000Z']);
    expect(expand('2030-01-08T10:00:00', 'UTC', ['RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=2'])).toEqual([
      '20300108T100000Z',
      '20300212T100000Z',
    ]);
  });

  it('refuses lines that are not recurrence lines', () => {
    expect(() => parseRecurrence(['DTSTART:20300101T000000Z'])).toThrow();
    expect(() => parseRecurrence(['RRULE:FREQ=SOMETIMES'])).toThrow();
    expect(() => parseRecurrence(['RRULE:FREQ=DAILY;COUNT=2;UNTIL=20300101T000000Z'])).toThrow();
  });
});

describe('Google emulator: series over HTTP', () => {
  let google: GoogleEmulator;
  let api: Api;
  let asAdmin: Api;
  beforeAll(async () => {
    google = await startOrgEmulator();
    api = await apiAs(google, alice);
    asAdmin = await apiAs(google, admin);
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    await control(google, 'POST', '/reset');
    await control(google, 'POST', '/clock', { set: NOW });
  });

  const weekly = async (extra: Record<string, unknown> = {}) =>
    (
      await api.call('POST', api.events('primary'), {
        body: timed('Weekly sync', '2030-03-18T10:00:00', '2030-03-18T11:00:00', {
          recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
          attendees: [{ email: room }],
          ...extra,
        }),
      })
    ).body;

  it('lists instances with ids <id>_<UTC basic>, originalStartTime, and no recurrence', async () => {
    const master = await weekly();
    const { body } = await api.call('GET', `${api.event('primary', String(master.id))}/instances`);
    const items = body.items as Json[];
    expect(items.map((i) => i.id)).toEqual(
      ['20300318T090000Z', '20300325T090000Z', '20300401T080000Z', '20300408T080000Z'].map(
        (k) => `${master.id}_${k}`,
      ),
    );
    expect(items[2]).toMatchObject({
      recurringEventId: master.id,
      originalStartTime: { dateTime: '2030-04-01T10:00:00+02:00', timeZone: 'Europe/Berlin' },
      start: { dateTime: '2030-04-01T10:00:00+02:00', timeZone: 'Europe/Berlin' },
      iCalUID: master.iCalUID,
    });
    expect(items[0]!.recurrence).toBeUndefined();
    const one = await api.call('GET', api.event('primary', String(items[1]!.id)));
    expect(one.body.start).toEqual({
      dateTime: '2030-03-25T10:00:00+01:00',
      timeZone: 'Europe/Berlin',
    });
    expect(
      (await api.call('GET', api.event('primary', `${master.id}_20300326T090000Z`))).status,
    ).toBe(404);
  });

  it('turns an edited instance into an exception and a deleted one into a cancelled instance, on every copy', async () => {
    const master = await weekly();
    const roomToken = String((await listAll(asAdmin, room)).pages.at(-1)!.nextSyncToken);
    const second = `${master.id}_20300325T090000Z`;
    const third = `${master.id}_20300401T080000Z`;
    const moved = await api.call('PATCH', api.event('primary', second), {
      body: {
        start: { dateTime: '2030-03-25T14:00:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2030-03-25T15:00:00', timeZone: 'Europe/Berlin' },
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      id: second,
      recurringEventId: master.id,
      originalStartTime: { dateTime: '2030-03-25T10:00:00+01:00' },
    });
    expect((await api.call('DELETE', api.event('primary', third))).status).toBe(204);

    const full = await listAll(api, 'primary');
    expect(full.items.map((e) => [e.id, e.status])).toEqual([
      [master.id, 'confirmed'],
      [second, 'confirmed'],
      [third, 'cancelled'],
    ]);
    expect(full.items[2]).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: third,
      status: 'cancelled',
      recurringEventId: master.id,
      originalStartTime: { dateTime: '2030-04-01T10:00:00+02:00', timeZone: 'Europe/Berlin' },
    });
    const roomChanges = await listAll(asAdmin, room, { syncToken: roomToken });
    expect(roomChanges.items.map((e) => [e.id, e.status])).toEqual([
      [second, 'confirmed'],
      [third, 'cancelled'],
    ]);
    const singles = await listAll(api, 'primary', { singleEvents: 'true', orderBy: 'startTime' });
    expect(singles.items.map((e) => [e.id, (e.start as Json).dateTime])).toEqual([
      [`${master.id}_20300318T090000Z`, '2030-03-18T10:00:00+01:00'],
      [second, '2030-03-25T14:00:00+01:00'],
      [`${master.id}_20300408T080000Z`, '2030-04-08T10:00:00+02:00'],
    ]);
    expect(singles.pages.at(-1)!.nextSyncToken).toBeUndefined();
  });

  it('splits "this and following" the way the UI does: UNTIL the day before, new series <id>_R<UTC>', async () => {
    const master = await weekly();
    await api.call('PATCH', api.event('primary', `${master.id}_20300408T080000Z`), {
      body: { summary: 'Later exception' },
    });
    const split = await control(google, 'POST', `/events/${alice}/${master.id}/split`, {
      at: '2030-04-01T10:00:00+02:00',
      changes: { summary: 'Weekly sync (new time)' },
    });
    expect(split.status).toBe(200);
    const { old, next } = split.body as { old: Json; next: Json };
    // Last second of 31 March in Berlin (summer time) is 21:59:59 UTC.
    expect(old.recurrence).toEqual(['RRULE:FREQ=WEEKLY;UNTIL=20300331T215959Z']);
    expect(next).toMatchObject({
      id: `${master.id}_R20300401T080000`,
      iCalUID: `${master.id}_R20300401T080000@google.com`,
      summary: 'Weekly sync (new time)',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=2'],
      start: { dateTime: '2030-04-01T10:00:00+02:00' },
    });
    const oldInstances = await api.call(
      'GET',
      `${api.event('primary', String(master.id))}/instances`,
    );
    expect((oldInstances.body.items as Json[]).map((i) => i.id)).toEqual([
      `${master.id}_20300318T090000Z`,
      `${master.id}_20300325T090000Z`,
    ]);
    expect(
      (await api.call('GET', api.event('primary', `${master.id}_20300408T080000Z`))).body.status,
    ).toBe('cancelled');
    expect((await asAdmin.call('GET', asAdmin.event(room, String(next.id)))).body.summary).toBe(
      'Weekly sync (new time)',
    );
  });

  it('expands whole-day series with <id>_<YYYYMMDD> ids and refuses a series without a time zone', async () => {
    const allDay = await api.call('POST', api.events('primary'), {
      body: {
        summary: 'Offsite',
        start: { date: '2030-03-20' },
        end: { date: '2030-03-21' },
        recurrence: [
          'RRULE:FREQ=DAILY;COUNT=2',
          'EXDATE;VALUE=DATE:20300321',
          'RDATE;VALUE=DATE:20300325',
        ],
      },
    });
    const instances = await api.call(
      'GET',
      `${api.event('primary', String(allDay.body.id))}/instances`,
    );
    expect((instances.body.items as Json[]).map((i) => [i.id, i.start])).toEqual([
      [`${allDay.body.id}_20300320`, { date: '2030-03-20' }],
      [`${allDay.body.id}_20300325`, { date: '2030-03-25' }],
    ]);
    const noZone = await api.call('POST', api.events('primary'), {
      body: {
        summary: 'x',
        start: { dateTime: '2030-03-20T10:00:00Z' },
        end: { dateTime: '2030-03-20T11:00:00Z' },
        recurrence: ['RRULE:FREQ=DAILY'],
      },
    });
    expect(noZone.status).toBe(400);
    const badRule = await api.call('POST', api.events('primary'), {
      body: timed('x', '2030-03-20T10:00:00', '2030-03-20T11:00:00', {
        recurrence: ['RRULE:FREQ=NEVER'],
      }),
    });
    expect([badRule.status, badRule.body.error?.message]).toEqual([
      400,
      'Invalid recurrence rule.',
    ]);
  });

  it('bounds an open-ended series: instances page, singleEvents respects timeMax', async () => {
    const daily = await api.call('POST', api.events('primary'), {
      body: timed('Daily', '2030-03-18T09:00:00', '2030-03-18T09:15:00', {
        recurrence: ['RRULE:FREQ=DAILY'],
      }),
    });
    const path = `${api.event('primary', String(daily.body.id))}/instances`;
    const first = await api.call('GET', path, { query: { maxResults: '5' } });
    expect((first.body.items as Json[]).length).toBe(5);
    expect(first.body.nextPageToken).toEqual(expect.any(String));
    const window = await listAll(api, 'primary', {
      singleEvents: 'true',
      timeMin: '2030-03-20T00:00:00Z',
      timeMax: '2030-03-23T00:00:00Z',
    });
    expect(window.items.map((e) => (e.start as Json).dateTime)).toEqual([
      '2030-03-20T09:00:00+01:00',
      '2030-03-21T09:00:00+01:00',
      '2030-03-22T09:00:00+01:00',
    ]);
  });
});
