import rrulePackage from 'rrule';
import type { Options } from 'rrule';
import { DateTime } from 'luxon';
import { zone as luxonZone } from './zones.js';

// rrule ships CommonJS; Node's ESM loader only sees its default export.
const { RRule } = rrulePackage;
type Rule = InstanceType<typeof RRule>;

/**
 * Google's recurrence expansion, written here from Google's documents (architecture decision 8: nothing
 * from `src/recurrence/`). The series is expanded in `start.timeZone` (DISCO
 * EventDateTime.timeZone), so wall-clock time is kept across DST; DTSTART is always an instance
 * even when the rule does not match it, and it is not counted in COUNT
 * (googleapis/google-api-nodejs-client #2214, fmeringdal/rust-rrule #119); the set is DTSTART ∪
 * RRULE ∪ RDATE − EXDATE − EXRULE.
 *
 * rrule iterates "floating" times (a JS Date whose UTC fields are the wall clock); each
 * occurrence is then placed in the zone with luxon. A wall-clock time inside a DST gap moves
 * forward by the gap (luxon's rule; Google's is UNCONFIRMED and undocumented).
 */

export class RecurrenceError extends Error {}

interface DateList {
  /** Timed values as instants (ms); DATE values as `YYYY-MM-DD`. */
  instants: number[];
  dates: string[];
}

export interface ParsedRecurrence {
  rules: { options: Partial<Options>; until?: UntilValue }[];
  exrules: { options: Partial<Options>; until?: UntilValue }[];
  rdates: RawDates[];
  exdates: RawDates[];
}

type UntilValue =
  { kind: 'date'; date: string } | { kind: 'utc'; ms: number } | { kind: 'floating'; wall: string };

interface RawDates {
  tzid?: string;
  isDate: boolean;
  values: string[];
}

const frequencies = new Set([
  'YEARLY',
  'MONTHLY',
  'WEEKLY',
  'DAILY',
  'HOURLY',
  'MINUTELY',
  'SECONDLY',
]);

/** Reads `recurrence[]` lines; throws RecurrenceError for anything Google would refuse. */
export function parseRecurrence(lines: readonly string[]): ParsedRecurrence {
  const parsed: ParsedRecurrence = { rules: [], exrules: [], rdates: [], exdates: [] };
  for (const raw of lines) {
    const line = raw.trim();
    const colon = line.indexOf(':');
    if (colon < 0) throw new RecurrenceError(raw);
    const head = line.slice(0, colon).toUpperCase();
    const value = line.slice(colon + 1);
    const [name, ...params] = head.split(';');
    if (name === 'RRULE' || name === 'EXRULE') {
      const rule = parseRule(value, raw);
      (name === 'RRULE' ? parsed.rules : parsed.exrules).push(rule);
    } else if (name === 'RDATE' || name === 'EXDATE') {
      const tzid = params.find((p) => p.startsWith('TZID='));
      const dates: RawDates = {
        tzid: tzid
          ? line.slice(line.toUpperCase().indexOf('TZID=') + 5).split(/[;:]/)[0]
          : undefined,
        isDate: params.includes('VALUE=DATE'),
        values: value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      };
      if (dates.values.length === 0 || !dates.values.every((v) => /^\d{8}(T\d{6}Z?)?$/.test(v)))
        throw new RecurrenceError(raw);
      (name === 'RDATE' ? parsed.rdates : parsed.exdates).push(dates);
    } else {
      throw new RecurrenceError(raw);
    }
  }
  return parsed;
}

