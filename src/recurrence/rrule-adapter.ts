import rrulePkg from 'rrule';
import type { Options } from 'rrule';
import type { RuleSpec } from './rule-spec.js';

// rrule ships CommonJS for Node; its named exports are only reachable through the default object.
const { RRule, Weekday } = rrulePkg;

export type RRuleInstance = InstanceType<typeof RRule>;

const FREQ = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
  HOURLY: RRule.HOURLY,
  MINUTELY: RRule.MINUTELY,
  SECONDLY: RRule.SECONDLY,
} as const;

const listOrNull = (values: number[]): number[] | null => (values.length > 0 ? values : null);

/**
 * An rrule object for a parsed rule, working on floating time: `dtstart` and every result are
 * wall-clock times written as UTC (rrule computes in UTC fields), so the rule's clock time is kept
 * across DST and the zone is applied afterwards. UNTIL is left to the caller (which compares it
 * in the right frame: UTC instant, local date or local time) unless `untilFloatingMs` is given.
 */
export function toRRule(
  spec: RuleSpec,
  dtstartFloatingMs: number,
  untilFloatingMs?: number,
): RRuleInstance {
  const options: Partial<Options> = {
    freq: FREQ[spec.freq],
    interval: spec.interval,
    wkst: spec.wkst,
    dtstart: new Date(dtstartFloatingMs),
    tzid: null,
    count: spec.count ?? null,
    until: untilFloatingMs === undefined ? null : new Date(untilFloatingMs),
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
  return new RRule(options);
}
