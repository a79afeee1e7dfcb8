import rrulePkg from 'rrule';
import type { Options } from 'rrule';
import { RecurrenceNotExpandable } from './expansion-errors.js';
import type { Frequency, RuleSpec } from './rule-spec.js';
import type { WorkBudget } from './work-budget.js';

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

export { RecurrenceNotExpandable };

const listOrNull = (values: number[]): number[] | null => (values.length > 0 ? values : null);

class HorizonPassed extends Error {}

/**
 * Visits a rule's instances in order, on floating time (`dtstart` and every instance are
 * wall-clock times written as UTC: rrule computes in UTC fields, so the rule's clock time is kept
 * across DST and the zone is applied afterwards), up to `horizonFloatingMs`, while `visit`
 * returns true. Every step is paid from `budget` (see `WorkBudget`).
 *
 * rrule checks its end (UNTIL) only when an instance matches, so a rule that matches nothing
 * (DAILY;INTERVAL=7;BYDAY=MO from a Saturday, BYMONTH=2;BYMONTHDAY=30) walks on to the year
 * 9999 — a known trap of RRULE engines (sabre-io/vobject #564, kewisch/ical.js #904,
 * dateutil #1393). rrule reads `options.freq` once as it starts and once per period it steps,
 * so a read count tells how far it has walked: past the periods that reach the horizon, it is
 * stopped; and each period that made no instance costs one step of the budget.
 */
export function visitRule(
  spec: RuleSpec,
  dtstartFloatingMs: number,
  horizonFloatingMs: number,
  visit: (floatingMs: number) => boolean,
  budget: WorkBudget,
): void {
  refuseEndlessInnerLoops(spec, dtstartFloatingMs);
  budget.spend(SETUP_STEPS, spec.source);
  // rrule lays out a whole period (every day of a year, every clock time of BYHOUR × BYMINUTE ×
  // BYSECOND) before it hands out an instance; a period larger than the budget is refused unseen.
  const { days, size } = periodShape(spec);
  if (size > budget.remaining)
    budget.spend(size, `one period of ${spec.source} holds up to ${size} instances`);
  // Each period rrule steps through looks at every day in it, and with BYSETPOS builds the
  // period's whole set to choose from.
  const periodCost = 1 + Math.floor((spec.bySetPos.length > 0 ? size : days) / 32);
  const rule = new RRule(optionsOf(spec, dtstartFloatingMs, horizonFloatingMs));
  const periods = Math.ceil(
    Math.max(0, horizonFloatingMs - dtstartFloatingMs) /
      (SHORTEST_PERIOD_MS[spec.freq] * spec.interval),
  );
  const readLimit = 2 * periods + 64; // one read per period, a few more to start
  let reads = 0;
  const options = rule.options;
  const counted = { ...options };
  Object.defineProperty(counted, 'freq', {
    enumerable: true,
    get() {
      if (++reads > readLimit) throw new HorizonPassed();
      budget.spend(periodCost, spec.source);
      return options.freq;
    },
  });
  rule.options = counted;
  try {
    rule.all((date) => {
      budget.spend(1, spec.source);
      return visit(date.getTime());
    });
  } catch (error) {
    if (!(error instanceof HorizonPassed)) throw error;
  } finally {
    rule.options = options;
  }
}

/** What setting up an rrule iterator costs, in steps of the budget (about 25 µs, four periods). */
const SETUP_STEPS = 4;

/**
 * The days one period of the rule spans, and the most instances it can hold before its BYxxx
 * filters (days × the clock times BYHOUR, BYMINUTE and BYSECOND make in each).
 */
function periodShape(spec: RuleSpec): { days: number; size: number } {
  const count = (values: number[]) => Math.max(1, values.length);
  switch (spec.freq) {
    case 'SECONDLY':
      return { days: 1, size: 1 };
    case 'MINUTELY':
      return { days: 1, size: count(spec.bySecond) };
    case 'HOURLY':
      return { days: 1, size: count(spec.byMinute) * count(spec.bySecond) };
    default: {
      const days = { YEARLY: 366, MONTHLY: 31, WEEKLY: 7, DAILY: 1 }[spec.freq];
      const times = count(spec.byHour) * count(spec.byMinute) * count(spec.bySecond);
      return { days, size: days * times };
    }
  }
}

