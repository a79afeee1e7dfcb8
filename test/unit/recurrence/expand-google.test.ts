import { describe, expect, it } from 'vitest';
import { expandGoogleSeries, RecurrenceNotExpandable } from '../../../src/recurrence/index.js';
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
