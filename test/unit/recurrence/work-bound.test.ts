import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src/domain/calendar-event.js';
import { normaliseEvent } from '../../../src/google/normalise-event.js';
import type { RawEvent } from '../../../src/google/raw-event.js';
import { convertEvent, expandGoogleSeries } from '../../../src/recurrence/index.js';
import { bookingSpan } from '../../../src/sync/plan/booking-span.js';
import { at, defaults, timedEvent } from './event-fixture.js';
import { occurrencesOf } from './conversion-case.js';
import { countRuleInstances } from './rule-instance-counter.js';

/**
 * Issue 10: one event's recurrence cannot make zoomlink work without bound. Work is counted at the
 * rrule library's boundary (instances it hands out), never by the clock.
 */
const now = at('2025-03-03T00:00:00Z');
const monday = '2025-01-06T10:00'; // a Monday
const weekly = 'RRULE:FREQ=WEEKLY;BYDAY=MO';
/** Far more than any bounded expansion needs, far less than the unbounded ones did. */
const MAX_INSTANCES = 200_000;

const convert = (recurrence: string[]) =>
  countRuleInstances(MAX_INSTANCES, () =>
    convertEvent(timedEvent(monday, 60, 'Europe/London', recurrence), now, defaults),
  );

describe('EXRULE finer than a day', () => {
  it('EXRULE:FREQ=SECONDLY removes every weekly instance: answered near the candidates, with little work', () => {
    const { result, instances } = convert([weekly, 'EXRULE:FREQ=SECONDLY']);
    // Every second from DTSTART is excluded, so the series has no occurrence left.
    expect(result).toMatchObject({ strategy: 'skip', reasonCode: 'finished' });
    expect(instances).toBeLessThan(50_000);
  });

  it('an EXRULE that misses the weekly clock time leaves every instance: the weekly series', () => {
    const { result, instances } = convert([weekly, 'EXRULE:FREQ=SECONDLY;BYSECOND=30']);
    expect(result).toMatchObject({ strategy: 'series', deleteOccurrences: [] });
    expect(occurrencesOf(result)).toHaveLength(50);
    expect(occurrencesOf(result)[0]).toBe('2025-03-03T10:00:00.000Z');
    expect(instances).toBeLessThan(50_000);
  });

  it('excludes exactly the instances it makes near them (every whole hour of March)', () => {
    const { result } = convert([
      weekly,
      'EXRULE:FREQ=MINUTELY;BYMONTH=3;BYMINUTE=0;UNTIL=20250331T235959Z',
    ]);
    const starts = expandGoogleSeries(timedEvent(monday, 60, 'Europe/London', [weekly]), {
      from: now,
      limit: 60,
    }).map((o) => o.start.toISOString());
    const march = (s: string) => s.startsWith('2025-03');
    // The weekly series covers the weeks after March; the Mondays of March are deleted in Zoom.
    const covered = occurrencesOf(result);
    expect(covered.length).toBeGreaterThan(40);
    expect(covered).toEqual(starts.filter((s) => !march(s)).slice(0, covered.length));
  });

  it('one with a COUNT in the billions spends the budget: recurrence_too_complex, no occurrences', () => {
    const { result, instances } = convert([weekly, 'EXRULE:FREQ=SECONDLY;COUNT=999999999']);
    expect(result).toMatchObject({
      strategy: 'no_fixed_time',
      reasonCode: 'recurrence_too_complex',
      occurrences: [],
    });
    expect(result).toMatchObject({ reason: expect.stringMatching(/^recurrence_too_complex: /) });
    expect(instances).toBeLessThan(MAX_INSTANCES);
  });
});

describe('the booking span (what the store keeps for history) of the same bookings', () => {
  const live = (recurrence: string[]) =>
    normaliseEvent(
      { id: 'span1', ...timedEvent(monday, 60, 'Europe/London', recurrence) } as RawEvent,
      'room@resource.calendar.google.com',
    ) as LiveEvent;

  it('a bounded weekly series with EXRULE:FREQ=SECONDLY: every instance excluded, little work', () => {
    const { result, instances } = countRuleInstances(MAX_INSTANCES, () =>
      bookingSpan(live([`${weekly};COUNT=20`, 'EXRULE:FREQ=SECONDLY'])),
    );
    expect(result).toEqual({
      startsAt: new Date('2025-01-06T10:00:00Z'),
      endsAt: new Date('2025-01-06T11:00:00Z'),
    });
    expect(instances).toBeLessThan(50_000);
  });

  it('one that spends the budget has no known end', () => {
    const { result, instances } = countRuleInstances(MAX_INSTANCES, () =>
      bookingSpan(live([`${weekly};COUNT=20`, 'EXRULE:FREQ=SECONDLY;COUNT=999999999'])),
    );
    expect(result).toBeNull();
    expect(instances).toBeLessThan(MAX_INSTANCES);
  });
});

describe('one budget for every line of an event', () => {
  it('10,000 RRULE lines share one budget: recurrence_too_complex', () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `RRULE:FREQ=DAILY;BYHOUR=${i % 24};BYMINUTE=${i % 60}`,
    );
    const { result, instances } = convert(lines);
    expect(result).toMatchObject({ reasonCode: 'recurrence_too_complex' });
    expect(instances).toBeLessThan(MAX_INSTANCES);
  });

  it('COUNT=10^9 is a count like any other', () => {
    const { result, instances } = convert(['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=1000000000']);
    expect(result).toMatchObject({ strategy: 'series', occurrences: expect.any(Array) });
    expect(occurrencesOf(result)).toHaveLength(50);
    expect(instances).toBeLessThan(1000);
  });

  it('10,000 EXDATEs on a weekly rule are ordinary work', () => {
    const exdates = Array.from(
      { length: 10_000 },
      (_, i) =>
        `EXDATE;TZID=Europe/London:${20300101 + (i % 28)}T${String(i % 24).padStart(2, '0')}0000`,
    );
    const { result } = convert([weekly, ...exdates]);
    expect(result.strategy).toBe('series');
  });
});
