import type { CalendarEvent, LiveEvent } from '../../domain/calendar-event.js';
import {
  EventInputError,
  expandParsedEvent,
  parseEvent,
  RecurrenceNotExpandable,
} from '../../recurrence/index.js';
import type { LinkSpan } from '../../store/index.js';

/** A bounded series longer than this is treated as having no known end (never history). */
const MAX_SPAN_OCCURRENCES = 5000;

/**
 * When a booking starts and when its last occurrence ends, as Google expands it: what the store
 * keeps beside the link for the upcoming list and the history prune. A series whose rule has no
 * COUNT or UNTIL has no end (null), and so does one that cannot be read or expanded: a booking
 * whose end is not known for sure is never taken for history. Pure.
 */
export function bookingSpan(event: LiveEvent): LinkSpan | null {
  try {
    const parsed = parseEvent(event.resource);
    const startsAt = new Date(parsed.startInstantMs);
    const recurrence = parsed.recurrence;
    if (recurrence === null)
      return { startsAt, endsAt: new Date(parsed.startInstantMs + parsed.durationMs) };
    if (recurrence.rules.some((rule) => rule.count === undefined && rule.until === undefined))
      return { startsAt, endsAt: null };
    const all = expandParsedEvent(parsed, { limit: MAX_SPAN_OCCURRENCES });
    const last = all.at(-1);
    if (all.length >= MAX_SPAN_OCCURRENCES) return { startsAt, endsAt: null };
    return {
      startsAt,
      endsAt: last ? last.end : new Date(parsed.startInstantMs + parsed.durationMs),
    };
  } catch (error) {
    // Unreadable or not expandable: the planner says why; here it only means "no known end".
    if (error instanceof EventInputError || error instanceof RecurrenceNotExpandable) return null;
    throw error;
  }
}

/** The span to store with a booking's snapshot: only a single event or a master has one. */
export function spanOf(event: CalendarEvent): { span?: LinkSpan | null } {
  return event.kind === 'single' || event.kind === 'master' ? { span: bookingSpan(event) } : {};
}
