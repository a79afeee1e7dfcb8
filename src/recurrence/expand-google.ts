import type { GoogleEventResource } from '../domain/calendar-event.js';
import type { DateValue } from './date-values.js';
import { exclusionsOf } from './exclusions.js';
import { parseEvent, type ParsedEvent } from './parse-event.js';
import { SUB_DAILY_UNIT_MS, type RuleSpec } from './rule-spec.js';
export { RecurrenceNotExpandable, RecurrenceTooComplex } from './expansion-errors.js';
import { RecurrenceNotExpandable } from './expansion-errors.js';
import { visitRule } from './rrule-adapter.js';
import { WorkBudget } from './work-budget.js';
import {
  DAY_MS,
  floatingDay,
  formatFloating,
  formatUtc,
  resolveWallClock,
  timeOfDay,
  wallClockOf,
  type WallClockKind,
} from './zone-time.js';

/** One instance of a Google event, as Google would list it. */
export interface GoogleOccurrence {
  /** The instant it starts and ends. */
  start: Date;
  end: Date;
  /** Its start in UTC, `YYYY-MM-DDTHH:mm:ssZ`: the key of Google's `originalStartTime`. */
  originalStart: string;
  /** Its start as wall-clock time in the event's zone, `YYYY-MM-DDTHH:mm:ss`. */
  localStart: string;
  /** Floating milliseconds of `localStart` (see zone-time.ts). */
  floatingMs: number;
  /** `gap`: the rule's clock time does not exist that day; `ambiguous`: it exists twice. */
  wallClock: WallClockKind;
  /** `rule`: made by an RRULE; `start`: DTSTART that no rule makes; `rdate`: only an RDATE. */
  source: 'rule' | 'start' | 'rdate';
}

/**
 * Which occurrences to return, like `events.list`: those ending after `from` and starting before
 * `to`, at most `limit` of them. `to` or `limit` is required, so that a rule without an end stops.
 */
export type ExpandBounds = {
  from?: Date;
  /** Most rule instances looked at before giving up (default `MAX_SCANNED_INSTANCES`). */
  scanLimit?: number;
  /**
   * The event's work budget, shared by all of its lines (default: a new `WorkBudget` with
   * `DEFAULT_WORK_BUDGET` steps). Spent: `RecurrenceTooComplex`.
   */
  budget?: WorkBudget;
} & ({ to: Date; limit?: number } | { to?: Date; limit: number });

/** Most rule instances looked at in one expansion (a MINUTELY rule over a month; ~1 s). */
export const MAX_SCANNED_INSTANCES = 50_000;

/**
 * Google's occurrences of an event (single or series), the way Google expands them: in
 * `start.timeZone` with the wall-clock time kept across DST; DTSTART always an instance, even
 * when no rule makes it, and then not counted in COUNT (google-api-nodejs-client #2214,
 * rust-rrule #119: `BYDAY=TU,TH,SA;COUNT=5` from a Monday gives six events); RDATE adds;
 * EXDATE (TZID, UTC or `VALUE=DATE`) and EXRULE remove; UNTIL as a UTC date-time, a date
 * (inclusive: the whole local day) or a floating local time. A clock time that falls in a DST gap
 * or overlap is placed by RFC 5545 §3.3.5 and flagged in `wallClock`.
 *
 * Throws `RecurrenceNotExpandable` for a rule too dense to reach the wanted range, and
 * `RecurrenceTooComplex` (a kind of it) when the event's lines together spend the work budget.
 */
export function expandGoogleSeries(
  event: GoogleEventResource,
  bounds: ExpandBounds,
): GoogleOccurrence[] {
  return expandParsedEvent(parseEvent(event), bounds);
}

interface Candidate {
  floatingMs: number;
  instantMs: number;
  kind: WallClockKind;
  source: GoogleOccurrence['source'];
}

const SOURCE_RANK = { rule: 0, start: 1, rdate: 2 } as const;
/** Floating and real time differ by at most 14 h (plus a DST hour); two days is a safe margin. */
const MARGIN_MS = 2 * DAY_MS;

