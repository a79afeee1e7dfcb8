import { describe, expect } from 'vitest';
import { conversionCase } from './conversion-case.js';
import { timedEvent } from './event-fixture.js';

/** Yearly families: Zoom repeats at most every 3 months, so a year is a monthly series with removals. */
describe('convertEvent: yearly', () => {
  conversionCase(
    'yearly, 3 times: every 3 months on the day, three removed each year',
    {
      event: timedEvent('2024-03-12T12:00', 60, 'Europe/Berlin', ['RRULE:FREQ=YEARLY;COUNT=3']),
      now: '2024-03-01T00:00:00Z',
    },
    {
      strategy: 'series',
      meeting: { recurrence: { type: 3, repeat_interval: 3, monthly_day: 12, end_times: 9 } },
      summary: 'every 3 months on day 12, 9 occurrences, 6 removed',
      window: { complete: true },
    },
  );

  conversionCase(
    'yearly without end: a window of 13 years in 49 Zoom occurrences, 36 removed',
    {
      event: timedEvent('2024-03-12T12:00', 60, 'Asia/Kolkata', ['RRULE:FREQ=YEARLY']),
      now: '2024-03-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 3, repeat_interval: 3, monthly_day: 12, end_times: 49 } },
      summary: 'every 3 months on day 12, 49 occurrences, 36 removed',
      window: { complete: false },
    },
  );

  conversionCase(
    'RFC 5545: yearly in June and July, 10 times: monthly on the 10th, exactly 40 removed',
    {
      event: timedEvent('1997-06-10T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
      ]),
      now: '1997-06-01T00:00:00Z',
    },
    {
      // June 1997 to July 2001 is 50 months: Zoom's 50 occurrences, 40 of them removed.
      meeting: { recurrence: { type: 3, repeat_interval: 1, monthly_day: 10, end_times: 50 } },
      summary: 'monthly on day 10, 50 occurrences, 40 removed',
      window: { complete: true },
    },
  );

  conversionCase(
    'the same with recurrence.maxExtraOccurrences 39: a window of the first years',
    {
      event: timedEvent('1997-06-10T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
      ]),
      now: '1997-06-01T00:00:00Z',
      options: { maxExtraOccurrences: 39 },
    },
    (result) => {
      expect(result.strategy).toBe('series');
      if (result.strategy !== 'series') return;
      expect(result.deleteOccurrences.length).toBeLessThanOrEqual(39);
      expect(result.window.complete).toBe(false);
    },
  );

  conversionCase(
    'RFC 5545: every other year in January, February and March: monthly on the 10th, with removals',
    {
      event: timedEvent('1997-03-10T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
      ]),
      now: '1997-03-01T00:00:00Z',
    },
    {
      // 1997-03 to 1999-03 is 25 months, 21 of them removed; 2001 follows when the window moves.
      summary: 'monthly on day 10, 25 occurrences, 21 removed',
      window: { complete: false },
    },
  );

  conversionCase(
    'yearly on 29 February: no pattern reaches the next leap day; the 29th every 3 months holds this one until a February without it',
    {
      event: timedEvent('2024-02-29T10:00', 60, 'UTC', ['RRULE:FREQ=YEARLY;COUNT=3']),
      now: '2024-02-01T00:00:00Z',
    },
    {
      // What Zoom does with the 29th in February 2025 is undocumented (issue 2, item 4): the
      // window ends before it, and moves on to 2028 once this occurrence is over.
      occurrences: ['2024-02-29T10:00:00.000Z'],
      meeting: { recurrence: { type: 3, monthly_day: 29, end_times: 1 } },
      window: { complete: false },
    },
  );

  conversionCase(
    'the US election day (RFC 5545: every 4 years, the Tuesday after the first Monday of November)',
    {
      event: timedEvent('1996-11-05T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8;COUNT=3',
      ]),
      now: '1996-11-01T00:00:00Z',
    },
    {
      meeting: {
        recurrence: { type: 3, repeat_interval: 3, monthly_week: 1, monthly_week_day: 3 },
      },
      summary: 'every 3 months on the 1st Tuesday, 33 occurrences, 30 removed',
      occurrences: [
        '1996-11-05T14:00:00.000Z',
        '2000-11-07T14:00:00.000Z',
        '2004-11-02T14:00:00.000Z',
      ],
    },
  );
});
