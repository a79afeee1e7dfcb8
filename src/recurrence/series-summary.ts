import type { ZoomRecurrence } from '../domain/zoom-meeting.js';

/**
 * A Zoom series in a few words for the people who run zoomlink (`zoomlink convert`, the status
 * page): "weekly on Tuesday, 16 occurrences, 8 removed" — the pattern, the occurrences Zoom makes
 * (`end_times`) and how many of those zoomlink deletes because Google does not have them.
 */
export function seriesSummary(recurrence: ZoomRecurrence, removed: number): string {
  const parts = [describePattern(recurrence)];
  if (recurrence.end_times !== undefined)
    parts.push(`${recurrence.end_times} occurrence${recurrence.end_times === 1 ? '' : 's'}`);
  if (removed > 0) parts.push(`${removed} removed`);
  return parts.join(', ');
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NTH: Record<number, string> = { 1: '1st', 2: '2nd', 3: '3rd', 4: '4th', [-1]: 'last' };

/** "every 2 weeks on Monday and Wednesday", "monthly on the last Friday", "daily". */
export function describePattern(recurrence: ZoomRecurrence): string {
  const n = recurrence.repeat_interval;
  if (recurrence.type === 1) return n === 1 ? 'daily' : `every ${n} days`;
  if (recurrence.type === 2) {
    const days = (recurrence.weekly_days ?? '1').split(',').map((d) => DAYS[Number(d) - 1]);
    const list =
      days.length === 1 ? days[0] : `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}`;
    return `${n === 1 ? 'weekly' : `every ${n} weeks`} on ${list}`;
  }
  const every = n === 1 ? 'monthly' : `every ${n} months`;
  if (recurrence.monthly_week !== undefined && recurrence.monthly_week_day !== undefined)
    return `${every} on the ${NTH[recurrence.monthly_week]} ${DAYS[recurrence.monthly_week_day - 1]}`;
  return `${every} on day ${recurrence.monthly_day ?? 1}`;
}
