import { describe, expect, it } from 'vitest';
import { expandGoogleSeries } from '../../../src/recurrence/index.js';
import { timedEvent } from './event-fixture.js';

const starts = (event: Parameters<typeof expandGoogleSeries>[0], limit = 100, from?: Date) =>
  expandGoogleSeries(event, from ? { from, limit } : { limit }).map((o) => o.originalStart);

/** Google keeps the wall-clock time in the event's zone: the UTC times move at DST changes. */
describe('expandGoogleSeries: DST', () => {
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
});