/**
 * rrule steps HOURLY, MINUTELY and SECONDLY rules inside loops that end only when the hour
 * (minute, second) is one BYHOUR (BYMINUTE, BYSECOND) allows; with an INTERVAL that never lands
 * on one, they never end, and no read count can stop them. Such rules are refused.
 *
 * The same loops turn endless after a day that BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY or BYWEEKNO
 * filters out: rrule then jumps to the day's last instant and carries the overflow as one big
 * step of minutes (or hours), repeated until BYMINUTE (BYHOUR) is met — which a step sharing a
 * factor with 60 (24) may never do (`FREQ=SECONDLY;BYMONTHDAY=15;BYMINUTE=45` from 20:16:29).
 * Refused too: MINUTELY with BYHOUR, SECONDLY with BYHOUR or BYMINUTE, beside a day filter.
 */
function refuseEndlessInnerLoops(spec: RuleSpec, dtstartFloatingMs: number): void {
  if (!clockFiltersReachable(spec, dtstartFloatingMs)) {
    throw new RecurrenceNotExpandable(
      `FREQ=${spec.freq} with INTERVAL=${spec.interval} and BYHOUR/BYMINUTE/BYSECOND`,
    );
  }
  const dayFilters = [
    ...spec.byDay,
    ...spec.byMonthDay,
    ...spec.byMonth,
    ...spec.byYearDay,
    ...spec.byWeekNo,
  ];
  const carried =
    spec.freq === 'MINUTELY'
      ? spec.byHour
      : spec.freq === 'SECONDLY'
        ? [...spec.byHour, ...spec.byMinute]
        : [];
  if (dayFilters.length > 0 && carried.length > 0) {
    throw new RecurrenceNotExpandable(
      `FREQ=${spec.freq} with ${spec.freq === 'MINUTELY' ? 'BYHOUR' : 'BYHOUR/BYMINUTE'} and a day filter (BYDAY, BYMONTHDAY, BYMONTH, BYYEARDAY)`,
    );
  }
}

/**
 * Whether rrule's inner loop of an HOURLY, MINUTELY or SECONDLY rule reaches an allowed clock
 * value. rrule adds INTERVAL (and, after a filtered day, a multiple of it) to the hour (minute,
 * second) and wraps at 24 (60), so the values it can reach are those congruent to DTSTART's
 * modulo gcd(INTERVAL, 24) (or 60): `FREQ=HOURLY;INTERVAL=24;BYHOUR=9` from 09:00 lands every
 * day, from 10:00 never. A MINUTELY rule with BYHOUR, or a SECONDLY one with BYHOUR or BYMINUTE,
 * also loops on the carried hours (minutes) with a varying step: with an INTERVAL, refused.
 */
function clockFiltersReachable(spec: RuleSpec, dtstartFloatingMs: number): boolean {
  if (spec.interval === 1) return true;
  const start = new Date(dtstartFloatingMs);
  const lands = (allowed: number[], from: number, wrap: number): boolean => {
    const step = gcd(spec.interval, wrap);
    return allowed.length === 0 || allowed.some((v) => (((v - from) % step) + step) % step === 0);
  };
  switch (spec.freq) {
    case 'HOURLY':
      return lands(spec.byHour, start.getUTCHours(), 24);
    case 'MINUTELY':
      return spec.byHour.length === 0 && lands(spec.byMinute, start.getUTCMinutes(), 60);
    case 'SECONDLY':
      return (
        spec.byHour.length === 0 &&
        spec.byMinute.length === 0 &&
        lands(spec.bySecond, start.getUTCSeconds(), 60)
      );
    default:
      return true;
  }
}

function gcd(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
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
