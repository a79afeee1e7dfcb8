import { describe, expect, it } from 'vitest';
import {
  convertEvent,
  describeSeries,
  expandZoomSeries,
  ZOOM_READINGS,
} from '../../../src/recurrence/index.js';
import { at, defaults, timedEvent } from './event-fixture.js';

/** Every reading of Zoom's series, minus the deletions, in UTC. */
function zoomSide(result: ReturnType<typeof convertEvent>): string[][] {
  return ZOOM_READINGS.map((reading) =>
    expandZoomSeries(result.meeting!, { reading })
      .map((d) => d.toISOString().replace('.000Z', 'Z'))
      .filter((s) => !result.deleteOccurrences.includes(s)),
  );
}

describe('convertEvent: the seed cases', () => {
  it('every 2 weeks on Friday 18:00 Asia/Taipei from 2021-12-17 until 2021-12-31', () => {
    const event = timedEvent('2021-12-17T18:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20211231',
    ]);
    const result = convertEvent(event, at('2021-12-10T00:00:00Z'), defaults);
    expect(result).toEqual({
      strategy: 'series',
      meeting: {
        type: 8,
        topic: 'Weekly sync',
        start_time: '2021-12-17T18:00:00',
        timezone: 'Asia/Taipei',
        duration: 60,
        recurrence: { type: 2, repeat_interval: 2, weekly_days: '6', end_times: 2 },
      },
      deleteOccurrences: [],
      occurrences: ['2021-12-17T10:00:00Z', '2021-12-31T10:00:00Z'],
      window: { from: '2021-12-17T10:00:00Z', to: '2021-12-31T10:00:00Z', complete: true },
    });
    for (const side of zoomSide(result)) expect(side).toEqual(result.occurrences);
  });

  it('weekly on Monday 15:30 Asia/Taipei from 2021-12-27 until 2022-01-31: 6 occurrences, described as Zoom does in zh-TW', () => {
    const event = timedEvent(
      '2021-12-27T15:30',
      60,
      'Asia/Taipei',
      ['RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO'],
      '資訊週會',
    );
    const result = convertEvent(event, at('2021-12-20T00:00:00Z'), defaults);
    expect(result.strategy).toBe('series');
    expect(result.meeting?.start_time).toBe('2021-12-27T15:30:00');
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 1,
      weekly_days: '2',
      end_times: 6,
    });
    expect(result.occurrences).toHaveLength(6);
    const lines = describeSeries(
      result.meeting!.recurrence!,
      'Asia/Taipei',
      result.occurrences.map((o) => new Date(o)),
      'zh-TW',
    );
    expect(lines).toEqual([
      '每星期的星期一, 到 2022年1月31日結束, 共 6 次會議',
      '2021年12月27日 15:30',
      '2022年1月3日 15:30',
      '2022年1月10日 15:30',
      '2022年1月17日 15:30',
      '2022年1月24日 15:30',
      '2022年1月31日 15:30',
    ]);
  });
});

