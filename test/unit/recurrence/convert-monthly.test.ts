import { describe, expect } from 'vitest';
import { conversionCase } from './conversion-case.js';
import { timedEvent } from './event-fixture.js';

/**
 * Monthly families: a day of the month, the nth or last weekday, and what Zoom's two monthly
 * forms cannot say alone — several weekdays, ordinals Zoom lacks, BYSETPOS, days counted from
 * the end — which become weekly or daily series with the days Google lacks removed.
 */
describe('convertEvent: monthly', () => {
  conversionCase(
    'every 2 months on day 15 (Europe/Berlin, across the March change)',
    {
      event: timedEvent('2024-01-15T10:00', 60, 'Europe/Berlin', [
        'RRULE:FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15;COUNT=4',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 3, repeat_interval: 2, monthly_day: 15, end_times: 4 } },
      occurrences: [
        '2024-01-15T09:00:00.000Z',
        '2024-03-15T09:00:00.000Z',
        '2024-05-15T08:00:00.000Z',
        '2024-07-15T08:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'monthly with no BYMONTHDAY repeats on the start day',
    {
      event: timedEvent('2024-01-20T10:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;COUNT=3']),
      now: '2024-01-01T00:00:00Z',
    },
    { meeting: { recurrence: { type: 3, repeat_interval: 1, monthly_day: 20, end_times: 3 } } },
  );

  conversionCase(
    'every month on the 2nd Tuesday',
    {
      event: timedEvent('2024-01-09T10:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=3']),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: {
        recurrence: {
          type: 3,
          repeat_interval: 1,
          monthly_week: 2,
          monthly_week_day: 3,
          end_times: 3,
        },
      },
      summary: 'monthly on the 2nd Tuesday, 3 occurrences',
    },
  );

  conversionCase(
    'every 3 months on the last Friday (America/Los_Angeles, 16:00 is the next day in UTC)',
    {
      event: timedEvent('2024-01-26T16:00', 60, 'America/Los_Angeles', [
        'RRULE:FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=3',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: {
        recurrence: { type: 3, repeat_interval: 3, monthly_week: -1, monthly_week_day: 6 },
      },
      occurrences: [
        '2024-01-27T00:00:00.000Z',
        '2024-04-26T23:00:00.000Z',
        '2024-07-26T23:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'the 3rd Thursday written with BYSETPOS is the same monthly_week',
    {
      event: timedEvent('2024-01-18T10:00', 60, 'UTC', [
        'RRULE:FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3;COUNT=3',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    { meeting: { recurrence: { type: 3, monthly_week: 3, monthly_week_day: 5 } } },
  );

  conversionCase(
    'the 1st and 3rd Tuesday: weekly on Tuesday, the others removed',
    {
      event: timedEvent('2024-01-02T10:00', 60, 'America/Chicago', [
        'RRULE:FREQ=MONTHLY;BYDAY=1TU,3TU;COUNT=8',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '3', end_times: 16 } },
      summary: 'weekly on Tuesday, 16 occurrences, 8 removed',
      deleteOccurrences: [
        '2024-01-09T16:00:00.000Z',
        '2024-01-23T16:00:00.000Z',
        '2024-01-30T16:00:00.000Z',
        '2024-02-13T16:00:00.000Z',
        '2024-02-27T16:00:00.000Z',
        '2024-03-12T15:00:00.000Z',
        '2024-03-26T15:00:00.000Z',
        '2024-04-09T15:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'the 2nd-to-last Friday (an ordinal Zoom lacks): weekly on Friday, the others removed',
    {
      event: timedEvent('2024-01-19T15:00', 30, 'Europe/London', [
        'RRULE:FREQ=MONTHLY;BYDAY=-2FR;COUNT=4',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '6' } },
      occurrences: [
        '2024-01-19T15:00:00.000Z',
        '2024-02-16T15:00:00.000Z',
        '2024-03-22T15:00:00.000Z',
        '2024-04-19T14:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'the 5th Monday (an ordinal Zoom lacks): weekly on Monday, 12 weeks between removed',
    {
      event: timedEvent('2024-01-29T09:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;BYDAY=5MO;COUNT=3']),
      now: '2024-01-01T00:00:00Z',
    },
    {
      occurrences: [
        '2024-01-29T09:00:00.000Z',
        '2024-04-29T09:00:00.000Z',
        '2024-07-29T09:00:00.000Z',
      ],
      // Jan 29 to Apr 29 is 13 weeks, and 91 days keeps the 29th every 3 months.
      meeting: { recurrence: { type: 3, repeat_interval: 3, monthly_day: 29, end_times: 3 } },
    },
  );

  conversionCase(
    'the last weekday of the month (BYSETPOS over several days): a window of weekdays with the rest removed',
    {
      event: timedEvent('2024-01-31T10:00', 60, 'Europe/Paris', [
        'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    (result) => {
      expect(result.strategy).toBe('series');
      if (result.strategy !== 'series') return;
      expect(result.occurrences.slice(0, 2)).toEqual([
        '2024-01-31T09:00:00.000Z',
        '2024-02-29T09:00:00.000Z',
      ]);
      expect(result.window.complete).toBe(false);
    },
  );

  conversionCase(
    'the last day of the month, unbounded: a window of the next ones that a daily or weekly series holds within 40 extras',
    {
      event: timedEvent('2024-05-31T10:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1']),
      now: '2024-05-01T00:00:00Z',
    },
    (result) => {
      expect(result.strategy).toBe('series');
      if (result.strategy !== 'series') return;
      expect(result.occurrences).toEqual(['2024-05-31T10:00:00.000Z', '2024-06-30T10:00:00.000Z']);
      expect(result.window.complete).toBe(false);
    },
  );

  conversionCase(
    'monthly on the 31st: the window ends before the first month without a 31st (Zoom does not say what it does then)',
    {
      event: timedEvent('2024-05-31T10:00', 60, 'UTC', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=31']),
      now: '2024-06-01T00:00:00Z',
    },
    {
      strategy: 'series',
      occurrences: ['2024-07-31T10:00:00.000Z', '2024-08-31T10:00:00.000Z'],
      meeting: { recurrence: { type: 3, monthly_day: 31, end_times: 2 } },
    },
  );

  conversionCase(
    'RFC 5545: every other month on the first and last Sunday, 10 occurrences: weekly on Sunday',
    {
      event: timedEvent('1997-09-07T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
      ]),
      now: '1997-09-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '1', end_times: 39 } },
      summary: 'weekly on Sunday, 39 occurrences, 29 removed',
      window: { complete: true },
    },
  );

  conversionCase(
    'a DTSTART off the monthly rule is covered too: both days every month where Zoom has a pattern',
    {
      event: timedEvent('2024-01-10T10:00', 60, 'UTC', [
        'RRULE:FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    (result) => {
      expect(result.strategy).toBe('series');
      if (result.strategy === 'series')
        expect(result.occurrences).toEqual([
          '2024-01-10T10:00:00.000Z',
          '2024-01-15T10:00:00.000Z',
          '2024-02-15T10:00:00.000Z',
          '2024-03-15T10:00:00.000Z',
        ]);
    },
  );
});