export function expandParsedEvent(event: ParsedEvent, bounds: ExpandBounds): GoogleOccurrence[] {
  const fromMs = bounds.from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const toMs = bounds.to?.getTime() ?? Number.POSITIVE_INFINITY;
  const limit = bounds.limit ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(toMs) && !Number.isFinite(limit)) {
    throw new RangeError('expandGoogleSeries needs bounds.to or bounds.limit');
  }
  const place = (floatingMs: number, source: Candidate['source']): Candidate => {
    const { instantMs, kind } = resolveWallClock(floatingMs, event.zone);
    // The rule's instance at DTSTART's own clock time is DTSTART, whose instant Google was given
    // (it may be the second of two 01:30s on the day the clocks go back).
    if (floatingMs === event.startFloatingMs)
      return { floatingMs, instantMs: event.startInstantMs, kind, source };
    return { floatingMs, instantMs, kind, source };
  };
  const endOf = (c: Candidate): number =>
    event.allDay
      ? resolveWallClock(c.floatingMs + event.durationMs, event.zone).instantMs
      : c.instantMs + event.durationMs;
  const budget = bounds.budget ?? new WorkBudget();
  const excluded = exclusionsOf(event, budget);
  const wanted = (c: Candidate): boolean => !excluded(c) && endOf(c) > fromMs && c.instantMs < toMs;

  const candidates: Candidate[] = [];
  const dtstart: Candidate = {
    floatingMs: event.startFloatingMs,
    instantMs: event.startInstantMs,
    kind: event.allDay ? 'exact' : resolveWallClock(event.startFloatingMs, event.zone).kind,
    source: 'start',
  };
  if (wanted(dtstart)) candidates.push(dtstart);
  for (const value of event.recurrence?.rDates ?? []) {
    budget.spend(1, 'RDATE values'); // each is placed in the zone and sorted like an instance
    const c = rdateCandidate(value, event, place);
    if (wanted(c)) candidates.push(c);
  }
  for (const rule of event.recurrence?.rules ?? []) {
    const scan = {
      fromMs,
      toMs,
      limit,
      scanLimit: bounds.scanLimit ?? MAX_SCANNED_INSTANCES,
      budget,
    };
    candidates.push(...ruleCandidates(rule, event, place, wanted, scan));
  }

  candidates.sort(
    (a, b) => a.instantMs - b.instantMs || SOURCE_RANK[a.source] - SOURCE_RANK[b.source],
  );
  const occurrences: GoogleOccurrence[] = [];
  let last: number | undefined;
  for (const c of candidates) {
    if (c.instantMs === last) continue;
    last = c.instantMs;
    occurrences.push({
      start: new Date(c.instantMs),
      end: new Date(endOf(c)),
      originalStart: formatUtc(c.instantMs),
      localStart: formatFloating(c.floatingMs),
      floatingMs: c.floatingMs,
      wallClock: c.kind,
      source: c.source,
    });
    if (occurrences.length >= limit) break;
  }
  return occurrences;
}

function rdateCandidate(
  value: DateValue,
  event: ParsedEvent,
  place: (f: number, s: Candidate['source']) => Candidate,
): Candidate {
  switch (value.kind) {
    case 'instant':
      return {
        floatingMs: wallClockOf(value.instantMs, event.zone),
        instantMs: value.instantMs,
        kind: 'exact',
        source: 'rdate',
      };
    case 'floating':
      return place(value.floatingMs, 'rdate');
    case 'date':
      // A date in a timed series: that day at the series' clock time (RFC 5545 leaves it open).
      return place(
        value.floatingMs + (event.allDay ? 0 : timeOfDay(event.startFloatingMs)),
        'rdate',
      );
  }
}

/**
 * How far past `from` a rule is followed when only a limit ends the expansion. A rule can match
 * nothing for ever (DAILY;INTERVAL=7;BYDAY=MO from a Saturday), and someone must stop looking.
 * Google's own horizon is UNCONFIRMED (only a user comment in odoo/odoo #41895); 20 years is far
 * beyond anything a Zoom meeting can serve (Zoom expires a recurring meeting 365 days after its
 * last start: support.zoom.us/hc/en-us/articles/214973206). With an explicit `to`, the caller's
 * range is followed to its end.
 */
export const LIMIT_HORIZON_MS = 20 * 365.25 * DAY_MS;
const YEAR_MS = 366 * DAY_MS;
/** The longest period of each frequency with a day or more (a month is at most 31 days). */
const PERIOD_MS: Partial<Record<RuleSpec['freq'], number>> = {
  YEARLY: YEAR_MS,
  MONTHLY: 31 * DAY_MS,
  WEEKLY: 7 * DAY_MS,
  DAILY: DAY_MS,
};

