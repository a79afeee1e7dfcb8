import type { ZoomRecurrence, ZoomWeekday } from '../domain/zoom-meeting.js';
import type { GoogleOccurrence } from './expand-google.js';
import { ZOOM_MAX_INTERVAL } from './expand-zoom.js';
import type { ParsedEvent } from './parse-event.js';
import { WEEKDAY_CODES, type RuleSpec, type RuleWeekday } from './rule-spec.js';
import { weekdayOf } from './zone-time.js';

/**
 * A Zoom recurrence (without its end) that says the rule as written, or why the rule's spelling
 * has none; then the search from the occurrences (`find-series.ts`) decides.
 */
export type MappedRule =
  { ok: true; recurrence: ZoomRecurrence; monthlyDay?: number } | { ok: false; why: string };

const no = (why: string): MappedRule => ({ ok: false, why });

/** rrule's 0 = Monday … 6 = Sunday → Zoom's 1 = Sunday … 7 = Saturday. */
export function zoomWeekdayOf(weekday: RuleWeekday): ZoomWeekday {
  return (((weekday + 1) % 7) + 1) as ZoomWeekday;
}

/**
 * The fast path: the Zoom recurrence that says an event's rule as written, starting at `first`
 * (the first occurrence of the window): daily, weekly with several days, or monthly by day or by
 * nth weekday, within Zoom's intervals. This only proposes; the converter proves the proposal
 * against Google's occurrences, and takes it at once when it holds them with no extra occurrence.
 * A refusal only sends the conversion on to the search from the occurrences.
 */
export function mapRule(event: ParsedEvent, first: GoogleOccurrence): MappedRule {
  const recurrence = event.recurrence;
  if (recurrence === null || recurrence.rules.length === 0)
    return no('the series is made of RDATE dates only');
  if (recurrence.rules.length > 1)
    return no(
      `the event has ${recurrence.rules.length} RRULE lines; a Zoom series follows one pattern`,
    );
  if (recurrence.exRules.length > 0)
    return no('EXRULE removes a pattern of dates; Zoom can only delete single occurrences');
  if (recurrence.rDates.length > 0)
    return no('RDATE adds dates outside the pattern; Zoom cannot add occurrences to a series');
  const rule = recurrence.rules[0]!;
  if (!['DAILY', 'WEEKLY', 'MONTHLY'].includes(rule.freq)) {
    return no(`Zoom repeats daily, weekly or monthly, not FREQ=${rule.freq}`);
  }
  for (const [name, values] of [
    ['BYMONTH', rule.byMonth],
    ['BYYEARDAY', rule.byYearDay],
    ['BYWEEKNO', rule.byWeekNo],
  ] as const) {
    if (values.length > 0) return no(`Zoom has no equivalent of ${name}`);
  }
  const clock = new Date(event.startFloatingMs);
  for (const [name, values, own] of [
    ['BYHOUR', rule.byHour, clock.getUTCHours()],
    ['BYMINUTE', rule.byMinute, clock.getUTCMinutes()],
    ['BYSECOND', rule.bySecond, clock.getUTCSeconds()],
  ] as const) {
    if (values.length > 1 || (values.length === 1 && values[0] !== own)) {
      return no(
        `${name}=${values.join(',')} makes clock times other than the start's; a Zoom series has one`,
      );
    }
  }
  if (rule.freq === 'DAILY') return mapDaily(rule, first);
  if (rule.freq === 'WEEKLY') return mapWeekly(rule, event, first);
  return mapMonthly(rule, event, first);
}

function mapDaily(rule: RuleSpec, first: GoogleOccurrence): MappedRule {
  if (rule.byMonthDay.length > 0 || rule.bySetPos.length > 0) {
    return no('a daily rule with BYMONTHDAY or BYSETPOS has no Zoom equivalent');
  }
  if (rule.byDay.length > 0) {
    // Every day on some weekdays is a weekly series, but only when it is every day.
    if (rule.interval > 1)
      return no(`every ${rule.interval} days on some weekdays has no Zoom equivalent`);
    return weekly(
      rule.byDay.map((d) => d.weekday),
      1,
      rule,
      first,
    );
  }
  if (rule.interval > ZOOM_MAX_INTERVAL[1]) {
    return no(`every ${rule.interval} days is beyond Zoom's ${ZOOM_MAX_INTERVAL[1]}`);
  }
  return { ok: true, recurrence: { type: 1, repeat_interval: rule.interval } };
}

function mapWeekly(rule: RuleSpec, event: ParsedEvent, first: GoogleOccurrence): MappedRule {
  if (rule.bySetPos.length > 0) return no('a weekly rule with BYSETPOS has no Zoom equivalent');
  if (rule.interval > ZOOM_MAX_INTERVAL[2]) {
    return no(`every ${rule.interval} weeks is beyond Zoom's ${ZOOM_MAX_INTERVAL[2]}`);
  }
  // RFC 5545: with no BYDAY, a weekly rule repeats on DTSTART's weekday.
  const days =
    rule.byDay.length > 0
      ? rule.byDay.map((d) => d.weekday)
      : [toRuleWeekday(weekdayOf(event.startFloatingMs))];
  return weekly(days, rule.interval, rule, first);
}