function parseRule(value: string, raw: string): { options: Partial<Options>; until?: UntilValue } {
  const parts = new Map(
    value.split(';').map((p) => {
      const [k, v] = p.split('=');
      return [(k ?? '').toUpperCase(), v ?? ''] as const;
    }),
  );
  if (!frequencies.has(parts.get('FREQ') ?? '')) throw new RecurrenceError(raw);
  if (parts.has('COUNT') && parts.has('UNTIL')) throw new RecurrenceError(raw);
  let options: Partial<Options>;
  try {
    options = RRule.parseString(value);
  } catch {
    throw new RecurrenceError(raw);
  }
  const untilRaw = parts.get('UNTIL');
  let until: UntilValue | undefined;
  if (untilRaw !== undefined) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(untilRaw);
    if (!m) throw new RecurrenceError(raw);
    const [, y, mo, d, h, mi, s, z] = m;
    if (h === undefined) until = { kind: 'date', date: `${y}-${mo}-${d}` };
    else if (z) until = { kind: 'utc', ms: Date.UTC(+y!, +mo! - 1, +d!, +h, +mi!, +s!) };
    else until = { kind: 'floating', wall: `${y}-${mo}-${d}T${h}:${mi}:${s}` };
  }
  delete options.until;
  delete options.dtstart;
  delete options.tzid;
  return { options, until };
}

/** Where a series starts: a whole day, or a wall-clock time in the zone it is expanded in. */
export type SeriesStart =
  { allDay: true; date: string } | { allDay: false; local: DateTime /* in the expansion zone */ };

export interface Occurrence {
  /** Whole-day series: the date; timed: the instant in the expansion zone. */
  date?: string;
  start?: DateTime;
  /** What instance ids and originalStartTime use: `20210215T080000Z` or `20200106`. */
  key: string;
}

const floating = (dt: DateTime): Date =>
  new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second));

const fromFloating = (d: Date, zone: string): DateTime =>
  DateTime.fromObject(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    },
    { zone: luxonZone(zone) },
  );

const dateOfFloating = (d: Date): string => d.toISOString().slice(0, 10);

export interface ExpandWindow {
  /** Only occurrences ending after this instant (ms). */
  endsAfterMs?: number;
  /** Only occurrences starting before this instant (ms). */
  startsBeforeMs?: number;
  /** At most this many occurrences (from the window's start). */
  limit: number;
  /** The event's length, to apply `endsAfterMs`. */
  durationMs: number;
}

/**
 * The occurrences of a series, in order. `zone` is `start.timeZone` (for whole-day series: the
 * zone whole days are read in when comparing with the window).
 */