/** The rule's instances that `wanted` keeps, in floating order, stopping as soon as none can follow. */
function ruleCandidates(
  rule: RuleSpec,
  event: ParsedEvent,
  place: (f: number, s: Candidate['source']) => Candidate,
  wanted: (c: Candidate) => boolean,
  scan: { fromMs: number; toMs: number; limit: number; scanLimit: number; budget: WorkBudget },
): Candidate[] {
  const until = rule.until;
  let stopAfter = scan.toMs + MARGIN_MS;
  if (until?.kind === 'utc') stopAfter = Math.min(stopAfter, until.instantMs + MARGIN_MS);
  if (until?.kind === 'date') stopAfter = Math.min(stopAfter, until.floatingMs + DAY_MS - 1);
  if (until?.kind === 'floating') stopAfter = Math.min(stopAfter, until.floatingMs);
  const withinUntil = (c: Candidate): boolean => {
    if (until === undefined) return true;
    if (until.kind === 'utc') return c.instantMs <= until.instantMs;
    if (until.kind === 'date') return floatingDay(c.floatingMs) <= until.floatingMs;
    return c.floatingMs <= until.floatingMs;
  };
  refuseDenseBeforeRange(rule, event, scan);
  // rrule only iterates from DTSTART and cannot pause, so the rule is followed to a horizon that
  // doubles until enough instances are kept, the rule ends, or the hard stop is reached.
  const base = Math.max(event.startFloatingMs, scan.fromMs - MARGIN_MS);
  const hardStop = Number.isFinite(scan.toMs)
    ? stopAfter
    : Math.min(stopAfter, base + LIMIT_HORIZON_MS);
  // The first pass reaches far enough for `limit` instances at one a period; a denser rule stops
  // the scan itself once it has them (see scanRule), a sparser one doubles the horizon.
  const enough = Number.isFinite(scan.limit)
    ? (PERIOD_MS[rule.freq] ?? 0) * rule.interval * (scan.limit + 1)
    : 0;
  for (let span = Math.max(YEAR_MS, enough); ; span *= 2) {
    const horizon = Math.min(hardStop, base + span);
    const pass = scanRule(rule, event, horizon, (c) => withinUntil(c) && wanted(c), place, scan);
    if (pass.ended || pass.kept.length >= scan.limit || horizon >= hardStop) return pass.kept;
  }
}

/**
 * An HOURLY, MINUTELY or SECONDLY rule with no BYxxx part makes one instance per period, so how
 * many it makes before the wanted range is known without walking them: when a scan would surely
 * pass `scanLimit` there, it is refused at once, as the scan itself would refuse it after tens of
 * thousands of steps.
 */
function refuseDenseBeforeRange(
  rule: RuleSpec,
  event: ParsedEvent,
  scan: { fromMs: number; scanLimit: number },
): void {
  const unitMs = SUB_DAILY_UNIT_MS[rule.freq];
  const parts = [
    rule.byDay,
    rule.byMonthDay,
    rule.byMonth,
    rule.byYearDay,
    rule.byWeekNo,
    rule.bySetPos,
    rule.byHour,
    rule.byMinute,
    rule.bySecond,
  ];
  if (unitMs === undefined || parts.some((p) => p.length > 0) || !Number.isFinite(scan.fromMs))
    return;
  // Instances surely visited: those up to the wanted range (less a margin) and the rule's end.
  const until = rule.until;
  let last = scan.fromMs - MARGIN_MS;
  if (until?.kind === 'utc') last = Math.min(last, until.instantMs - MARGIN_MS);
  if (until?.kind === 'date' || until?.kind === 'floating') last = Math.min(last, until.floatingMs);
  const made = Math.floor((last - event.startFloatingMs) / (unitMs * rule.interval)) + 1;
  if (Math.min(made, rule.count ?? Number.POSITIVE_INFINITY) > scan.scanLimit) {
    throw new RecurrenceNotExpandable(
      `the rule makes more than ${scan.scanLimit} instances before the wanted range`,
    );
  }
}

/** One pass of a rule from DTSTART up to `horizon` (floating). */
function scanRule(
  rule: RuleSpec,
  event: ParsedEvent,
  horizon: number,
  keep: (c: Candidate) => boolean,
  place: (f: number, s: Candidate['source']) => Candidate,
  scan: { fromMs: number; limit: number; scanLimit: number; budget: WorkBudget },
): { kept: Candidate[]; ended: boolean } {
  // Instances that end this long before `from` cannot be wanted; skip them without placing them.
  const tooEarly = scan.fromMs - event.durationMs - MARGIN_MS;
  const kept: Candidate[] = [];
  let seen = 0;
  // Floating time of the instance that made `limit`; DST can put an instance a few hours out of
  // floating order, so the scan goes on a little past it and the caller sorts and cuts.
  let enoughAt = Number.POSITIVE_INFINITY;
  const visit = (floatingMs: number): boolean => {
    if (floatingMs > enoughAt + MARGIN_MS) return false;
    seen += 1;
    if (seen > scan.scanLimit) {
      throw new RecurrenceNotExpandable(
        `the rule makes more than ${scan.scanLimit} instances before the wanted range`,
      );
    }
    if (floatingMs < tooEarly) return true;
    const c = place(floatingMs, 'rule');
    if (keep(c)) {
      kept.push(c);
      if (kept.length === scan.limit) enoughAt = floatingMs;
    }
    return true;
  };
  visitRule(rule, event.startFloatingMs, horizon, visit, scan.budget);
  return { kept, ended: rule.count !== undefined && seen >= rule.count };
}
