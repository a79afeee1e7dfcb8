import { describe, expect, it } from 'vitest';
import { convertEvent, EventInputError, expandZoomSeries } from '../../../src/recurrence/index.js';
import { checkConversion, occurrencesOf } from './conversion-case.js';
import { at, defaults, timedEvent } from './event-fixture.js';

const now = at('2024-01-01T00:00:00Z');
const start = '2024-01-08T10:00'; // a Monday

describe('convertEvent: what no Zoom series can hold falls back, with the reason of the closest miss', () => {
  const cases: [string, string[], string][] = [
    ['several clock times', ['RRULE:FREQ=DAILY;BYHOUR=10,14'], 'time_of_day_rule'],
    ['another clock time than the start’s', ['RRULE:FREQ=DAILY;BYHOUR=11'], 'time_of_day_rule'],
    ['hourly', ['RRULE:FREQ=HOURLY;COUNT=5'], 'time_of_day_rule'],
    [
      'an RDATE at another clock time right after the start',
      ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE;TZID=Europe/Paris:20240108T150000'],
      'time_of_day_rule',
    ],
    [
      'every 743 days (a prime: no pattern reaches the second within 40 extras)',
      ['RRULE:FREQ=DAILY;INTERVAL=743'],
      'too_many_extras',
    ],
  ];

  it.each(cases)('%s → no_fixed_time by default', (_name, recurrence, code) => {
    const event = timedEvent(start, 60, 'Europe/Paris', recurrence);
    const result = checkConversion(event, now, defaults);
    expect(result).toMatchObject({
      strategy: 'no_fixed_time',
      reasonCode: code,
      meeting: { type: 3, topic: 'Weekly sync' },
    });
    expect(occurrencesOf(result).length).toBeGreaterThan(0);
  });

  it.each(cases)(
    '%s → per_occurrence when configured: one type 2 meeting per occurrence in the horizon',
    (_name, recurrence, code) => {
      const options = {
        ...defaults,
        fallback: 'per_occurrence' as const,
        perOccurrenceHorizonDays: 60,
      };
      const result = checkConversion(
        timedEvent(start, 60, 'Europe/Paris', recurrence),
        now,
        options,
      );
      expect(result).toMatchObject({ strategy: 'per_occurrence', reasonCode: code });
      if (result.strategy !== 'per_occurrence') return;
      result.meetings.forEach(({ occurrence, request }) => {
        expect(request.type).toBe(2);
        expect(expandZoomSeries(request).map((d) => d.toISOString())).toEqual([occurrence]);
      });
    },
  );

  it('the reason names what was found: the two clock times, or the pattern that came closest', () => {
    const clocks = convertEvent(
      timedEvent(start, 60, 'Europe/Paris', ['RRULE:FREQ=DAILY;BYHOUR=10,14']),
      now,
      defaults,
    );
    expect(clocks).toMatchObject({
      reason:
        'time_of_day_rule: 2024-01-08T10:00:00 and 2024-01-08T14:00:00 are at different clock times, and a Zoom series has one; one Zoom meeting with no fixed time serves every occurrence.',
    });
    const far = convertEvent(
      timedEvent(start, 60, 'Europe/Paris', ['RRULE:FREQ=DAILY;INTERVAL=743']),
      now,
      defaults,
    );
    expect(far).toMatchObject({
      reason: expect.stringMatching(
        /^too_many_extras: 2026-01-20T10:00:00 comes 743 days after 2024-01-08T10:00:00, and no Zoom pattern holds both with at most 40 extra occurrences \(recurrence.maxExtraOccurrences\) in 50 \(recurrence.cap\); the closest is /,
      ),
    });
    // A yearly rule with room for 2 extras: every 3 months would need 3, and is named.
    const yearly = convertEvent(
      timedEvent(start, 60, 'Europe/Paris', ['RRULE:FREQ=YEARLY;COUNT=2']),
      now,
      { ...defaults, maxExtraOccurrences: 2 },
    );
    expect(yearly).toMatchObject({
      reasonCode: 'too_many_extras',
      reason: expect.stringContaining('; the closest is every 3 months on day 8;'),
    });
  });

  it('recurrence.maxExtraOccurrences 0: only series with nothing to remove', () => {
    const event = timedEvent(start, 60, 'Europe/Paris', [
      'RRULE:FREQ=MONTHLY;BYDAY=1MO,3MO;COUNT=4',
    ]);
    const strict = checkConversion(event, now, { ...defaults, maxExtraOccurrences: 0 });
    expect(strict).toMatchObject({ strategy: 'series', deleteOccurrences: [] });
    if (strict.strategy === 'series') expect(strict.window.complete).toBe(false);
    const usual = checkConversion(event, now, defaults);
    expect(usual).toMatchObject({ strategy: 'series', window: { complete: true } });
  });

  it('a clock time in the DST gap → no_fixed_time even when per_occurrence is configured', () => {
    const event = timedEvent('2024-03-03T02:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ]);
    const result = convertEvent(event, now, { ...defaults, fallback: 'per_occurrence' });
    expect(result).toMatchObject({
      strategy: 'no_fixed_time',
      reasonCode: 'dst_gap',
      reason: expect.stringContaining('2024-03-10T02:30:00 does not exist in America/New_York'),
    });
  });

  it('a clock time the DST change repeats → no_fixed_time', () => {
    const event = timedEvent('2024-10-27T01:30', 30, 'America/New_York', [
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ]);
    expect(convertEvent(event, now, defaults)).toMatchObject({ reasonCode: 'dst_ambiguous' });
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
    });
  });

  it('a finished single event and a finished series', () => {
    expect(convertEvent(timedEvent('2023-06-01T10:00', 60, 'UTC'), now, defaults)).toMatchObject({
      reasonCode: 'finished',
    });
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
    expect(convertEvent({ id: 'abc', status: 'cancelled' }, now, defaults)).toMatchObject({
      reasonCode: 'cancelled',
    });
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

  it.each([
    'FREQ=WEEKLY;COUNT=3;BYDAY=1TU,-1TH',
    'FREQ=DAILY;COUNT=4;BYDAY=2MO,TU',
    'FREQ=MONTHLY;COUNT=3;BYWEEKNO=20',
    'FREQ=MONTHLY;COUNT=3;BYYEARDAY=1,100,200',
    'FREQ=WEEKLY;COUNT=3;BYMONTHDAY=1,3',
    'FREQ=MONTHLY;COUNT=3;BYSETPOS=1',
    'FREQ=DAILY;COUNT=30;UNTIL=20240112',
    'FREQ=MONTHLY;BYDAY=6MO',
  ])(
    'RRULE:%s is odd but real: expanded as dateutil does, a meeting, never EVENT_INVALID',
    (rule) => {
      const result = checkConversion(
        timedEvent(start, 60, 'UTC', [`RRULE:${rule}`]),
        now,
        defaults,
      );
      expect(['single', 'series', 'no_fixed_time']).toContain(result.strategy);
    },
  );

  it('rejects options outside Zoom', () => {
    expect(() => convertEvent(timedEvent(start, 60, 'UTC'), now, { ...defaults, cap: 51 })).toThrow(
      RangeError,
    );
  });
});