describe('convertEvent: the patterns Zoom can say', () => {
  it('every 3 days', () => {
    const event = timedEvent('2024-05-01T09:00', 30, 'Asia/Tokyo', [
      'RRULE:FREQ=DAILY;INTERVAL=3;COUNT=5',
    ]);
    const result = convertEvent(event, at('2024-04-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({ type: 1, repeat_interval: 3, end_times: 5 });
    expect(result.occurrences).toEqual([
      '2024-05-01T00:00:00Z',
      '2024-05-04T00:00:00Z',
      '2024-05-07T00:00:00Z',
      '2024-05-10T00:00:00Z',
      '2024-05-13T00:00:00Z',
    ]);
  });

  it('every 3 weeks on Wednesday', () => {
    const event = timedEvent('2024-05-01T14:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;COUNT=4',
    ]);
    const result = convertEvent(event, at('2024-04-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 3,
      weekly_days: '4',
      end_times: 4,
    });
    expect(result.occurrences).toEqual([
      '2024-05-01T06:00:00Z',
      '2024-05-22T06:00:00Z',
      '2024-06-12T06:00:00Z',
      '2024-07-03T06:00:00Z',
    ]);
  });

  it('every 2 weeks on Monday and Wednesday (the same weeks whichever day a week starts)', () => {
    const event = timedEvent('2024-05-06T10:00', 60, 'UTC', [
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6',
    ]);
    const result = convertEvent(event, at('2024-04-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 2,
      weekly_days: '2,4',
      end_times: 6,
    });
    expect(result.occurrences.map((o) => o.slice(0, 10))).toEqual([
      '2024-05-06',
      '2024-05-08',
      '2024-05-20',
      '2024-05-22',
      '2024-06-03',
      '2024-06-05',
    ]);
  });

  it('every day on weekdays becomes weekly on Monday to Friday', () => {
    const event = timedEvent('2024-05-06T08:00', 15, 'Europe/London', [
      'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=7',
    ]);
    const result = convertEvent(event, at('2024-05-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 1,
      weekly_days: '2,3,4,5,6',
      end_times: 7,
    });
  });

  it('every 2 months on day 15 (Europe/Berlin, across the March change)', () => {
    const event = timedEvent('2024-01-15T10:00', 60, 'Europe/Berlin', [
      'RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;COUNT=4',
    ]);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 3,
      repeat_interval: 2,
      monthly_day: 15,
      end_times: 4,
    });
    expect(result.occurrences).toEqual([
      '2024-01-15T09:00:00Z',
      '2024-03-15T09:00:00Z',
      '2024-05-15T08:00:00Z',
      '2024-07-15T08:00:00Z',
    ]);
  });

  it('monthly with no BYMONTHDAY repeats on the start day', () => {
    const event = timedEvent('2024-01-20T10:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;COUNT=3']);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 3,
      repeat_interval: 1,
      monthly_day: 20,
      end_times: 3,
    });
  });

  it('every month on the 2nd Tuesday', () => {
    const event = timedEvent('2024-01-09T10:00', 60, 'UTC', [
      'RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3',
    ]);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 3,
      repeat_interval: 1,
      monthly_week: 2,
      monthly_week_day: 3,
      end_times: 3,
    });
    expect(result.occurrences).toEqual([
      '2024-01-09T10:00:00Z',
      '2024-02-13T10:00:00Z',
      '2024-03-12T10:00:00Z',
    ]);
  });

  it('every 3 months on the last Friday (America/Los_Angeles, 16:00 is the next day in UTC)', () => {
    const event = timedEvent('2024-01-26T16:00', 60, 'America/Los_Angeles', [
      'RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=3',
    ]);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 3,
      repeat_interval: 3,
      monthly_week: -1,
      monthly_week_day: 6,
      end_times: 3,
    });
    expect(result.occurrences).toEqual([
      '2024-01-27T00:00:00Z',
      '2024-04-26T23:00:00Z',
      '2024-07-26T23:00:00Z',
    ]);
  });

  it('the 3rd Thursday written with BYSETPOS is the same monthly_week', () => {
    const event = timedEvent('2024-01-18T10:00', 60, 'UTC', [
      'RRULE:FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3;COUNT=3',
    ]);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toMatchObject({
      type: 3,
      monthly_week: 3,
      monthly_week_day: 5,
    });
  });
});

