import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/daemon/html.js';
import { createWeekCache, readWeek, type WeekModel } from '../../../src/daemon/week-model.js';
import { renderWeek } from '../../../src/daemon/week-view.js';
import { zoneClock } from '../../../src/daemon/zone-clock.js';
import type { Store } from '../../../src/store/index.js';
import { booking, now, rooms, seededStore } from './store-fixture.js';

/**
 * The week view (issue 17): from the start of today (Monday 3 March 2025, Berlin) seven days, one
 * row per room, each occurrence a block on its day and hours, coloured by what zoomlink did.
 * The fixture holds a single booking on Tuesday 10:00 in the Boardroom, a weekly series on
 * Tuesdays 09:00 in both rooms, a failed booking on Wednesday 11:00 in Huddle 2A, and one past.
 */
const [board, huddle] = rooms.map((r) => r.calendarId) as [string, string];
const tuesday = 1;
const wednesday = 2;

function week(extra: (store: Store) => void = () => undefined): WeekModel {
  const store = seededStore();
  try {
    extra(store);
    return readWeek(store, now, 'Europe/Berlin', rooms);
  } finally {
    store.close();
  }
}

const blocksOf = (model: WeekModel, calendarId: string) =>
  model.rooms
    .find((r) => r.calendarId === calendarId)!
    .blocks.map((b) => [b.title, b.kind, b.day, round(b.from), round(b.to)]);
const round = (n: number) => Math.round(n * 1000) / 1000;

describe('the week view', () => {
  it('starts today, shows 08:00–18:00 in the zone, and puts each booking on its day and hours in each of its rooms', () => {
    const model = week();
    expect(model.days).toEqual([
      '2025-03-03',
      '2025-03-04',
      '2025-03-05',
      '2025-03-06',
      '2025-03-07',
      '2025-03-08',
      '2025-03-09',
    ]);
    expect([model.fromHour, model.toHour]).toEqual([8, 18]);
    // 10:00–11:00 of 08–18 is 0.2–0.3 of Tuesday; the series' Tuesday 09:00 is in both rooms.
    expect(blocksOf(model, board)).toEqual([
      ['Weekly sync', 'linked', tuesday, 0.1, 0.2],
      ['Quarterly planning', 'linked', tuesday, 0.2, 0.3],
    ]);
    expect(blocksOf(model, huddle)).toEqual([
      ['Weekly sync', 'linked', tuesday, 0.1, 0.2],
      ['Vendor call', 'failed', wednesday, 0.3, 0.35],
    ]);
    expect(model.counts).toEqual({ linked: 2, pending: 0, failed: 1, skipped: 0, foreign: 0 });
    // "Now" is Monday 10:00 Berlin.
    expect(model.now).toEqual({ day: 0, at: 0.2 });
  });

  it('draws a series without its cancelled instances and with its moved ones where they went, widening the hours', () => {
    const model = week((store) => {
      const event = booking(
        'evdaily',
        'Standup',
        '2025-03-03T08:30:00+01:00',
        '2025-03-03T08:45:00+01:00',
        { kind: 'master', recurrence: ['RRULE:FREQ=DAILY;COUNT=10'], calendarId: huddle },
      );
      store.links.upsert({
        eventId: 'evdaily',
        icalUid: 'evdaily@google.com',
        strategy: 'series',
        state: 'pending',
        rooms: [huddle],
        eventSnapshot: event,
        span: { startsAt: '2025-03-03T07:30:00Z', endsAt: '2025-03-12T07:45:00Z' },
      });
      store.overrides.put({
        eventId: 'evdaily',
        originalStart: '2025-03-05T07:30:00Z',
        kind: 'deleted',
      });
      store.overrides.put({
        eventId: 'evdaily',
        originalStart: '2025-03-06T07:30:00Z',
        kind: 'moved',
        newStart: '2025-03-06T06:00:00Z',
        newDurationMinutes: 30,
      });
    });
    expect([model.fromHour, model.toHour]).toEqual([7, 18]);
    const standups = blocksOf(model, huddle).filter(([title]) => title === 'Standup');
    // Mon, Tue, (Wed cancelled), Thu moved to 07:00–07:30, Fri, Sat, Sun: 08:30–08:45 of 07–18.
    expect(standups.map(([, kind, day, from, to]) => [kind, day, from, to])).toEqual([
      ['pending', 0, 0.136, 0.159],
      ['pending', 1, 0.136, 0.159],
      ['pending', 3, 0, 0.045],
      ['pending', 4, 0.136, 0.159],
      ['pending', 5, 0.136, 0.159],
      ['pending', 6, 0.136, 0.159],
    ]);
  });

  it('shows skipped bookings and those with another conference by their titles; a skipped series it cannot expand is left out', () => {
    const model = week((store) => {
      store.links.upsert({
        eventId: 'evoffsite',
        icalUid: 'evoffsite@google.com',
        strategy: 'skipped',
        state: 'ignored',
        title: 'Offsite',
        rooms: [board],
        span: { startsAt: '2025-03-06T23:00:00Z', endsAt: '2025-03-07T23:00:00Z' },
      });
      store.links.upsert({
        eventId: 'evclient',
        icalUid: 'evclient@google.com',
        strategy: 'foreign',
        state: 'ignored',
        title: 'Client call',
        rooms: [huddle],
        span: { startsAt: '2025-03-07T13:00:00Z', endsAt: '2025-03-07T14:00:00Z' },
      });
      store.links.upsert({
        eventId: 'evforeignseries',
        icalUid: 'evforeignseries@google.com',
        strategy: 'foreign',
        state: 'ignored',
        title: 'Their weekly',
        rooms: [huddle],
        span: { startsAt: '2025-03-03T13:00:00Z', endsAt: '2025-06-03T14:00:00Z' },
      });
    });
    // The all-day Friday fills Friday's hours; the client call is Friday 14:00–15:00.
    expect(blocksOf(model, board)).toContainEqual(['Offsite', 'skipped', 4, 0, 1]);
    expect(blocksOf(model, huddle)).toContainEqual(['Client call', 'foreign', 4, 0.6, 0.7]);
    expect(JSON.stringify(model)).not.toContain('Their weekly');
    expect(model.counts).toMatchObject({ skipped: 1, foreign: 1 });
  });

  it('renders SVG blocks linked to their bookings, coloured by class, with no style attribute and no script', () => {
    const text = renderWeek(week()).text;
    // A lane is 700 wide (100 a day) and 1 high; Tuesday 10:00–11:00 of 08–18 is x 120, width 10.
    expect(text).toContain(
      '<g class="k-linked"><a href="bookings/evseries"><rect x="110" width="10" height="1"><title>\u2068Weekly sync\u2069 · Tue 09:00–10:00 · linked</title></rect></a><a href="bookings/evsingle"><rect x="120" width="10" height="1"><title>\u2068Quarterly planning\u2069 · Tue 10:00–11:00 · linked</title></rect></a></g>',
    );
    expect(text).toContain(
      '<g class="k-failed"><a href="bookings/evfailed"><rect x="230" width="5" height="1"><title>\u2068Vendor call\u2069 · Wed 11:00–11:30 · failed</title></rect></a></g>',
    );
    expect(text).toContain('<span class="sw k-failed"></span>failed (1)');
    expect(text).toContain('08:00–18:00 each day, Europe/Berlin');
    expect(text).toContain('<path class="wk-now" d="M20 0V1"/>');
    expect(text).not.toMatch(/style=|<script/);
  });

  it('renders a hostile title inert, and an event id of any characters as one encoded path segment', () => {
    const hostile = '<script>alert(1)</script>"\'`& \u202Egnp.exe';
    const model = week((store) => {
      store.links.upsert({
        eventId: 'ev/../"x',
        icalUid: 'x@google.com',
        strategy: 'foreign',
        state: 'ignored',
        title: hostile,
        rooms: [board],
        span: { startsAt: '2025-03-04T12:00:00Z', endsAt: '2025-03-04T13:00:00Z' },
      });
    });
    const text = renderWeek(model).text;
    expect(text).not.toContain('<script>alert');
    // Escaped, and between Unicode isolates: its override reorders nothing after it.
    expect(text).toContain(
      `<title>\u2068${escapeHtml(hostile)}\u2069 · Tue 13:00–14:00 · other conference</title>`,
    );
    expect(text).toContain('href="bookings/ev%2F..%2F%22x"');
  });
});

