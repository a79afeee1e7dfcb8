import { describe, expect, it } from 'vitest';
import {
  expandGoogleSeries,
  EventInputError,
  RecurrenceNotExpandable,
} from '../../../src/recurrence/index.js';
import { at, timedEvent } from './event-fixture.js';

const starts = (event: Parameters<typeof expandGoogleSeries>[0], limit = 100, from?: Date) =>
  expandGoogleSeries(event, from ? { from, limit } : { limit }).map((o) => o.originalStart);

describe('expandGoogleSeries: named cases', () => {
  it('seed: every Monday 15:30 Asia/Taipei until 2022-01-31 (UTC UNTIL as Google writes it) is 6 instances', () => {
    const event = timedEvent('2021-12-27T15:30', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO',
    ]);
    expect(starts(event)).toEqual([
      '2021-12-27T07:30:00Z',
      '2022-01-03T07:30:00Z',
      '2022-01-10T07:30:00Z',
      '2022-01-17T07:30:00Z',
      '2022-01-24T07:30:00Z',
      '2022-01-31T07:30:00Z',
    ]);
  });

  it('seed: every 2 weeks on Friday 18:00 Asia/Taipei with UNTIL as a date includes that whole day', () => {
    const event = timedEvent('2021-12-17T18:00', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20211231',
    ]);
    expect(starts(event)).toEqual(['2021-12-17T10:00:00Z', '2021-12-31T10:00:00Z']);
  });

  it('UNTIL as a UTC date-time ends at that instant, not at the end of its day', () => {
    const event = timedEvent('2024-01-01T09:00', 30, 'UTC', [
      'RRULE:FREQ=DAILY;UNTIL=20240103T085959Z',
    ]);
    expect(starts(event)).toEqual(['2024-01-01T09:00:00Z', '2024-01-02T09:00:00Z']);
  });

  it('DTSTART that the rule does not make is an instance and not counted in COUNT', () => {
    // google-api-nodejs-client #2214: a Monday start with BYDAY=TU,TH,SA;COUNT=5 gives 6 events.
    const event = timedEvent('2024-01-01T10:00', 60, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;BYDAY=TU,TH,SA;COUNT=5',
    ]);
    const occurrences = expandGoogleSeries(event, { limit: 100 });
    expect(occurrences.map((o) => o.localStart)).toEqual([
      '2024-01-01T10:00:00',
      '2024-01-02T10:00:00',
      '2024-01-04T10:00:00',
      '2024-01-06T10:00:00',
      '2024-01-09T10:00:00',
      '2024-01-11T10:00:00',
    ]);
    expect(occurrences.map((o) => o.source)).toEqual([
      'start',
      'rule',
      'rule',
      'rule',
      'rule',
      'rule',
    ]);
  });

  it('DTSTART that the rule makes counts as the first of COUNT', () => {
    const event = timedEvent('2024-01-02T10:00', 60, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3',
    ]);
    expect(starts(event)).toEqual([
      '2024-01-02T15:00:00Z',
      '2024-01-04T15:00:00Z',
      '2024-01-09T15:00:00Z',
    ]);
  });

  it('America/New_York: 09:00 stays 09:00 across the March change, so UTC moves an hour', () => {
    const event = timedEvent('2024-03-04T09:00', 60, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=3',
    ]);
    expect(starts(event)).toEqual([
      '2024-03-04T14:00:00Z',
      '2024-03-11T13:00:00Z',
      '2024-03-18T13:00:00Z',
    ]);
  });

  it('Europe/London: 08:30 daily across the end of March', () => {
    const event = timedEvent('2024-03-29T08:30', 30, 'Europe/London', ['RRULE:FREQ=DAILY;COUNT=4']);
    expect(starts(event)).toEqual([
      '2024-03-29T08:30:00Z',
      '2024-03-30T08:30:00Z',
      '2024-03-31T07:30:00Z',
      '2024-04-01T07:30:00Z',
    ]);
  });

  it('Australia/Sydney: the clocks go back in April (southern autumn)', () => {
    const event = timedEvent('2024-03-31T10:00', 60, 'Australia/Sydney', [
      'RRULE:FREQ=WEEKLY;COUNT=3',
    ]);
    expect(starts(event)).toEqual([
      '2024-03-30T23:00:00Z',
      '2024-04-07T00:00:00Z',
      '2024-04-14T00:00:00Z',
    ]);
  });

  it('EXDATE with TZID removes that instance', () => {
    const event = timedEvent('2021-12-27T15:30', 60, 'Asia/Taipei', [
      'RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO',
      'EXDATE;TZID=Asia/Taipei:20220110T153000',
    ]);
    expect(starts(event)).not.toContain('2022-01-10T07:30:00Z');
    expect(starts(event)).toHaveLength(5);
  });

  it('EXDATE in UTC, as a date, and in a different TZID remove the instances they name', () => {
    const event = timedEvent('2024-06-03T09:00', 60, 'Europe/Paris', [
      'RRULE:FREQ=DAILY;COUNT=6',
      'EXDATE:20240604T070000Z',
      'EXDATE;VALUE=DATE:20240605',
      'EXDATE;TZID=America/New_York:20240606T030000',
    ]);
    expect(starts(event)).toEqual([
      '2024-06-03T07:00:00Z',
      '2024-06-07T07:00:00Z',
      '2024-06-08T07:00:00Z',
    ]);
  });

  it('EXDATE may remove DTSTART itself', () => {
    const event = timedEvent('2024-06-03T09:00', 60, 'UTC', [
      'RRULE:FREQ=DAILY;COUNT=3',
      'EXDATE:20240603T090000Z',
    ]);
    expect(starts(event)).toEqual(['2024-06-04T09:00:00Z', '2024-06-05T09:00:00Z']);
  });

  it('RDATE adds instances (date-time, TZID and date forms), with the series duration', () => {
    const event = timedEvent('2024-06-03T09:00', 45, 'Asia/Tokyo', [
      'RRULE:FREQ=WEEKLY;COUNT=2',
      'RDATE;TZID=Asia/Tokyo:20240605T140000',
      'RDATE:20240606T000000Z',
      'RDATE;VALUE=DATE:20240607',
    ]);
    const occurrences = expandGoogleSeries(event, { limit: 100 });
    expect(occurrences.map((o) => o.originalStart)).toEqual([
      '2024-06-03T00:00:00Z',
      '2024-06-05T05:00:00Z',
      '2024-06-06T00:00:00Z',
      '2024-06-07T00:00:00Z',
      '2024-06-10T00:00:00Z',
    ]);
    expect(occurrences.map((o) => o.source)).toEqual(['rule', 'rdate', 'rdate', 'rdate', 'rule']);
    expect(occurrences.every((o) => o.end.getTime() - o.start.getTime() === 45 * 60_000)).toBe(
      true,
    );
  });

  it('EXRULE removes a pattern', () => {
    const event = timedEvent('2024-06-03T09:00', 60, 'UTC', [
      'RRULE:FREQ=DAILY;COUNT=7',
      'EXRULE:FREQ=WEEKLY;BYDAY=SA,SU',
    ]);
    expect(starts(event)).toEqual([
      '2024-06-03T09:00:00Z',
      '2024-06-04T09:00:00Z',
      '2024-06-05T09:00:00Z',
      '2024-06-06T09:00:00Z',
      '2024-06-07T09:00:00Z',
    ]);
  });

  it('an unbounded rule stops at the limit, and `from` keeps only instances not over', () => {
    const event = timedEvent('2020-01-06T09:00', 60, 'Asia/Taipei', ['RRULE:FREQ=WEEKLY;BYDAY=MO']);
    const list = expandGoogleSeries(event, { from: at('2024-05-06T01:30:00Z'), limit: 3 });
    // 2024-05-06 09:00 Taipei = 01:00Z, over at 02:00Z: still running at 01:30Z, so it is kept.
    expect(list.map((o) => o.originalStart)).toEqual([
      '2024-05-06T01:00:00Z',
      '2024-05-13T01:00:00Z',
      '2024-05-20T01:00:00Z',
    ]);
  });

  it('`to` bounds by start, like events.list timeMax', () => {
    const event = timedEvent('2024-01-01T09:00', 60, 'UTC', ['RRULE:FREQ=DAILY']);
    expect(expandGoogleSeries(event, { to: at('2024-01-04T09:00:00Z') })).toHaveLength(3);
  });

  it('a clock time the spring-forward skips is placed after the gap (RFC 5545) and flagged', () => {
    const event = timedEvent('2024-03-03T02:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=2',
    ]);
    const [, second] = expandGoogleSeries(event, { limit: 5 });
    expect(second?.originalStart).toBe('2024-03-10T07:30:00Z'); // 03:30 EDT
    expect(second?.wallClock).toBe('gap');
  });

  it('a clock time that happens twice is the first of the two (RFC 5545) and flagged', () => {
    const event = timedEvent('2024-10-27T01:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=2',
    ]);
    const [, second] = expandGoogleSeries(event, { limit: 5 });
    expect(second?.originalStart).toBe('2024-11-03T05:30:00Z'); // 01:30 EDT
    expect(second?.wallClock).toBe('ambiguous');
  });

  it('a DTSTART at the second of two 01:30s is kept as given, not doubled by the rule', () => {
    const event = {
      start: { dateTime: '2024-11-03T01:30:00-05:00', timeZone: 'America/New_York' },
      end: { dateTime: '2024-11-03T02:00:00-05:00', timeZone: 'America/New_York' },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=2'],
    };
    expect(starts(event)).toEqual(['2024-11-03T06:30:00Z', '2024-11-04T06:30:00Z']);
  });

  it('a single event is its one instance', () => {
    const event = timedEvent('2021-12-28T14:00', 60, 'Asia/Taipei');
    expect(starts(event)).toEqual(['2021-12-28T06:00:00Z']);
  });

  it('an all-day series expands by dates, UNTIL as a date inclusive (Google docs example)', () => {
    const event = {
      start: { date: '2015-06-01' },
      end: { date: '2015-06-02' },
      recurrence: [
        'RRULE:FREQ=DAILY;UNTIL=20150628;INTERVAL=3',
        'EXDATE;VALUE=DATE:20150610',
        'RDATE;VALUE=DATE:20150609,20150611',
      ],
    };
    const list = expandGoogleSeries(event, { limit: 100 });
    expect(list.map((o) => o.localStart.slice(0, 10))).toEqual([
      '2015-06-01',
      '2015-06-04',
      '2015-06-07',
      '2015-06-09',
      '2015-06-11',
      '2015-06-13',
      '2015-06-16',
      '2015-06-19',
      '2015-06-22',
      '2015-06-25',
      '2015-06-28',
    ]);
  });

  it('refuses a rule so dense it would take long to expand', () => {
    const event = timedEvent('2020-01-01T00:00', 1, 'UTC', ['RRULE:FREQ=SECONDLY']);
    expect(() => expandGoogleSeries(event, { from: at('2024-01-01T00:00:00Z'), limit: 1 })).toThrow(
      RecurrenceNotExpandable,
    );
  });

  it('a rule that matches nothing after DTSTART ends at the horizon instead of walking to the year 9999', () => {
    const event = timedEvent('2024-06-01T10:00', 60, 'UTC', [
      'RRULE:FREQ=DAILY;INTERVAL=7;BYDAY=MO',
    ]); // a Saturday
    expect(starts(event)).toEqual(['2024-06-01T10:00:00Z']);
    const never = timedEvent('2024-01-31T10:00', 60, 'UTC', [
      'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'EXRULE:FREQ=DAILY;INTERVAL=14;BYDAY=SU',
    ]);
    expect(starts(never)).toEqual(['2024-01-31T10:00:00Z']);
  });

  it('refuses sub-daily rules whose BYHOUR may never be reached (rrule would loop for ever)', () => {
    const event = timedEvent('2024-06-01T10:00', 60, 'UTC', [
      'RRULE:FREQ=HOURLY;INTERVAL=24;BYHOUR=9',
    ]);
    expect(() => expandGoogleSeries(event, { limit: 3 })).toThrow(RecurrenceNotExpandable);
  });

  it('needs a bound', () => {
    const event = timedEvent('2020-01-01T00:00', 1, 'UTC', ['RRULE:FREQ=DAILY']);
    expect(() => expandGoogleSeries(event, {} as never)).toThrow(RangeError);
  });
});

