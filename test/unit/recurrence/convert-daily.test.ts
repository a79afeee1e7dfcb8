import { describe } from 'vitest';
import { conversionCase } from './conversion-case.js';
import { timedEvent } from './event-fixture.js';

/** Daily families: every N days, within and beyond Zoom's 90, and rules that land on whole days. */
describe('convertEvent: daily', () => {
  conversionCase(
    'every 3 days, 5 times: daily every 3 days, nothing removed',
    {
      event: timedEvent('2024-05-01T09:00', 30, 'Asia/Tokyo', [
        'RRULE:FREQ=DAILY;INTERVAL=3;COUNT=5',
      ]),
      now: '2024-04-01T00:00:00Z',
    },
    {
      strategy: 'series',
      meeting: { recurrence: { type: 1, repeat_interval: 3, end_times: 5 } },
      summary: 'every 3 days, 5 occurrences',
      deleteOccurrences: [],
      occurrences: [
        '2024-05-01T00:00:00.000Z',
        '2024-05-04T00:00:00.000Z',
        '2024-05-07T00:00:00.000Z',
        '2024-05-10T00:00:00.000Z',
        '2024-05-13T00:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'every day on weekdays becomes weekly on Monday to Friday',
    {
      event: timedEvent('2024-05-06T08:00', 15, 'Europe/London', [
        'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=7',
      ]),
      now: '2024-05-01T00:00:00Z',
    },
    {
      meeting: {
        recurrence: { type: 2, repeat_interval: 1, weekly_days: '2,3,4,5,6', end_times: 7 },
      },
      deleteOccurrences: [],
    },
  );

  conversionCase(
    'every 100 days, beyond Zoom’s 90: every 50 days with every other one removed',
    {
      event: timedEvent('2024-01-08T10:00', 60, 'Europe/Paris', [
        'RRULE:FREQ=DAILY;INTERVAL=100;COUNT=4',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      strategy: 'series',
      meeting: { recurrence: { type: 1, repeat_interval: 50, end_times: 7 } },
      summary: 'every 50 days, 7 occurrences, 3 removed',
    },
  );

  conversionCase(
    'every 91 days from 8 January 2024: the dates fall on the 8th every 3 months, so no extra at all',
    {
      event: timedEvent('2024-01-08T10:00', 60, 'UTC', ['RRULE:FREQ=DAILY;INTERVAL=91;COUNT=3']),
      now: '2024-01-01T00:00:00Z',
    },
    {
      strategy: 'series',
      meeting: { recurrence: { type: 3, repeat_interval: 3, monthly_day: 8, end_times: 3 } },
      deleteOccurrences: [],
    },
  );

  conversionCase(
    'every 91 days from 2 September 2024: 13 weeks keep it the 1st Monday, every 3 months',
    {
      event: timedEvent('2024-09-02T10:00', 60, 'UTC', ['RRULE:FREQ=DAILY;INTERVAL=91;COUNT=3']),
      now: '2024-09-01T00:00:00Z',
    },
    {
      meeting: {
        recurrence: { type: 3, repeat_interval: 3, monthly_week: 1, monthly_week_day: 2 },
      },
      summary: 'every 3 months on the 1st Monday, 3 occurrences',
    },
  );

  conversionCase(
    'every 130 days: every 65 days with every other one removed',
    {
      event: timedEvent('2024-09-03T10:00', 60, 'Australia/Adelaide', [
        'RRULE:FREQ=DAILY;INTERVAL=130;COUNT=3',
      ]),
      now: '2024-09-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 1, repeat_interval: 65, end_times: 5 } },
      summary: 'every 65 days, 5 occurrences, 2 removed',
      deleteOccurrences: ['2024-11-06T23:30:00.000Z', '2025-03-16T23:30:00.000Z'],
    },
  );

  conversionCase(
    'FREQ=HOURLY;INTERVAL=24 lands on whole days: daily',
    {
      event: timedEvent('2024-03-04T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=HOURLY;INTERVAL=24;COUNT=10',
      ]),
      now: '2024-03-01T00:00:00Z',
    },
    { strategy: 'series', meeting: { recurrence: { type: 1, repeat_interval: 1, end_times: 10 } } },
  );

  conversionCase(
    'FREQ=HOURLY;INTERVAL=24;BYHOUR=9 from 09:00 lands every day (rrule’s hour loop reaches 9)',
    {
      event: timedEvent('2024-03-04T09:00', 60, 'UTC', [
        'RRULE:FREQ=HOURLY;INTERVAL=24;BYHOUR=9;COUNT=4',
      ]),
      now: '2024-03-01T00:00:00Z',
    },
    { strategy: 'series', meeting: { recurrence: { type: 1, repeat_interval: 1, end_times: 4 } } },
  );

  conversionCase(
    'FREQ=HOURLY;BYHOUR=9 lands once a day: daily',
    {
      event: timedEvent('2024-03-04T09:00', 60, 'Asia/Kolkata', [
        'RRULE:FREQ=HOURLY;BYHOUR=9;COUNT=5',
      ]),
      now: '2024-03-01T00:00:00Z',
    },
    { strategy: 'series', summary: 'daily, 5 occurrences' },
  );

  conversionCase(
    'FREQ=MINUTELY;INTERVAL=2880 is every other day',
    {
      event: timedEvent('2024-03-04T09:30', 45, 'Europe/Berlin', [
        'RRULE:FREQ=MINUTELY;INTERVAL=2880;COUNT=6',
      ]),
      now: '2024-03-01T00:00:00Z',
    },
    { strategy: 'series', summary: 'every 2 days, 6 occurrences' },
  );

  conversionCase(
    'every day in January for three years (RFC 5545): daily windows, the other months removed up to the limit',
    {
      event: timedEvent('1998-01-01T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
      ]),
      now: '1997-12-31T00:00:00Z',
    },
    { strategy: 'series', meeting: { recurrence: { type: 1, repeat_interval: 1, end_times: 31 } } },
  );
});