export function expandSeries(
  start: SeriesStart,
  recurrence: ParsedRecurrence,
  zone: string,
  window: ExpandWindow,
): Occurrence[] {
  const toMs = (d: Date) =>
    start.allDay
      ? DateTime.fromISO(dateOfFloating(d), { zone: luxonZone(zone) }).toMillis()
      : fromFloating(d, zone).toMillis();
  const dtstart = start.allDay ? new Date(`${start.date}T00:00:00Z`) : floating(start.local);
  const untilFloating = (u: UntilValue | undefined): Date | undefined => {
    if (!u) return undefined;
    if (u.kind === 'date') return new Date(`${u.date}T${start.allDay ? '00:00:00' : '23:59:59'}Z`);
    if (u.kind === 'floating') return new Date(`${u.wall}Z`);
    return floating(DateTime.fromMillis(u.ms, { zone: luxonZone(zone) }));
  };
  const build = (r: ParsedRecurrence['rules'][number]): Rule =>
    new RRule({ ...r.options, dtstart, until: untilFloating(r.until) ?? null });

  // A day of margin either side: floating time and instants differ by at most the zone's offset.
  const day = 86_400_000;
  const after =
    window.endsAfterMs === undefined
      ? undefined
      : floating(
          DateTime.fromMillis(window.endsAfterMs - window.durationMs - day, {
            zone: luxonZone(zone),
          }),
        );
  const before =
    window.startsBeforeMs === undefined
      ? undefined
      : floating(DateTime.fromMillis(window.startsBeforeMs + day, { zone: luxonZone(zone) }));
  const cap = window.limit + 64;

  const collect = (rule: Rule): Date[] => {
    const out: Date[] = [];
    const keep = (d: Date) => {
      out.push(d);
      return out.length < cap;
    };
    if (after || before) {
      rule.between(
        after ?? new Date(Date.UTC(1000, 0, 1)),
        before ?? new Date(Date.UTC(9999, 0, 1)),
        true,
        (d) => keep(d),
      );
    } else {
      rule.all((d) => keep(d));
    }
    return out;
  };

  const candidates = new Map<number, Date>();
  const add = (d: Date) => candidates.set(d.getTime(), d);
  add(dtstart);
  for (const rule of recurrence.rules) collect(build(rule)).forEach(add);
  for (const list of recurrence.rdates) for (const d of datesOf(list, zone, start.allDay)) add(d);

  const excluded = new Set<number>();
  for (const rule of recurrence.exrules)
    for (const d of collect(build(rule))) excluded.add(d.getTime());
  const exInstants = new Set<number>();
  const exDates = new Set<string>();
  for (const list of recurrence.exdates) {
    const values = resolveDates(list, zone);
    values.instants.forEach((ms) => exInstants.add(ms));
    values.dates.forEach((d) => exDates.add(d));
  }

  const occurrences: Occurrence[] = [];
  for (const d of [...candidates.values()].sort((a, b) => a.getTime() - b.getTime())) {
    if (excluded.has(d.getTime())) continue;
    const startMs = toMs(d);
    if (window.endsAfterMs !== undefined && startMs + window.durationMs <= window.endsAfterMs)
      continue;
    if (window.startsBeforeMs !== undefined && startMs >= window.startsBeforeMs) continue;
    if (start.allDay) {
      const date = dateOfFloating(d);
      if (exDates.has(date)) continue;
      occurrences.push({ date, key: date.replaceAll('-', '') });
    } else {
      const instant = fromFloating(d, zone);
      if (exInstants.has(instant.toMillis()) || exDates.has(dateOfFloating(d))) continue;
      occurrences.push({ start: instant, key: instant.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'") });
    }
    if (occurrences.length >= window.limit) break;
  }
  return occurrences;
}

function resolveDates(list: RawDates, zone: string): DateList {
  const out: DateList = { instants: [], dates: [] };
  for (const v of list.values) {
    const date = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    if (list.isDate || v.length === 8) {
      out.dates.push(date);
      continue;
    }
    const time = `${v.slice(9, 11)}:${v.slice(11, 13)}:${v.slice(13, 15)}`;
    const instant = v.endsWith('Z')
      ? DateTime.fromISO(`${date}T${time}Z`)
      : DateTime.fromISO(`${date}T${time}`, { zone: luxonZone(list.tzid ?? zone) });
    out.instants.push(instant.toMillis());
  }
  return out;
}

/** RDATE values as floating times of the series (whole days stay days). */
function datesOf(list: RawDates, zone: string, allDay: boolean): Date[] {
  const resolved = resolveDates(list, zone);
  if (allDay) return resolved.dates.map((d) => new Date(`${d}T00:00:00Z`));
  return resolved.instants.map((ms) =>
    floating(DateTime.fromMillis(ms, { zone: luxonZone(zone) })),
  );
}

/**
 * How many instances the RRULE lines alone produce before an instant: what COUNT has used up
 * (an off-rule DTSTART and RDATEs are extra, EXDATEs do not give COUNT back).
 */
export function ruleHitsBefore(
  start: SeriesStart,
  recurrence: ParsedRecurrence,
  zone: string,
  beforeMs: number,
): number {
  const withoutExtras: ParsedRecurrence = {
    rules: recurrence.rules,
    exrules: [],
    rdates: [],
    exdates: [],
  };
  const all = expandSeries(start, withoutExtras, zone, {
    startsBeforeMs: beforeMs,
    limit: 1_000_000,
    durationMs: 0,
  });
  const first = all[0];
  if (!first) return 0;
  const startKey = start.allDay
    ? start.date.replaceAll('-', '')
    : start.local.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
  // expandSeries always includes DTSTART; count it only when a rule produces it too.
  const dtstartIsHit =
    first.key !== startKey ||
    recurrence.rules.some((r) => {
      const dtstart = start.allDay ? new Date(`${start.date}T00:00:00Z`) : floating(start.local);
      const rule = new RRule({ ...r.options, dtstart, until: null, count: 1 });
      return rule.all()[0]?.getTime() === dtstart.getTime();
    });
  return all.length - (first.key === startKey && !dtstartIsHit ? 1 : 0);
}
