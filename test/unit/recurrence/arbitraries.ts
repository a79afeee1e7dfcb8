import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { GoogleEventResource } from '../../../src/domain/calendar-event.js';
import { expandGoogleSeries } from '../../../src/recurrence/index.js';
import { timedEvent } from './event-fixture.js';

/**
 * Generated Google events for property tests: the zones that matter (DST north and south, half-
 * and quarter-hour offsets, none), start times across years, and rules from the plain to the
 * hostile, written the way Google stores them.
 */
export const ZONES = [
  'UTC',
  'Asia/Taipei',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Sao_Paulo',
] as const;

export const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface LocalStart {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export const arbLocalStart: fc.Arbitrary<LocalStart> = fc.record({
  year: fc.integer({ min: 2023, max: 2026 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 31 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.constantFrom(0, 15, 30, 45),
});

const arbDays = fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 4 });
const arbInterval = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) },
  // Beyond Zoom's 12 weeks and 3 months, without spans of centuries that only cost time.
  { weight: 1, arbitrary: fc.integer({ min: 5, max: 14 }) },
);

/** The body of an RRULE without its end: FREQ and the parts that choose days. */
export const arbRuleBody: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({ interval: arbInterval, days: fc.option(arbDays, { nil: undefined }) })
    .map(
      ({ interval, days }) =>
        `FREQ=DAILY;INTERVAL=${interval}${days ? `;BYDAY=${days.join(',')}` : ''}`,
    ),
  fc
    .record({
      interval: arbInterval,
      days: fc.option(arbDays, { nil: undefined }),
      wkst: fc.option(fc.constantFrom(...CODES), { nil: undefined }),
    })
    .map(
      ({ interval, days, wkst }) =>
        `FREQ=WEEKLY;INTERVAL=${interval}${days ? `;BYDAY=${days.join(',')}` : ''}${wkst ? `;WKST=${wkst}` : ''}`,
    ),
  fc
    .record({
      interval: arbInterval,
      form: fc.oneof(
        fc.constant(''),
        fc.integer({ min: 1, max: 31 }).map((d) => `;BYMONTHDAY=${d}`),
        fc.constantFrom(';BYMONTHDAY=-1', ';BYMONTHDAY=1,15'),
        fc
          .record({ nth: fc.constantFrom(-2, -1, 1, 2, 3, 4, 5), day: fc.constantFrom(...CODES) })
          .map(({ nth, day }) => `;BYDAY=${nth}${day}`),
        fc
          .record({ pos: fc.constantFrom(-1, 1, 2, 3), day: fc.constantFrom(...CODES) })
          .map(({ pos, day }) => `;BYDAY=${day};BYSETPOS=${pos}`),
      ),
    })
    .map(({ interval, form }) => `FREQ=MONTHLY;INTERVAL=${interval}${form}`),
  fc.constantFrom(
    'FREQ=YEARLY',
    'FREQ=HOURLY;INTERVAL=7',
    'FREQ=DAILY;BYHOUR=9,17',
    'FREQ=DAILY;INTERVAL=91',
  ),
);

export type RuleEnd =
  | { kind: 'none' }
  | { kind: 'count'; count: number }
  | { kind: 'untilDays'; days: number; utc: boolean };

export const arbRuleEnd: fc.Arbitrary<RuleEnd> = fc.oneof(
  fc.constant<RuleEnd>({ kind: 'none' }),
  fc.integer({ min: 1, max: 70 }).map<RuleEnd>((count) => ({ kind: 'count', count })),
  fc
    .record({ days: fc.integer({ min: 0, max: 500 }), utc: fc.boolean() })
    .map<RuleEnd>(({ days, utc }) => ({ kind: 'untilDays', days, utc })),
);

/** Extra lines: EXDATE of some generated instances (by index), now and then an RDATE or EXRULE. */
export interface Extras {
  exdateIndexes: number[];
  exdateForm: 'tzid' | 'utc' | 'date';
  rdateDays: number | undefined;
  exrule: boolean;
}

export const arbExtras: fc.Arbitrary<Extras> = fc.record({
  exdateIndexes: fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
  exdateForm: fc.constantFrom('tzid', 'utc', 'date'),
  rdateDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined, freq: 12 }),
  exrule: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
});

export interface GeneratedEvent {
  zone: (typeof ZONES)[number];
  start: LocalStart;
  minutes: number;
  body: string;
  end: RuleEnd;
  extras: Extras;
}

export const arbGeneratedEvent: fc.Arbitrary<GeneratedEvent> = fc.record({
  zone: fc.constantFrom(...ZONES),
  start: arbLocalStart,
  minutes: fc.constantFrom(15, 30, 60, 90, 240),
  body: arbRuleBody,
  end: arbRuleEnd,
  extras: arbExtras,
});

const basic = (d: DateTime): string => d.toFormat("yyyyMMdd'T'HHmmss");

/** The Google event resource a generated description stands for. */
export function buildEvent(g: GeneratedEvent): GoogleEventResource {
  const month = DateTime.fromObject({ year: g.start.year, month: g.start.month }, { zone: g.zone });
  const local = { ...g.start, day: Math.min(g.start.day, month.daysInMonth ?? 28) };
  const start = DateTime.fromObject(local, { zone: g.zone });
  let rule = `RRULE:${g.body}`;
  if (g.end.kind === 'count') rule += `;COUNT=${g.end.count}`;
  if (g.end.kind === 'untilDays') {
    const lastDay = start.plus({ days: g.end.days });
    // Google writes the last second of the last local day, in UTC; a date is also accepted.
    rule += g.end.utc
      ? `;UNTIL=${basic(lastDay.endOf('day').toUTC())}Z`
      : `;UNTIL=${lastDay.toFormat('yyyyMMdd')}`;
  }
  const event = timedEvent(
    start.toISO({ includeOffset: false })!.slice(0, 16),
    g.minutes,
    g.zone,
    [rule],
    'Generated',
  );
  const lines = [rule];
  if (g.extras.exdateIndexes.length > 0) {
    const base = expandGoogleSeries(event, { limit: 31 });
    for (const index of g.extras.exdateIndexes) {
      const o = base[index];
      if (!o) continue;
      const at = DateTime.fromJSDate(o.start, { zone: g.zone });
      if (g.extras.exdateForm === 'utc') lines.push(`EXDATE:${basic(at.toUTC())}Z`);
      else if (g.extras.exdateForm === 'date')
        lines.push(`EXDATE;VALUE=DATE:${at.toFormat('yyyyMMdd')}`);
      else lines.push(`EXDATE;TZID=${g.zone}:${basic(at)}`);
    }
  }
  if (g.extras.rdateDays !== undefined)
    lines.push(`RDATE;TZID=${g.zone}:${basic(start.plus({ days: g.extras.rdateDays, hours: 1 }))}`);
  if (g.extras.exrule) lines.push('EXRULE:FREQ=WEEKLY;BYDAY=SA');
  return { ...event, recurrence: lines };
}
