import rrulePkg from 'rrule';
import type { Options } from 'rrule';
import { ZoomlinkError } from '../errors.js';
import type { Frequency, RuleSpec } from './rule-spec.js';

// rrule ships CommonJS for Node; its named exports are only reachable through the default object.
const { RRule, Weekday } = rrulePkg;

const FREQ = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
  HOURLY: RRule.HOURLY,
  MINUTELY: RRule.MINUTELY,
  SECONDLY: RRule.SECONDLY,
} as const;

/** The shortest a period of each frequency can be, in ms (a month is at least 28 days). */
const SHORTEST_PERIOD_MS: Record<Frequency, number> = {
  YEARLY: 365 * 86_400_000,
  MONTHLY: 28 * 86_400_000,
  WEEKLY: 7 * 86_400_000,
  DAILY: 86_400_000,
  HOURLY: 3_600_000,
  MINUTELY: 60_000,
  SECONDLY: 1000,
};

/** A rule that rrule cannot expand without risk of never returning. */
export class RecurrenceNotExpandable extends ZoomlinkError {
  constructor(why: string) {
    super('RECURRENCE_NOT_EXPANDABLE', `${why}; zoomlink does not expand it. Use a simpler rule.`);
  }
}

const listOrNull = (values: number[]): number[] | null => (values.length > 0 ? values : null);

class HorizonPassed extends Error {}

/**
 * Visits a rule's instances in order, on floating time (`dtstart` and every instance are
 * wall-clock times written as UTC: rrule computes in UTC fields, so the rule's clock time is kept
 * across DST and the zone is applied afterwards), up to `horizonFloatingMs`, while `visit`
 * returns true.
 *
 * rrule checks its end (UNTIL) only when an instance matches, so a rule that matches nothing
 * (DAILY;INTERVAL=7;BYDAY=MO from a Saturday, BYMONTH=2;BYMONTHDAY=30) walks on to the year
 * 9999 — a known trap of RRULE engines (sabre-io/vobject #564, kewisch/ical.js #904,
 * dateutil #1393). rrule reads `options.freq` once per period it steps, so a read count tells
 * how far it has walked: past the periods that reach the horizon, it is stopped.
 */
export function visitRule(
  spec: RuleSpec,
  dtstartFloatingMs: number,
  horizonFloatingMs: number,
  visit: (floatingMs: number) => boolean,
): void {
  refuseEndlessInnerLoops(spec);
  const rule = new RRule(optionsOf(spec, dtstartFloatingMs, horizonFloatingMs));
  const periods = Math.ceil(
    Math.max(0, horizonFloatingMs - dtstartFloatingMs) /
      (SHORTEST_PERIOD_MS[spec.freq] * spec.interval),
  );
  const budget = 2 * periods + 64; // one read per period, a few more to start
  let reads = 0;
  const options = rule.options;
  rule.options = new Proxy(options, {
    get(target, property, receiver) {
      if (property === 'freq' && ++reads > budget) throw new HorizonPassed();
      return Reflect.get(target, property, receiver);
    },
  });
  try {
    rule.all((date) => visit(date.getTime()));
  } catch (error) {
    if (!(error instanceof HorizonPassed)) throw error;
  } finally {
    rule.options = options;
  }
}

/**
 * rrule steps HOURLY, MINUTELY and SECONDLY rules inside loops that end only when the hour
 * (minute, second) is one BYHOUR (BYMINUTE, BYSECOND) allows; with an INTERVAL that never lands
 * on one, they never end, and no read count can stop them. Such rules are refused.
 */
function refuseEndlessInnerLoops(spec: RuleSpec): void {
  if (spec.interval === 1) return;
  const filters =
    spec.freq === 'HOURLY'
      ? spec.byHour
      : spec.freq === 'MINUTELY'
        ? [...spec.byHour, ...spec.byMinute]
        : spec.freq === 'SECONDLY'
          ? [...spec.byHour, ...spec.byMinute, ...spec.bySecond]
          : [];
  if (filters.length > 0) {
    throw new RecurrenceNotExpandable(
      `FREQ=${spec.freq} with INTERVAL=${spec.interval} and BYHOUR/BYMINUTE/BYSECOND`,
    );
  }
}

function optionsOf(
  spec: RuleSpec,
  dtstartFloatingMs: number,
  untilFloatingMs: number,
): Partial<Options> {
  return {
    freq: FREQ[spec.freq],
    interval: spec.interval,
    wkst: spec.wkst,
    dtstart: new Date(dtstartFloatingMs),
    tzid: null,
    count: spec.count ?? null,
    until: Number.isFinite(untilFloatingMs) ? new Date(untilFloatingMs) : null,
    byweekday: spec.byDay.length > 0 ? spec.byDay.map((d) => new Weekday(d.weekday, d.nth)) : null,
    bymonthday: listOrNull(spec.byMonthDay),
    bymonth: listOrNull(spec.byMonth),
    byyearday: listOrNull(spec.byYearDay),
    byweekno: listOrNull(spec.byWeekNo),
    bysetpos: listOrNull(spec.bySetPos),
    byhour: listOrNull(spec.byHour),
    byminute: listOrNull(spec.byMinute),
    bysecond: listOrNull(spec.bySecond),
  };
}
