import { describe, expect, it } from 'vitest';
import { convertEvent, EventInputError, expandZoomSeries } from '../../../src/recurrence/index.js';
import { at, defaults, timedEvent } from './event-fixture.js';

const now = at('2024-01-01T00:00:00Z');
const start = '2024-01-08T10:00'; // a Monday

describe('convertEvent: what Zoom cannot say falls back, with a reason', () => {
  const cases: [string, string[], string][] = [
    ['yearly', ['RRULE:FREQ=YEARLY'], 'unsupported_frequency'],
    ['hourly', ['RRULE:FREQ=HOURLY;COUNT=5'], 'unsupported_frequency'],
    ['every 100 days', ['RRULE:FREQ=DAILY;INTERVAL=100'], 'interval_too_large'],
    ['every 13 weeks', ['RRULE:FREQ=WEEKLY;INTERVAL=13'], 'interval_too_large'],
    ['every 4 months', ['RRULE:FREQ=MONTHLY;INTERVAL=4'], 'interval_too_large'],
    [
      'several days of the month',
      ['RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15'],
      'unsupported_monthly_day',
    ],
    ['the last day of the month', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1'], 'unsupported_monthly_day'],
    [
      'the last weekday of the month (BYSETPOS over several days)',
      ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
      'unsupported_rule_part',
    ],
    ['the 5th Monday', ['RRULE:FREQ=MONTHLY;BYDAY=5MO'], 'unsupported_weekday_ordinal'],
    ['the 2nd-to-last Monday', ['RRULE:FREQ=MONTHLY;BYDAY=-2MO'], 'unsupported_weekday_ordinal'],
    ['every Monday of the month', ['RRULE:FREQ=MONTHLY;BYDAY=MO'], 'unsupported_rule_part'],
    ['weekly in some months only', ['RRULE:FREQ=WEEKLY;BYMONTH=1,2,3'], 'unsupported_rule_part'],
    ['several clock times', ['RRULE:FREQ=DAILY;BYHOUR=10,14'], 'time_of_day_rule'],
    ['another clock time', ['RRULE:FREQ=DAILY;BYHOUR=11'], 'time_of_day_rule'],
    ['RDATE', ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE;TZID=UTC:20240110T100000'], 'rdate'],
    ['EXRULE', ['RRULE:FREQ=DAILY', 'EXRULE:FREQ=WEEKLY;BYDAY=SA,SU'], 'exrule'],
    [
      'two RRULEs',
      ['RRULE:FREQ=WEEKLY;BYDAY=MO', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=20'],
      'multiple_rules',
    ],
    [
      'every 2 weeks on Sunday and Monday (week start decides)',
      ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO'],
      'week_start_ambiguous',
    ],
    [
      'every 2 weeks on Monday and Thursday with WKST=WE',
      ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=WE'],
      'week_start_ambiguous',
    ],
  ];

  it.each(cases)('%s → no_fixed_time by default', (_name, recurrence, code) => {
    const result = convertEvent(timedEvent(start, 60, 'Europe/Paris', recurrence), now, defaults);
    expect(result.strategy).toBe('no_fixed_time');
    expect(result.reasonCode).toBe(code);
    expect(result.reason).toMatch(new RegExp(`^${code}: .+\\.$`));
    expect(result.meeting).toEqual({ type: 3, topic: 'Weekly sync' });
    expect(result.occurrences.length).toBeGreaterThan(0);
    expect(result.deleteOccurrences).toEqual([]);
  });

  it.each(cases)(
    '%s → per_occurrence when configured: one type 2 meeting per occurrence in the horizon',
    (_name, recurrence, code) => {
      const options = {
        ...defaults,
        fallback: 'per_occurrence' as const,
        perOccurrenceHorizonDays: 60,
      };
      const result = convertEvent(timedEvent(start, 60, 'Europe/Paris', recurrence), now, options);
      expect(result.strategy).toBe('per_occurrence');
      expect(result.reasonCode).toBe(code);
      expect(result.meetings?.length).toBe(result.occurrences.length);
      result.meetings!.forEach((meeting, i) => {
        expect(meeting.type).toBe(2);
        const [zoomStart] = expandZoomSeries(meeting);
        expect(zoomStart?.toISOString().replace('.000Z', 'Z')).toBe(result.occurrences[i]);
      });
      const first = Date.parse(result.occurrences[0]!);
      for (const o of result.occurrences)
        expect(Date.parse(o) - first).toBeLessThan(60 * 86_400_000);
    },
  );

  it('an every-2-weeks Sunday-only series is fine: one day cannot fall into different weeks', () => {
    const result = convertEvent(
      timedEvent('2024-01-07T10:00', 60, 'UTC', ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU']),
      now,
      defaults,
    );
    expect(result.strategy).toBe('series');
  });

  it('a clock time in the DST gap → no_fixed_time even when per_occurrence is configured', () => {
    const event = timedEvent('2024-03-03T02:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ]);
    const result = convertEvent(event, now, { ...defaults, fallback: 'per_occurrence' });
    expect(result.strategy).toBe('no_fixed_time');
    expect(result.reasonCode).toBe('dst_gap');
    expect(result.reason).toContain('2024-03-10T02:30:00 does not exist in America/New_York');
  });

  it('a clock time the DST change repeats → no_fixed_time', () => {
    const event = timedEvent('2024-10-27T01:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ]);
    expect(convertEvent(event, now, defaults).reasonCode).toBe('dst_ambiguous');
  });

  it('a DST gap outside the window does not matter', () => {
    const event = timedEvent('2024-03-03T02:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ]);
    expect(convertEvent(event, at('2024-03-11T00:00:00Z'), defaults).strategy).toBe('series');
  });

  it('a rule too dense to expand → no_fixed_time with no occurrences', () => {
    const event = timedEvent('2020-01-01T00:00', 1, 'UTC', ['RRULE:FREQ=SECONDLY']);
    const result = convertEvent(event, at('2024-01-01T00:00:00Z'), defaults);
    expect(result).toMatchObject({
      strategy: 'no_fixed_time',
      reasonCode: 'not_expandable',
      occurrences: [],
    });
  });
});

describe('convertEvent: skip', () => {
  it('an all-day event', () => {
    const result = convertEvent(
      { start: { date: '2024-01-08' }, end: { date: '2024-01-09' } },
      now,
      defaults,
    );
    expect(result).toEqual({
      strategy: 'skip',
      reason: 'all_day: an all-day event has no time for a Zoom meeting; no Zoom meeting.',
      reasonCode: 'all_day',
      deleteOccurrences: [],
      occurrences: [],
    });
  });

  it('a finished single event and a finished series', () => {
    expect(convertEvent(timedEvent('2023-06-01T10:00', 60, 'UTC'), now, defaults).reasonCode).toBe(
      'finished',
    );
    const series = timedEvent('2023-06-01T10:00', 60, 'UTC', ['RRULE:FREQ=WEEKLY;COUNT=3']);
    expect(convertEvent(series, now, defaults).strategy).toBe('skip');
  });

  it('an event that is running now is not finished', () => {
    const result = convertEvent(
      timedEvent('2024-01-01T10:00', 60, 'UTC'),
      at('2024-01-01T10:30:00Z'),
      defaults,
    );
    expect(result.strategy).toBe('single');
  });

  it('a cancelled event (which may carry nothing but its id)', () => {
    expect(convertEvent({ id: 'abc', status: 'cancelled' }, now, defaults).reasonCode).toBe(
      'cancelled',
    );
  });
});

describe('convertEvent: input it cannot read', () => {
  it.each([
    [{ summary: 'no start', end: { dateTime: '2024-01-01T10:00:00Z' } }, 'start'],
    [
      {
        start: { dateTime: '2024-01-01T10:00:00Z', timeZone: 'Atlantis/Capital' },
        end: { dateTime: '2024-01-01T11:00:00Z' },
      },
      'start.timeZone',
    ],
    [
      { ...timedEvent(start, 60, 'UTC'), recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=XX'] },
      'recurrence[0]',
    ],
    [
      { start: { dateTime: '2024-01-01T10:00:00Z' }, end: { dateTime: '2024-01-01T09:00:00Z' } },
      'end',
    ],
  ])('%j names %s', (event, field) => {
    try {
      convertEvent(event, now, defaults);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EventInputError);
      expect((error as EventInputError).field).toBe(field);
      expect((error as EventInputError).message.startsWith(`${field}: `)).toBe(true);
    }
  });

  it('rejects options outside Zoom', () => {
    expect(() => convertEvent(timedEvent(start, 60, 'UTC'), now, { ...defaults, cap: 51 })).toThrow(
      RangeError,
    );
  });
});