describe('what the week view keeps between two readings', () => {
  it('serves the same week while nothing in the store changed, and reads the change after one', () => {
    const store = seededStore();
    try {
      const cache = createWeekCache();
      const first = readWeek(store, now, 'Europe/Berlin', rooms, cache);
      const later = new Date(now.getTime() + 60 * 60_000);
      const again = readWeek(store, later, 'Europe/Berlin', rooms, cache);
      expect(again.rooms).toBe(first.rooms);
      expect(again.now).toEqual({ day: 0, at: 0.3 });
      // The single booking fails; the series is unchanged and keeps its blocks.
      store.links.markFailed('evsingle', 'ZOOM_UNAVAILABLE', new Date('2025-03-03T10:00:00Z'));
      const changed = readWeek(store, later, 'Europe/Berlin', rooms, cache);
      const boardroom = changed.rooms.find((r) => r.calendarId === board)!.blocks;
      expect(boardroom.map((b) => [b.title, b.kind])).toEqual([
        ['Weekly sync', 'linked'],
        ['Quarterly planning', 'failed'],
      ]);
      expect(changed.counts).toMatchObject({ linked: 1, failed: 2 });
      // A room dropped from a booking, which changes no link's updatedAt, is read too.
      store.links.removeRoom('evseries', huddle);
      const dropped = readWeek(store, later, 'Europe/Berlin', rooms, cache);
      expect(
        dropped.rooms.find((r) => r.calendarId === huddle)!.blocks.map((b) => b.title),
      ).toEqual(['Vendor call']);
    } finally {
      store.close();
    }
  });
});

describe('the zone clock under the week view', () => {
  it('reads wall-clock time on both sides of a DST change, and finds local midnight', () => {
    // Berlin springs forward at 02:00 on Sunday 30 March 2025.
    const clock = zoneClock('Europe/Berlin', new Date('2025-03-29T12:00:00Z'), 7);
    expect(new Date(clock.dayStart).toISOString()).toBe('2025-03-28T23:00:00.000Z');
    const local = (iso: string) => new Date(clock.local(Date.parse(iso))).toISOString();
    expect(local('2025-03-30T00:59:00Z')).toBe('2025-03-30T01:59:00.000Z');
    expect(local('2025-03-30T01:00:00Z')).toBe('2025-03-30T03:00:00.000Z');
    expect(local('2025-04-02T08:00:00Z')).toBe('2025-04-02T10:00:00.000Z');
    expect(new Date(clock.instant(Date.parse('2025-04-01T00:00:00Z'))).toISOString()).toBe(
      '2025-03-31T22:00:00.000Z',
    );
  });
});