function weekly(
  days: RuleWeekday[],
  interval: number,
  rule: RuleSpec,
  first: GoogleOccurrence,
): MappedRule {
  // Undocumented (issue 2, item 4): Zoom's occurrences when start_time is on a day that is not in
  // weekly_days. So start_time's weekday is always one of them — for a DTSTART that no rule makes
  // (Google shows it anyway) its weekday is added, and the extra Zoom occurrences on that weekday
  // are deleted after creation (the proof lists them).
  const zoomDays = new Set(days.map(zoomWeekdayOf));
  zoomDays.add(zoomWeekdayOf(toRuleWeekday(weekdayOf(first.floatingMs))));
  const sorted = [...zoomDays].sort((a, b) => a - b);
  // Undocumented (item 4): which week Zoom counts "every N weeks" in. Google groups days by WKST;
  // Zoom probably by a Sunday week, maybe a Monday one. Only when every one of these week starts
  // puts the days into the same weeks is the series the same under all of them.
  if (interval > 1) {
    const starts = [zoomWeekdayOf(rule.wkst), 1, 2] as ZoomWeekday[];
    for (const a of starts) {
      for (const b of starts) {
        if (!sameWeeks(sorted, a, b)) {
          return no(
            `every ${interval} weeks on ${sorted.map(zoomDayName).join(',')} falls into different weeks depending on the week's first day (WKST=${WEEKDAY_CODES[rule.wkst]}, Sunday or Monday), and Zoom does not document which it uses`,
          );
        }
      }
    }
  }
  return {
    ok: true,
    recurrence: { type: 2, repeat_interval: interval, weekly_days: sorted.join(',') },
  };
}

function mapMonthly(rule: RuleSpec, event: ParsedEvent, first: GoogleOccurrence): MappedRule {
  if (rule.interval > ZOOM_MAX_INTERVAL[3]) {
    return no(`every ${rule.interval} months is beyond Zoom's ${ZOOM_MAX_INTERVAL[3]}`);
  }
  let mapped: MappedRule;
  if (rule.byDay.length > 0) {
    if (rule.byMonthDay.length > 0)
      return no('BYDAY together with BYMONTHDAY (e.g. Friday the 13th) has no Zoom equivalent');
    if (rule.byDay.length > 1)
      return no('several weekdays in a monthly rule have no Zoom equivalent');
    const day = rule.byDay[0]!;
    if (day.nth !== undefined && rule.bySetPos.length > 0)
      return no('BYSETPOS on an nth weekday has no Zoom equivalent');
    if (rule.bySetPos.length > 1)
      return no('BYSETPOS with several positions has no Zoom equivalent');
    // BYDAY=TU;BYSETPOS=2 is the same set as BYDAY=2TU.
    const nth = day.nth ?? rule.bySetPos[0];
    if (nth === undefined)
      return no(`every ${WEEKDAY_CODES[day.weekday]} of the month has no Zoom monthly equivalent`);
    if (![-1, 1, 2, 3, 4].includes(nth)) {
      return no(
        `Zoom knows the 1st–4th and the last weekday of a month, not ${nth}${WEEKDAY_CODES[day.weekday]}`,
      );
    }
    mapped = {
      ok: true,
      recurrence: {
        type: 3,
        repeat_interval: rule.interval,
        monthly_week: nth as -1 | 1 | 2 | 3 | 4,
        monthly_week_day: zoomWeekdayOf(day.weekday),
      },
    };
  } else {
    if (rule.bySetPos.length > 0)
      return no('BYSETPOS over days of the month has no Zoom equivalent');
    if (rule.byMonthDay.length > 1)
      return no(
        `several days of the month (BYMONTHDAY=${rule.byMonthDay.join(',')}) cannot be one Zoom series`,
      );
    const monthDay = rule.byMonthDay[0] ?? new Date(event.startFloatingMs).getUTCDate();
    if (monthDay < 0)
      return no(`BYMONTHDAY=${monthDay} counts from the month's end; Zoom counts from its start`);
    mapped = {
      ok: true,
      recurrence: { type: 3, repeat_interval: rule.interval, monthly_day: monthDay },
      monthlyDay: monthDay,
    };
  }
  // Undocumented: what Zoom does with a start_time that is not the monthly day. Google shows a
  // DTSTART that the rule does not make; a monthly Zoom series cannot include it.
  if (first.source !== 'rule') {
    return no(
      `the series starts on ${first.localStart.slice(0, 10)}, a day its monthly rule does not make, and a Zoom series must start on one`,
    );
  }
  return mapped;
}

/** JavaScript's 0 = Sunday weekday → rrule's 0 = Monday. */
function toRuleWeekday(sunday0: number): RuleWeekday {
  return ((sunday0 + 6) % 7) as RuleWeekday;
}

function zoomDayName(day: ZoomWeekday): string {
  return ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][day - 1]!;
}

/**
 * Whether week starts `a` and `b` (Zoom weekday numbers) group `days` into the same weeks: true
 * when the days lying in the stretch from `a` up to `b` are none or all of them.
 */
export function sameWeeks(days: ZoomWeekday[], a: ZoomWeekday, b: ZoomWeekday): boolean {
  const stretch = (b - a + 7) % 7;
  const inStretch = days.filter((d) => (d - a + 7) % 7 < stretch).length;
  return inStretch === 0 || inStretch === days.length;
}