describe('convertEvent: DST, exceptions, ends and windows', () => {
  it.each([
    [
      'America/New_York',
      '2024-03-04T09:00',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      ['2024-03-04T14:00:00Z', '2024-03-11T13:00:00Z', '2024-03-18T13:00:00Z'],
    ],
    [
      'Europe/London',
      '2024-03-29T08:30',
      'RRULE:FREQ=DAILY;COUNT=4',
      [
        '2024-03-29T08:30:00Z',
        '2024-03-30T08:30:00Z',
        '2024-03-31T07:30:00Z',
        '2024-04-01T07:30:00Z',
      ],
    ],
    [
      'Australia/Sydney',
      '2024-03-31T10:00',
      'RRULE:FREQ=WEEKLY;COUNT=3',
      ['2024-03-30T23:00:00Z', '2024-04-07T00:00:00Z', '2024-04-14T00:00:00Z'],
    ],
    [
      'Australia/Sydney',
      '2024-09-30T18:00',
      'RRULE:FREQ=WEEKLY;COUNT=2',
      ['2024-09-30T08:00:00Z', '2024-10-07T07:00:00Z'],
    ],
  ])('%s %s: wall-clock time kept across DST, proven in UTC', (zone, local, rule, expected) => {
    const result = convertEvent(
      timedEvent(local, 60, zone, [rule]),
      at('2024-01-01T00:00:00Z'),
      defaults,
    );
    expect(result.strategy).toBe('series');
    expect(result.meeting?.start_time).toBe(`${local}:00`);
    expect(result.meeting?.timezone).toBe(zone);
    expect(result.occurrences).toEqual(expected);
    for (const side of zoomSide(result)) expect(side).toEqual(expected);
  });

  it('a DTSTART off the rule, with COUNT: its weekday joins weekly_days and the extra Zoom occurrences are deleted', () => {
    const event = timedEvent('2024-01-01T10:00', 60, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;COUNT=5',
    ]);
    const result = convertEvent(event, at('2023-12-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 1,
      weekly_days: '2,3,5,7',
      end_times: 7,
    });
    expect(result.occurrences).toHaveLength(6);
    expect(result.deleteOccurrences).toEqual(['2024-01-08T15:00:00Z']);
    for (const side of zoomSide(result)) expect(side).toEqual(result.occurrences);
  });

  it('once that DTSTART is over, the window starts on the rule and needs no deletions', () => {
    const event = timedEvent('2024-01-01T10:00', 60, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;COUNT=5',
    ]);
    const result = convertEvent(event, at('2024-01-01T16:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 1,
      weekly_days: '3,5,7',
      end_times: 5,
    });
    expect(result.deleteOccurrences).toEqual([]);
  });

  it('a monthly DTSTART off the rule falls back until it is over', () => {
    const event = timedEvent('2024-01-10T10:00', 60, 'UTC', [
      'RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3',
    ]);
    const before = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(before.reasonCode).toBe('start_not_on_rule_day');
    expect(before.strategy).toBe('no_fixed_time');
    const after = convertEvent(event, at('2024-01-11T00:00:00Z'), defaults);
    expect(after.strategy).toBe('series');
    expect(after.meeting?.recurrence).toEqual({
      type: 3,
      repeat_interval: 1,
      monthly_day: 15,
      end_times: 3,
    });
  });

  it('EXDATE with TZID: Zoom makes the occurrence, zoomlink deletes it', () => {
    const event = timedEvent('2021-12-27T15:30', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO',
      'EXDATE;TZID=Asia/Taipei:20220110T153000',
    ]);
    const result = convertEvent(event, at('2021-12-20T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence?.end_times).toBe(6);
    expect(result.deleteOccurrences).toEqual(['2022-01-10T07:30:00Z']);
    expect(result.occurrences).toHaveLength(5);
  });

  it('UNTIL as a date and as a UTC date-time give the same series', () => {
    const asDate = timedEvent('2024-05-06T09:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240527',
    ]);
    const asUtc = timedEvent('2024-05-06T09:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240527T155959Z',
    ]);
    const a = convertEvent(asDate, at('2024-05-01T00:00:00Z'), defaults);
    const b = convertEvent(asUtc, at('2024-05-01T00:00:00Z'), defaults);
    expect(a).toEqual(b);
    expect(a.meeting?.recurrence?.end_times).toBe(4);
  });

  it('COUNT above the cap: a window of the next 50, reported as not complete, never end_times > 50', () => {
    const event = timedEvent('2024-05-01T09:00', 60, 'Asia/Taipei', ['RRULE:FREQ=DAILY;COUNT=60']);
    const result = convertEvent(event, at('2024-04-01T00:00:00Z'), defaults);
    expect(result.meeting?.recurrence).toEqual({ type: 1, repeat_interval: 1, end_times: 50 });
    expect(result.window).toEqual({
      from: '2024-05-01T01:00:00Z',
      to: '2024-06-19T01:00:00Z',
      complete: false,
    });
    // 15 days later, 45 remain: the window now holds the rest of the series.
    const later = convertEvent(event, at('2024-05-15T02:00:00Z'), defaults);
    expect(later.meeting?.start_time).toBe('2024-05-16T09:00:00');
    expect(later.meeting?.recurrence?.end_times).toBe(45);
    expect(later.window?.complete).toBe(true);
  });

  it('a smaller cap makes a smaller window', () => {
    const event = timedEvent('2024-05-01T09:00', 60, 'UTC', ['RRULE:FREQ=DAILY;COUNT=60']);
    const result = convertEvent(event, at('2024-04-01T00:00:00Z'), { ...defaults, cap: 10 });
    expect(result.meeting?.recurrence?.end_times).toBe(10);
    expect(result.occurrences).toHaveLength(10);
  });

  it('an unbounded rule is windowed from the first occurrence that has not begun', () => {
    const event = timedEvent('2020-01-06T09:00', 60, 'Europe/London', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
    ]);
    const result = convertEvent(event, at('2024-05-06T08:30:00Z'), defaults);
    // 2024-05-06 09:00 BST = 08:00Z, still running at 08:30Z: Zoom would take that start as
    // "now" and shift the whole series, so the series starts on Wednesday.
    expect(result.meeting?.start_time).toBe('2024-05-08T09:00:00');
    expect(result.running).toEqual({ start: '2024-05-06T08:00:00Z', end: '2024-05-06T09:00:00Z' });
    expect(result.meeting?.recurrence).toEqual({
      type: 2,
      repeat_interval: 1,
      weekly_days: '2,4,6',
      end_times: 50,
    });
    expect(result.window?.complete).toBe(false);
  });

  it('the answer does not change while now moves inside the window, and moves on a minute before the first occurrence begins', () => {
    const event = timedEvent('2020-01-06T09:00', 60, 'Europe/London', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
    ]);
    const a = convertEvent(event, at('2024-05-03T09:00:00Z'), defaults);
    const b = convertEvent(event, at('2024-05-06T07:58:59Z'), defaults);
    expect(b).toEqual(a);
    expect(a.meeting?.start_time).toBe('2024-05-06T09:00:00');
    // Within SERIES_START_MARGIN_MS of its start the request could reach Zoom after it.
    const c = convertEvent(event, at('2024-05-06T07:59:00Z'), defaults);
    expect(c.meeting?.start_time).toBe('2024-05-08T09:00:00');
  });

  it('monthly on the 31st: the window ends before the first month without a 31st', () => {
    const event = timedEvent('2024-05-31T10:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=31']);
    const result = convertEvent(event, at('2024-05-01T00:00:00Z'), defaults);
    expect(result.strategy).toBe('series');
    expect(result.occurrences).toEqual(['2024-05-31T10:00:00Z']);
    expect(result.window?.complete).toBe(false);
    const july = convertEvent(event, at('2024-06-01T00:00:00Z'), defaults);
    expect(july.occurrences).toEqual(['2024-07-31T10:00:00Z', '2024-08-31T10:00:00Z']);
  });

  it('a single event is a type 2 meeting at its wall-clock time', () => {
    const result = convertEvent(
      timedEvent('2021-12-28T14:00', 90, 'Asia/Taipei', undefined, '怕以求'),
      at('2021-12-01T00:00:00Z'),
      defaults,
    );
    expect(result).toEqual({
      strategy: 'single',
      meeting: {
        type: 2,
        topic: '怕以求',
        start_time: '2021-12-28T14:00:00',
        timezone: 'Asia/Taipei',
        duration: 90,
      },
      deleteOccurrences: [],
      occurrences: ['2021-12-28T06:00:00Z'],
      window: { from: '2021-12-28T06:00:00Z', to: '2021-12-28T06:00:00Z', complete: true },
    });
  });

  it('a single event in the hour that happens twice is sent in UTC, which Zoom cannot misread', () => {
    const event = {
      start: { dateTime: '2024-11-03T01:30:00-05:00', timeZone: 'America/New_York' },
      end: { dateTime: '2024-11-03T02:00:00-05:00', timeZone: 'America/New_York' },
    };
    const result = convertEvent(event, at('2024-11-01T00:00:00Z'), defaults);
    expect(result.meeting).toMatchObject({ start_time: '2024-11-03T06:30:00', timezone: 'UTC' });
  });

  it('a topic is at most 200 characters and never empty', () => {
    const long = convertEvent(
      timedEvent('2024-01-01T10:00', 60, 'UTC', undefined, 'x'.repeat(300)),
      at('2023-01-01T00:00:00Z'),
      defaults,
    );
    expect(long.meeting?.topic).toHaveLength(200);
    const none = convertEvent(
      timedEvent('2024-01-01T10:00', 60, 'UTC', undefined, '  '),
      at('2023-01-01T00:00:00Z'),
      defaults,
    );
    expect(none.meeting?.topic).toBe('(No title)');
  });
});
