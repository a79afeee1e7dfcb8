import { describe, expect, it } from 'vitest';
import { convertEvent } from '../../../src/recurrence/index.js';
import { conversionCase } from './conversion-case.js';
import { at, defaults, timedEvent } from './event-fixture.js';

/** Ends, windows, the occurrence in progress, and single events. */
describe('convertEvent: ends, windows and singles', () => {
  it('UNTIL as a date and as a UTC date-time give the same series', () => {
    const asDate = timedEvent('2024-05-06T09:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240527',
    ]);
    const asUtc = timedEvent('2024-05-06T09:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20240527T155959Z',
    ]);
    const a = convertEvent(asDate, at('2024-05-01T00:00:00Z'), defaults);
    expect(a).toEqual(convertEvent(asUtc, at('2024-05-01T00:00:00Z'), defaults));
    expect(a).toMatchObject({ meeting: { recurrence: { end_times: 4 } } });
  });

  conversionCase(
    'COUNT above the cap: a window of the next 50, reported as not complete, never end_times > 50',
    {
      event: timedEvent('2024-05-01T09:00', 60, 'Asia/Taipei', ['RRULE:FREQ=DAILY;COUNT=60']),
      now: '2024-04-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 1, repeat_interval: 1, end_times: 50 } },
      window: { from: '2024-05-01T01:00:00.000Z', to: '2024-06-19T01:00:00.000Z', complete: false },
    },
  );

  conversionCase(
    '15 days later, 45 remain: the window holds the rest of the series',
    {
      event: timedEvent('2024-05-01T09:00', 60, 'Asia/Taipei', ['RRULE:FREQ=DAILY;COUNT=60']),
      now: '2024-05-15T02:00:00Z',
    },
    {
      meeting: { start_time: '2024-05-16T09:00:00', recurrence: { end_times: 45 } },
      window: { complete: true },
    },
  );

  conversionCase(
    'a smaller cap makes a smaller window',
    {
      event: timedEvent('2024-05-01T09:00', 60, 'UTC', ['RRULE:FREQ=DAILY;COUNT=60']),
      now: '2024-04-01T00:00:00Z',
      options: { cap: 10 },
    },
    (result) => {
      expect(result).toMatchObject({ meeting: { recurrence: { end_times: 10 } } });
      if (result.strategy === 'series') expect(result.occurrences).toHaveLength(10);
    },
  );

  conversionCase(
    'an unbounded rule is windowed from the first occurrence that has not begun, naming the one in progress',
    {
      event: timedEvent('2020-01-06T09:00', 60, 'Europe/London', [
        'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
      ]),
      // 2024-05-06 09:00 BST = 08:00Z, still running at 08:30Z: Zoom would take that start as
      // "now" and shift the whole series, so the series starts on Wednesday.
      now: '2024-05-06T08:30:00Z',
    },
    {
      meeting: {
        start_time: '2024-05-08T09:00:00',
        recurrence: { type: 2, repeat_interval: 1, weekly_days: '2,4,6', end_times: 50 },
      },
      running: { start: '2024-05-06T08:00:00.000Z', end: '2024-05-06T09:00:00.000Z' },
      window: { complete: false },
    },
  );

  it('the answer does not change while now moves inside the window, and moves on a minute before the first occurrence begins', () => {
    const event = timedEvent('2020-01-06T09:00', 60, 'Europe/London', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
    ]);
    const a = convertEvent(event, at('2024-05-03T09:00:00Z'), defaults);
    expect(convertEvent(event, at('2024-05-06T07:58:59Z'), defaults)).toEqual(a);
    expect(a).toMatchObject({ meeting: { start_time: '2024-05-06T09:00:00' } });
    // Within SERIES_START_MARGIN_MS of its start the request could reach Zoom after it.
    expect(convertEvent(event, at('2024-05-06T07:59:00Z'), defaults)).toMatchObject({
      meeting: { start_time: '2024-05-08T09:00:00' },
    });
  });

  conversionCase(
    'a series whose last occurrence has begun is finished, and names it',
    {
      event: timedEvent('2024-05-06T09:00', 60, 'UTC', ['RRULE:FREQ=DAILY;COUNT=2']),
      now: '2024-05-07T09:30:00Z',
    },
    {
      strategy: 'skip',
      reasonCode: 'finished',
      running: { start: '2024-05-07T09:00:00.000Z', end: '2024-05-07T10:00:00.000Z' },
    },
  );

  conversionCase(
    'a single event is a type 2 meeting at its wall-clock time',
    {
      event: timedEvent('2021-12-28T14:00', 90, 'Asia/Taipei', undefined, '怕以求'),
      now: '2021-12-01T00:00:00Z',
    },
    (result) =>
      expect(result).toEqual({
        strategy: 'single',
        meeting: {
          type: 2,
          topic: '怕以求',
          start_time: '2021-12-28T14:00:00',
          timezone: 'Asia/Taipei',
          duration: 90,
        },
        occurrences: ['2021-12-28T06:00:00.000Z'],
        window: {
          from: '2021-12-28T06:00:00.000Z',
          to: '2021-12-28T06:00:00.000Z',
          complete: true,
        },
      }),
  );

  conversionCase(
    'a single event in the hour that happens twice is sent in UTC, which Zoom cannot misread',
    {
      event: {
        start: { dateTime: '2024-11-03T01:30:00-05:00', timeZone: 'America/New_York' },
        end: { dateTime: '2024-11-03T02:00:00-05:00', timeZone: 'America/New_York' },
      },
      now: '2024-11-01T00:00:00Z',
    },
    { meeting: { start_time: '2024-11-03T06:30:00', timezone: 'UTC' } },
  );

  it('a topic is at most 200 characters and never empty', () => {
    const long = convertEvent(
      timedEvent('2024-01-01T10:00', 60, 'UTC', undefined, 'x'.repeat(300)),
      at('2023-01-01T00:00:00Z'),
      defaults,
    );
    expect(long).toMatchObject({ meeting: { topic: 'x'.repeat(200) } });
    const none = convertEvent(
      timedEvent('2024-01-01T10:00', 60, 'UTC', undefined, '  '),
      at('2023-01-01T00:00:00Z'),
      defaults,
    );
    expect(none).toMatchObject({ meeting: { topic: '(No title)' } });
  });
});
