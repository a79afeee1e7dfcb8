import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ConvertOptions } from '../../../src/recurrence/index.js';
import { arbGeneratedEvent, buildEvent } from './arbitraries.js';
import { judge, type CorpusCase } from './corpus-check.js';

/**
 * The search against an oracle that proves every pattern of Zoom's space one by one
 * (`exhaustive-search.ts`, independent of `seriesCandidates`): no fallback where some Zoom series
 * holds the occurrences (an unnecessary fallback), no window where one holds them all, no more
 * extras than the oracle's best, and never a wrong meeting.
 */
const options: ConvertOptions = {
  cap: 50,
  fallback: 'no_fixed_time',
  perOccurrenceHorizonDays: 30,
  maxExtraOccurrences: 40,
};

function verdictOf(c: CorpusCase) {
  const v = judge(c, options);
  return { name: c.name, lines: c.lines, kind: v.kind, wrong: v.wrong, missed: v.missed };
}

describe('convertEvent against the exhaustive oracle', () => {
  it('for random rules (no RDATE at another clock time), the search misses no series the oracle finds', () => {
    fc.assert(
      fc.property(
        arbGeneratedEvent.map((g) => ({ ...g, extras: { ...g.extras, rdateDays: undefined } })),
        (generated) => {
          const event = buildEvent(generated);
          const start = DateTime.fromISO(event.start!.dateTime!, { setZone: true });
          const verdict = verdictOf({
            name: 'generated',
            zone: generated.zone,
            start: start.toISO({ includeOffset: false })!.slice(0, 16),
            minutes: generated.minutes,
            lines: event.recurrence!,
          });
          expect(verdict).toMatchObject({ wrong: undefined, missed: undefined });
        },
      ),
      { numRuns: 80 },
    );
  });

  // Hard cases of the families the issue names, where a search that reads the spelling would fall
  // back or take more extras than it needs.
  const hard: CorpusCase[] = [
    {
      name: 'yearly',
      zone: 'Europe/Berlin',
      start: '2030-03-05T09:00',
      lines: ['RRULE:FREQ=YEARLY;COUNT=4'],
    },
    {
      name: 'BYMONTH',
      zone: 'America/New_York',
      start: '2030-01-07T09:00',
      lines: ['RRULE:FREQ=WEEKLY;BYDAY=MO;BYMONTH=1,3;COUNT=8'],
    },
    {
      name: 'BYSETPOS',
      zone: 'Asia/Kolkata',
      start: '2030-01-31T09:30',
      lines: ['RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=6'],
    },
    {
      name: '1st and 3rd Tuesday',
      zone: 'Australia/Adelaide',
      start: '2030-01-01T10:00',
      lines: ['RRULE:FREQ=MONTHLY;BYDAY=1TU,3TU;COUNT=10'],
    },
    {
      name: '2nd-to-last Friday',
      zone: 'UTC',
      start: '2030-01-18T16:00',
      lines: ['RRULE:FREQ=MONTHLY;BYDAY=-2FR;COUNT=6'],
    },
    {
      name: '5th Monday',
      zone: 'Europe/London',
      start: '2030-04-29T08:00',
      lines: ['RRULE:FREQ=MONTHLY;BYDAY=5MO;COUNT=4'],
    },
    {
      name: 'every 100 days',
      zone: 'Asia/Taipei',
      start: '2030-01-01T09:00',
      lines: ['RRULE:FREQ=DAILY;INTERVAL=100;COUNT=5'],
    },
    {
      name: 'every 14 weeks',
      zone: 'America/St_Johns',
      start: '2030-01-01T09:00',
      lines: ['RRULE:FREQ=WEEKLY;INTERVAL=14;COUNT=5'],
    },
    {
      name: 'HOURLY on whole days',
      zone: 'Australia/Lord_Howe',
      start: '2030-03-30T09:00',
      lines: ['RRULE:FREQ=HOURLY;INTERVAL=48;COUNT=10'],
    },
    {
      name: 'off the rule',
      zone: 'Europe/Paris',
      start: '2030-01-02T09:00',
      lines: ['RRULE:FREQ=WEEKLY;BYDAY=MO,FR;COUNT=6'],
    },
    {
      name: 'WKST every 2 weeks',
      zone: 'UTC',
      start: '2030-08-06T09:00',
      lines: ['RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU;COUNT=8'],
    },
    {
      name: 'RDATE and EXDATE',
      zone: 'America/Los_Angeles',
      start: '2030-03-04T09:00',
      lines: [
        'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6',
        'RDATE;TZID=America/Los_Angeles:20300307T090000',
        'EXDATE;TZID=America/Los_Angeles:20300318T090000',
      ],
    },
  ];
  it.each(hard.map((c) => [c.name, c] as const))(
    '%s: a series, nothing missed, nothing wrong',
    (_name, c) => {
      const verdict = verdictOf(c);
      expect(verdict).toMatchObject({ wrong: undefined, missed: undefined });
      // A series: of them all, or of as many as 50 Zoom occurrences with 40 extras reach (the last
      // weekday of the month is a window of weekdays).
      expect(['exact', 'window', 'partial']).toContain(verdict.kind);
    },
  );
});
