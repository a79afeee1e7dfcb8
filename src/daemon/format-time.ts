import type { EventDateTime } from '../domain/calendar-event.js';
import { localTime } from '../log-sentences.js';

/** How long ago (or how soon) `iso` is from `now`, in the largest unit that fits: "42 s ago". */
export function relativeTime(iso: string | Date | null, now: Date): string {
  if (iso === null) return 'never';
  const ms = (typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) - now.getTime();
  if (Number.isNaN(ms)) return String(iso);
  const span = formatSpan(Math.abs(ms) / 1000);
  return ms <= 0 ? `${span} ago` : `in ${span}`;
}

/** A duration in seconds, rounded to its largest unit: "42 s", "5 min", "3 h", "2 d". */
export function formatSpan(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/** An event's start as people read it, in the event's own zone: "Tue 3 Mar 10:00 Europe/Berlin". */
export function formatEventStart(start: EventDateTime | undefined): string {
  if (!start) return '';
  if (start.date) return `${start.date} (all day)`;
  if (!start.dateTime) return '';
  const zone = start.timeZone || 'UTC';
  const text = localTime(start.dateTime, zone);
  return text === start.dateTime ? text : `${text} ${zone}`;
}
