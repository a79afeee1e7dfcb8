import type { ExpansionRules, ZoomRecurrenceRule } from './expand-occurrences.js';
import type { RecurrenceBody } from './meeting-model.js';
import type { ZoomSwitchValues } from './switches.js';
import { parseStartTime, zoneNamed } from './wall-time.js';
import type { FieldError } from './zoom-errors.js';

/** SUP: "Recurring meetings can have a maximum of 50 occurrences". */
export const OCCURRENCE_CAP = 50;

/** REC and SPEC `repeat_interval`: at most 90 days, 12 weeks, 3 months. */
const MAX_INTERVAL = { 1: 90, 2: 12, 3: 3 } as const;

/**
 * The recurrence rules the schema cannot say (REC, SPEC `recurrence`, SUP): interval bounds by
 * type, weekly_days as a list of digits 1-7, paired monthly_week/monthly_week_day, end_times xor
 * end_date_time, the occurrence cap. Returns the rule to expand, or the fields that are wrong.
 */
export function checkRecurrence(
  recurrence: RecurrenceBody,
  switches: ZoomSwitchValues,
  message: (field: string, why: string) => FieldError,
): { rule: ZoomRecurrenceRule } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const bad = (field: string, why: string) => errors.push(message(`recurrence.${field}`, why));
  const type = recurrence.type;
  const rule: ZoomRecurrenceRule = { type, repeatInterval: recurrence.repeat_interval ?? 1 };

  const interval = recurrence.repeat_interval;
  if (interval !== undefined && (interval < 1 || interval > MAX_INTERVAL[type]))
    bad(
      'repeat_interval',
      `must be between 1 and ${MAX_INTERVAL[type]} for recurrence type ${type}`,
    );

  if (type === 2) {
    // SPEC: "This field is required if you're scheduling a recurring meeting of type 2".
    if (recurrence.weekly_days === undefined) bad('weekly_days', 'is required for weekly meetings');
    else {
      const days = parseWeeklyDays(recurrence.weekly_days, switches.weeklyDaysFormat);
      if (days) rule.weeklyDays = days;
      else bad('weekly_days', 'must be comma-separated digits 1 (Sunday) to 7 (Saturday)');
    }
  }

  if (type === 3) {
    const hasDay = recurrence.monthly_day !== undefined;
    const hasWeek =
      recurrence.monthly_week !== undefined || recurrence.monthly_week_day !== undefined;
    if (hasDay && (recurrence.monthly_day! < 1 || recurrence.monthly_day! > 31))
      bad('monthly_day', 'must be between 1 and 31');
    if (hasWeek && recurrence.monthly_week === undefined)
      bad('monthly_week', 'is required with monthly_week_day');
    if (hasWeek && recurrence.monthly_week_day === undefined)
      bad('monthly_week_day', 'is required with monthly_week');
    let useWeek = hasWeek;
    if (hasDay && hasWeek) {
      if (switches.monthlyBothForms === 'refuse')
        bad('monthly_day', 'cannot be used with monthly_week and monthly_week_day');
      useWeek = switches.monthlyBothForms === 'week-wins';
    }
    if (useWeek) {
      rule.monthlyWeek = recurrence.monthly_week;
      rule.monthlyWeekDay = recurrence.monthly_week_day;
    } else rule.monthlyDay = recurrence.monthly_day ?? 1;
  }

  const hasTimes = recurrence.end_times !== undefined;
  const hasDate = recurrence.end_date_time !== undefined;
  if (hasTimes && hasDate && switches.endTimesWithEndDate === 'refuse')
    bad('end_times', 'cannot be used with end_date_time');
  if (hasTimes) {
    // SPEC24: 0 means no end; the cap is 50 (SUP, REC) or SPEC's 60 (switch endTimesMax).
    if (recurrence.end_times! < 0 || recurrence.end_times! > switches.endTimesMax)
      bad('end_times', `must be between 0 and ${switches.endTimesMax}`);
    rule.endTimes = recurrence.end_times;
  } else if (hasDate) {
    const end = parseStartTime(recurrence.end_date_time!, zoneNamed('UTC')!);
    if (end !== undefined) rule.endDateTime = end;
    else bad('end_date_time', 'must be a date-time such as 2017-11-25T12:00:00Z');
  } else {
    rule.endTimes = 1; // SPEC: end_times "default": 1
  }
  return errors.length > 0 ? { errors } : { rule };
}

function parseWeeklyDays(value: string, format: 'strict' | 'lenient'): number[] | undefined {
  const pattern = format === 'strict' ? /^[1-7](,[1-7])*$/ : /^\s*[1-7](\s*,\s*[1-7])*\s*$/;
  if (!pattern.test(value)) return undefined;
  const days = value.split(',').map((part) => Number(part.trim()));
  if (format === 'strict' && new Set(days).size !== days.length) return undefined;
  return [...new Set(days)];
}

export function expansionRules(switches: ZoomSwitchValues): ExpansionRules {
  return {
    firstOccurrence: switches.firstOccurrence,
    weekStart: switches.weekStart,
    monthlyDayBeyondMonthEnd: switches.monthlyDayBeyondMonthEnd,
    endDateTime: switches.endDateTime,
    cap: OCCURRENCE_CAP,
  };
}