describe('expandGoogleSeries: malformed input names the field', () => {
  const cases: [string, Parameters<typeof expandGoogleSeries>[0], string][] = [
    ['no start', { end: { dateTime: '2024-01-01T10:00:00Z' } }, 'start: is missing'],
    [
      'start without dateTime or date',
      { start: { timeZone: 'UTC' }, end: { dateTime: '2024-01-01T10:00:00Z' } },
      'start: needs dateTime',
    ],
    [
      'unknown zone',
      {
        start: { dateTime: '2024-01-01T10:00:00Z', timeZone: 'Mars/Olympus' },
        end: { dateTime: '2024-01-01T11:00:00Z' },
      },
      'start.timeZone:',
    ],
    [
      'garbled dateTime',
      { start: { dateTime: 'tomorrow' }, end: { dateTime: '2024-01-01T11:00:00Z' } },
      'start.dateTime:',
    ],
    [
      '31 February',
      { start: { dateTime: '2024-02-31T10:00:00Z' }, end: { dateTime: '2024-03-01T11:00:00Z' } },
      'start.dateTime:',
    ],
    [
      'end before start',
      { start: { dateTime: '2024-01-01T10:00:00Z' }, end: { dateTime: '2024-01-01T09:00:00Z' } },
      'end:',
    ],
    [
      'date end with dateTime start',
      { start: { dateTime: '2024-01-01T10:00:00Z' }, end: { date: '2024-01-02' } },
      'end: must be a dateTime',
    ],
    [
      'recurring without timeZone',
      {
        start: { dateTime: '2024-01-01T10:00:00Z' },
        end: { dateTime: '2024-01-01T11:00:00Z' },
        recurrence: ['RRULE:FREQ=DAILY'],
      },
      'start.timeZone: is required',
    ],
  ];
  it.each(cases)('%s', (_name, event, message) => {
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(EventInputError);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(message);
  });

  const rules: [string, string][] = [
    ['FREQ=FORTNIGHTLY', 'FREQ=FORTNIGHTLY is not one of'],
    ['BYDAY=MO', 'FREQ is missing'],
    ['FREQ=WEEKLY;BYDAY=MX', 'BYDAY value "MX"'],
    ['FREQ=WEEKLY;COUNT=0', 'COUNT=0 is not a positive integer'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20240101', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY value 32'],
    ['FREQ=WEEKLY;UNTIL=2024-01-01', 'UNTIL=2024-01-01'],
    ['FREQ=WEEKLY;INTERVAL=2;INTERVAL=3', 'INTERVAL is given twice'],
    ['FREQ=WEEKLY;BYDAY=2MO', 'BYDAY ordinal "2MO" is only valid with FREQ=MONTHLY or YEARLY'],
    ['FREQ=WEEKLY;FOO=1', 'unknown rule part FOO'],
  ];
  it.each(rules)('RRULE:%s', (rule, message) => {
    const event = timedEvent('2024-01-01T10:00', 60, 'UTC', [
      'EXDATE:20240102T100000Z',
      `RRULE:${rule}`,
    ]);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(`recurrence[1]: ${message}`);
  });

  it('a line that is not a recurrence line', () => {
    const event = timedEvent('2024-01-01T10:00', 60, 'UTC', ['DTSTART:20240101T100000Z']);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(
      'recurrence[0]: DTSTART does not belong',
    );
  });

  it('an EXDATE with an unknown TZID', () => {
    const event = timedEvent('2024-01-01T10:00', 60, 'UTC', [
      'RRULE:FREQ=DAILY',
      'EXDATE;TZID=Nowhere/City:20240102T100000',
    ]);
    expect(() => expandGoogleSeries(event, { limit: 1 })).toThrow(
      'recurrence[1]: TZID=Nowhere/City',
    );
  });
});
