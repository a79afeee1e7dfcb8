import { describe, expect } from 'vitest';
import { describeSeries } from '../../../src/recurrence/index.js';
import { conversionCase } from './conversion-case.js';
import { timedEvent } from './event-fixture.js';

/** Weekly families: the seed cases, intervals, several days, week starts, off-rule starts. */
describe('convertEvent: weekly', () => {
  conversionCase(
    'seed: every 2 weeks on Friday 18:00 Asia/Taipei from 2021-12-17 until 2021-12-31',
    {
      event: timedEvent('2021-12-17T18:00', 60, 'Asia/Taipei', [
        'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20211231',
      ]),
      now: '2021-12-10T00:00:00Z',
    },
    (result) =>
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
        summary: 'every 2 weeks on Friday, 2 occurrences',
        deleteOccurrences: [],
        occurrences: ['2021-12-17T10:00:00.000Z', '2021-12-31T10:00:00.000Z'],
        window: {
          from: '2021-12-17T10:00:00.000Z',
          to: '2021-12-31T10:00:00.000Z',
          complete: true,
        },
      }),
  );

  conversionCase(
    'seed: weekly on Monday 15:30 Asia/Taipei until 2022-01-31, described as Zoom does in zh-TW',
    {
      event: timedEvent(
        '2021-12-27T15:30',
        60,
        'Asia/Taipei',
        ['RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO'],
        '資訊週會',
      ),
      now: '2021-12-20T00:00:00Z',
    },
    (result) => {
      if (result.strategy !== 'series') throw new Error(result.strategy);
      expect(result.meeting.start_time).toBe('2021-12-27T15:30:00');
      expect(result.meeting.recurrence).toEqual({
        type: 2,
        repeat_interval: 1,
        weekly_days: '2',
        end_times: 6,
      });
      expect(
        describeSeries(
          result.meeting.recurrence!,
          'Asia/Taipei',
          result.occurrences.map((o) => new Date(o)),
          'zh-TW',
        ),
      ).toEqual([
        '每星期的星期一, 到 2022年1月31日結束, 共 6 次會議',
        '2021年12月27日 15:30',
        '2022年1月3日 15:30',
        '2022年1月10日 15:30',
        '2022年1月17日 15:30',
        '2022年1月24日 15:30',
        '2022年1月31日 15:30',
      ]);
    },
  );

  conversionCase(
    'every 3 weeks on Wednesday',
    {
      event: timedEvent('2024-05-01T14:00', 60, 'Asia/Taipei', [
        'RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=WE;COUNT=4',
      ]),
      now: '2024-04-01T00:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 3, weekly_days: '4', end_times: 4 } },
      occurrences: [
        '2024-05-01T06:00:00.000Z',
        '2024-05-22T06:00:00.000Z',
        '2024-06-12T06:00:00.000Z',
        '2024-07-03T06:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'every 2 weeks on Monday and Wednesday (the same weeks whichever day a week starts)',
    {
      event: timedEvent('2024-05-06T10:00', 60, 'UTC', [
        'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6',
      ]),
      now: '2024-04-01T00:00:00Z',
    },
    { meeting: { recurrence: { type: 2, repeat_interval: 2, weekly_days: '2,4', end_times: 6 } } },
  );

  conversionCase(
    'every 2 weeks on Sunday and Monday with WKST=MO: weekly on both, the other weeks removed (no week start to guess)',
    {
      event: timedEvent('2024-01-07T10:00', 60, 'Europe/Paris', [
        'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;COUNT=6',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    {
      strategy: 'series',
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '1,2' } },
      summary: 'weekly on Sunday and Monday, 12 occurrences, 6 removed',
    },
  );

  conversionCase(
    'RFC 5545: every 2 weeks on Tuesday and Sunday, WKST=MO gives August 5, 10, 19, 24',
    {
      event: timedEvent('1997-08-05T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
      ]),
      now: '1997-08-01T00:00:00Z',
    },
    {
      occurrences: [
        '1997-08-05T13:00:00.000Z',
        '1997-08-10T13:00:00.000Z',
        '1997-08-19T13:00:00.000Z',
        '1997-08-24T13:00:00.000Z',
      ],
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '1,3', end_times: 6 } },
      deleteOccurrences: ['1997-08-12T13:00:00.000Z', '1997-08-17T13:00:00.000Z'],
    },
  );

  conversionCase(
    'RFC 5545: the same with WKST=SU gives August 5, 17, 19, 31',
    {
      event: timedEvent('1997-08-05T09:00', 60, 'America/New_York', [
        'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
      ]),
      now: '1997-08-01T00:00:00Z',
    },
    {
      occurrences: [
        '1997-08-05T13:00:00.000Z',
        '1997-08-17T13:00:00.000Z',
        '1997-08-19T13:00:00.000Z',
        '1997-08-31T13:00:00.000Z',
      ],
      deleteOccurrences: [
        '1997-08-10T13:00:00.000Z',
        '1997-08-12T13:00:00.000Z',
        '1997-08-24T13:00:00.000Z',
        '1997-08-26T13:00:00.000Z',
      ],
    },
  );

  conversionCase(
    'every 13 weeks on Monday: every 13 weeks is beyond Zoom’s 12, and 91 days beyond its 90',
    {
      event: timedEvent('2024-01-15T09:00', 60, 'Europe/Paris', [
        'RRULE:FREQ=WEEKLY;INTERVAL=13;COUNT=3',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    (result) => {
      expect(result.strategy).toBe('series');
      if (result.strategy === 'series')
        expect(result.deleteOccurrences.length).toBeLessThanOrEqual(12);
    },
  );

  conversionCase(
    'a DTSTART off the rule, with COUNT: the search finds the weekly days with the fewest extras',
    {
      event: timedEvent('2024-01-01T10:00', 60, 'America/New_York', [
        'RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;COUNT=5',
      ]),
      now: '2023-12-01T00:00:00Z',
    },
    {
      meeting: {
        recurrence: { type: 2, repeat_interval: 1, weekly_days: '2,3,5,7', end_times: 7 },
      },
      deleteOccurrences: ['2024-01-08T15:00:00.000Z'],
      summary: 'weekly on Monday, Tuesday, Thursday and Saturday, 7 occurrences, 1 removed',
    },
  );

  conversionCase(
    'once that DTSTART is over, the window starts on the rule and needs no deletions',
    {
      event: timedEvent('2024-01-01T10:00', 60, 'America/New_York', [
        'RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;COUNT=5',
      ]),
      now: '2024-01-01T16:00:00Z',
    },
    {
      meeting: { recurrence: { type: 2, repeat_interval: 1, weekly_days: '3,5,7', end_times: 5 } },
      deleteOccurrences: [],
    },
  );

  conversionCase(
    'an ordinal BYDAY in a WEEKLY rule is the plain weekday (as dateutil reads it), never EVENT_INVALID',
    {
      event: timedEvent('2024-01-02T10:00', 60, 'UTC', [
        'RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=1TU,-1TH',
      ]),
      now: '2024-01-01T00:00:00Z',
    },
    { meeting: { recurrence: { type: 2, weekly_days: '3,5', end_times: 4 } } },
  );
});
