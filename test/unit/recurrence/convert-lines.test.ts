import { describe, expect } from 'vitest';
import { conversionCase } from './conversion-case.js';
import { timedEvent } from './event-fixture.js';

/**
 * Events whose occurrences come from several lines: EXDATE (deleted in Zoom), RDATE, EXRULE and
 * several RRULEs — the occurrences are what counts, not the lines that spell them.
 */
describe('convertEvent: RDATE, EXDATE, EXRULE and several rules', () => {
  conversionCase(
    'EXDATE with TZID: Zoom makes the occurrence, zoomlink deletes it',
    {
      event: timedEvent('2021-12-27T15:30', 60, 'Asia/Taipei', [
        'RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO',
        'EXDATE;TZID=Asia/Taipei:20220110T153000',
      ]),
      now: '2021-12-20T00:00:00Z',
    },
    {
      meeting: { recurrence: { end_times: 6 } },
      deleteOccurrences: ['2022-01-10T07:30:00.000Z'],
      summary: 'weekly on Monday, 6 occurrences, 1 removed',
    },
  );

  conversionCase(
    'an RDATE on another weekday at the same time: both weekdays, the other weeks’ removed',
    {
      event: timedEvent('2024-01-08T10:00', 60, 'Europe/Paris', [
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'RDATE;TZID=Europe/Paris:20240110T100000',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '2,4', end_times: 5 } },
      deleteOccurrences: ['2024-01-17T09:00:00.000Z'],
    },
  );

  conversionCase(
    'a series spelled by RDATE alone (every 2 weeks on Thursday) is the weekly series it makes',
    {
      event: timedEvent('2024-01-04T14:00', 60, 'America/Sao_Paulo', [
        'RDATE;TZID=America/Sao_Paulo:20240118T140000,20240201T140000,20240215T140000',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 2, weekly_days: '5', end_times: 4 } },
      deleteOccurrences: [],
    },
  );

  conversionCase(
    'EXRULE removing Saturdays and Sundays from a daily rule: weekly on weekdays',
    {
      event: timedEvent('2024-01-08T09:00', 30, 'Europe/London', [
        'RRULE:FREQ=DAILY;COUNT=20',
        'EXRULE:FREQ=WEEKLY;BYDAY=SA,SU',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, weekly_days: '2,3,4,5,6' } },
      deleteOccurrences: [],
    },
  );

  conversionCase(
    'two RRULEs (Monday weekly and the 20th monthly): one series holding both',
    {
      event: timedEvent('2024-01-08T10:00', 60, 'UTC', [
        'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4',
        'RRULE:FREQ=MONTHLY;BYMONTHDAY=20;COUNT=1',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    (result) => {
      expect(result.strategy).toBe('series');
      if (result.strategy === 'series') expect(result.occurrences).toHaveLength(5);
    },
  );

  conversionCase(
    'an RDATE at another clock time ends what a series can hold: the window stops before it',
    {
      event: timedEvent('2024-01-08T10:00', 60, 'Europe/Paris', [
        'RRULE:FREQ=WEEKLY;COUNT=4',
        'RDATE;TZID=Europe/Paris:20240124T150000',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      strategy: 'series',
      occurrences: [
        '2024-01-08T09:00:00.000Z',
        '2024-01-15T09:00:00.000Z',
        '2024-01-22T09:00:00.000Z',
      ],
      window: { complete: false },
    },
  );
});
