import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertEvent,
  expandGoogleSeries,
  SERIES_START_MARGIN_MS,
  type ConvertOptions,
} from '../../../src/recurrence/index.js';
import { arbGeneratedEvent, buildEvent } from './arbitraries.js';
import { checkConversion } from './conversion-case.js';

const HOUR = 3_600_000;

const arbOptions: fc.Arbitrary<ConvertOptions> = fc.record({
  cap: fc.oneof(
    { weight: 3, arbitrary: fc.constant(50) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 50 }) },
  ),
  fallback: fc.constantFrom('no_fixed_time', 'per_occurrence'),
  perOccurrenceHorizonDays: fc.integer({ min: 1, max: 90 }),
  maxExtraOccurrences: fc.oneof(
    { weight: 3, arbitrary: fc.constant(40) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 49 }) },
  ),
});

/** now: from a month before the series starts to more than a year after. */
const arbNowOffsetHours = fc.integer({ min: -30 * 24, max: 420 * 24 });

describe('convertEvent: properties over generated events and rules', () => {
  it('never a wrong meeting: for any rule, Zoom (every reading) minus deletions equals Google in the window, or a fallback with a reason', () => {
    fc.assert(
      fc.property(
        arbGeneratedEvent,
        arbNowOffsetHours,
        arbOptions,
        (generated, offset, options) => {
          const event = buildEvent(generated);
          const now = new Date(Date.parse(event.start!.dateTime!) + offset * HOUR);
          checkConversion(event, now, options);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('the answer stays the same while now moves toward the end of the first occurrence or the next one’s start', () => {
    fc.assert(
      fc.property(
        arbGeneratedEvent,
        arbNowOffsetHours,
        arbOptions,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (generated, offset, options, share) => {
          const event = buildEvent(generated);
          const now = new Date(Date.parse(event.start!.dateTime!) + offset * HOUR);
          const ahead = expandGoogleSeries(event, { from: now, limit: 60 });
          if (ahead.length === 0) return;
          // The answer changes when the first occurrence is over, and when the next comes within
          // SERIES_START_MARGIN_MS of its start (a series no longer starts there). Occurrences may
          // overlap (a long meeting every quarter hour): the next is the first not begun.
          const nextStart = ahead.find(
            (o) => o.start.getTime() > now.getTime() + SERIES_START_MARGIN_MS,
          );
          const until = Math.min(
            ahead[0]!.end.getTime(),
            nextStart ? nextStart.start.getTime() - SERIES_START_MARGIN_MS : Infinity,
          );
          const later = new Date(now.getTime() + Math.floor((until - now.getTime() - 1) * share));
          expect(convertEvent(event, later, options)).toEqual(convertEvent(event, now, options));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('plain rules Zoom can say become series (the fallback is not a way out)', () => {
    const arbPlain = fc.record({
      zone: fc.constantFrom('UTC', 'Asia/Taipei', 'Europe/London', 'America/New_York'),
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      hour: fc.integer({ min: 8, max: 20 }),
      body: fc.constantFrom(
        'FREQ=DAILY',
        'FREQ=DAILY;INTERVAL=3',
        'FREQ=WEEKLY',
        'FREQ=WEEKLY;INTERVAL=2',
        'FREQ=WEEKLY;BYDAY=MO,WE,FR',
        'FREQ=MONTHLY',
        'FREQ=MONTHLY;INTERVAL=2',
      ),
      count: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(arbPlain, ({ zone, day, month, hour, body, count }) => {
        // A start on a day the rule makes (an off-rule start is its own case, tested by name).
        fc.pre(
          !body.includes('BYDAY') ||
            [1, 3, 5].includes(new Date(Date.UTC(2025, month - 1, day)).getUTCDay()),
        );
        const start = `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00`;
        const event = buildEvent({
          zone,
          start: { year: 2025, month, day, hour, minute: 0 },
          minutes: 60,
          body,
          end: { kind: 'count', count },
          extras: { exdateIndexes: [], exdateForm: 'tzid', rdateDays: undefined, exrule: false },
        });
        const result = convertEvent(event, new Date('2024-12-01T00:00:00Z'), {
          cap: 50,
          fallback: 'no_fixed_time',
          perOccurrenceHorizonDays: 30,
        });
        expect(result.strategy, `${start} ${zone} ${body}`).toBe('series');
        // COUNT instances, plus DTSTART when the rule does not make it.
        const google = expandGoogleSeries(event, { limit: 60 }).map((o) => o.start.toISOString());
        expect(result).toMatchObject({ occurrences: google, deleteOccurrences: [] });
      }),
      { numRuns: 50 },
    );
  });
});
