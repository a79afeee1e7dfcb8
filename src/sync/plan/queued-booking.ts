import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { QueuedEvent } from '../../store/index.js';

/**
 * What one row of the work queue holds, as pure functions: the events of one booking still to be
 * worked. A newer copy of an event replaces the older one in place (copies are told apart by the
 * room they were read from and their event id, so each room's copy of a booking is kept, as each
 * room's poll would have worked it); a booking's own event (single, master, deletion) goes before
 * its instances, so a master is planned before its exceptions.
 */

/** The copy an event is: the room it was read from and its event id. */
export function copyKey(event: CalendarEvent): string {
  return `${event.calendarId.toLowerCase()}\n${event.eventId}`;
}

/** A booking's own event, as opposed to one of its instances. */
export function isBookingLevel(event: CalendarEvent): boolean {
  return event.kind === 'single' || event.kind === 'master' || event.kind === 'deleted';
}

/**
 * Whether `incoming` is at least as new as `queued` (the same copy). Google's `updated` orders
 * two reads of one live copy; a deletion or a cancelled instance carries none, and a later read
 * of it is the newer one.
 */
function isNewer(incoming: CalendarEvent, queued: CalendarEvent): boolean {
  if (!('updated' in incoming) || !('updated' in queued)) return true;
  const a = Date.parse(incoming.updated);
  const b = Date.parse(queued.updated);
  return Number.isNaN(a) || Number.isNaN(b) || a >= b;
}

export interface Incoming {
  event: CalendarEvent;
  priorityAt: string;
}

/**
 * The row's events with `incoming` added: a newer copy replaces the queued one in place, an older
 * one is dropped, a new copy is added; with `ifAbsent`, only copies not queued yet are added (a
 * retry from the stored snapshot never displaces a version read since). `seq` marks what this
 * change brought.
 */
export function mergeQueued(
  queued: readonly QueuedEvent[],
  incoming: readonly Incoming[],
  seq: number,
  options: { ifAbsent?: boolean } = {},
): QueuedEvent[] {
  const events = [...queued];
  for (const { event, priorityAt } of incoming) {
    const key = copyKey(event);
    const at = events.findIndex((e) => e.key === key);
    const item: QueuedEvent = { key, seq, priorityAt, event };
    if (at < 0) events.push(item);
    else if (!options.ifAbsent && isNewer(event, events[at]!.event)) events[at] = item;
  }
  // A stable sort: the booking's own events first, each group in the order it came.
  const rank = (e: QueuedEvent) => (isBookingLevel(e.event) ? 0 : 1);
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** The row's events without those a worker took and worked (a newer copy since is kept). */
export function withoutWorked(
  queued: readonly QueuedEvent[],
  worked: readonly QueuedEvent[],
): QueuedEvent[] {
  const done = new Set(worked.map((e) => `${e.seq}\n${e.key}`));
  return queued.filter((e) => !done.has(`${e.seq}\n${e.key}`));
}

/** The row's place: the soonest of its events' next starts. */
export function rowPriority(events: readonly QueuedEvent[]): string {
  return events.reduce((soonest, e) => (e.priorityAt < soonest ? e.priorityAt : soonest), '\uffff');
}
