import type { CalendarState, CalendarStore, EventCopy, EventData } from './calendar-store.js';
import { dayStartMs } from './event-time.js';
import { instanceId } from './ids.js';
import type { Interval } from './room-busy.js';
import { lengthOf, maxExpandedInstances, occurrencesOf, spanOf } from './series.js';

/**
 * Copies per calendar (concepts/events-calendars "Organizers",
 * developers.google.com/workspace/calendar/api): the organizer's copy is the main one; every
 * attendee calendar the emulator holds (rooms, people) gets its own copy with the same id. Writing
 * the organizer's copy overwrites the shared fields of every copy; each copy keeps its own private
 * extended properties, reminders and colour. An attendee who is removed, or an event the organizer
 * deletes, leaves cancelled copies behind.
 */
const perCopyFields = ['reminders', 'colorId'] as const;

export interface PropagationDeps {
  store: CalendarStore;
  nowMs: () => number;
  autoDecline: () => boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function organizerOf(copy: EventCopy): string | undefined {
  const organizer = copy.data.organizer;
  return isObject(organizer) && typeof organizer.email === 'string' ? organizer.email : undefined;
}

export function isOrganizerCopy(copy: EventCopy): boolean {
  return organizerOf(copy) === copy.calendarId;
}

function attendeesOf(data: EventData): Record<string, unknown>[] {
  return Array.isArray(data.attendees) ? (data.attendees as Record<string, unknown>[]) : [];
}

/** The copy's data as an attendee calendar holds it: shared fields from the organizer, its own private ones. */
function attendeeData(organizer: EventData, own: EventData | undefined): EventData {
  const data = structuredClone(organizer);
  for (const field of perCopyFields) {
    delete data[field];
    if (own?.[field] !== undefined) data[field] = structuredClone(own[field]);
  }
  const shared = isObject(organizer.extendedProperties)
    ? organizer.extendedProperties.shared
    : undefined;
  const ownPrivate = isObject(own?.extendedProperties) ? own.extendedProperties.private : undefined;
  delete data.extendedProperties;
  if (shared !== undefined || ownPrivate !== undefined)
    data.extendedProperties = {
      ...(ownPrivate !== undefined ? { private: structuredClone(ownPrivate) } : {}),
      ...(shared !== undefined ? { shared: structuredClone(shared) } : {}),
    };
  return data;
}

/**
 * An attendee calendar's copy of `from` (the organizer's): `own`, the copy it holds, brought up
 * to it, or a new one.
 */
function attendeeCopy(
  calendarId: string,
  from: EventCopy,
  own: EventCopy | undefined,
  nowMs: number,
): EventCopy {
  const copy: EventCopy = own ?? {
    calendarId,
    id: from.id,
    data: {},
    start: from.start,
    end: from.end,
    created: new Date(nowMs).toISOString(),
    updatedUs: 0,
    seq: 0,
  };
  copy.data = attendeeData(from.data, own?.data);
  copy.start = from.start;
  copy.end = from.end;
  copy.originalStart = from.originalStart;
  copy.recurrence = from.recurrence;
  return copy;
}

/** The times a copy occupies on a calendar (a series: its instances from a day ago on, bounded). */
export function busyIntervals(copy: EventCopy, calendar: CalendarState, nowMs: number): Interval[] {
  if (!copy.recurrence) return [spanOf(copy, calendar.timeZone)];
  const length = lengthOf(copy).ms;
  return occurrencesOf(copy, calendar, {
    endsAfterMs: nowMs - 86_400_000,
    limit: maxExpandedInstances,
  })
    .filter((o) => !calendar.events.has(instanceId(copy.id, o.key)))
    .map((o) => {
      const startMs = o.start ? o.start.toMillis() : dayStartMs(o.date!, calendar.timeZone);
      return { startMs, endMs: startMs + length };
    });
}

/** The room's answer on this copy: accepted when it organises, else its attendee entry. */
function roomAccepted(copy: EventCopy, roomId: string): boolean {
  if (copy.data.status === 'cancelled') return false;
  if (organizerOf(copy) === roomId) return true;
  return attendeesOf(copy.data).some((a) => a.email === roomId && a.responseStatus === 'accepted');
}

/**
 * Keeps a room's busy index true after a write of one of its copies (or only marks it stale
 * while rooms do not decline conflicts).
 */
export function reindexRoomCopy(
  calendar: CalendarState,
  copy: EventCopy,
  nowMs: number,
  indexing: boolean,
): void {
  if (!calendar.busy) return;
  if (!indexing) {
    calendar.busy.markStale();
    return;
  }
  if (calendar.busy.stale) return;
  if (roomAccepted(copy, calendar.id))
    calendar.busy.set(copy.id, busyIntervals(copy, calendar, nowMs));
  else calendar.busy.remove(copy.id);
  const masterId = copy.data.recurringEventId;
  if (typeof masterId === 'string') {
    const master = calendar.events.get(masterId);
    if (master) reindexRoomCopy(calendar, master, nowMs, indexing);
  }
}

/** Accepted, or declined when the room already accepted something at an overlapping time. */
function roomAnswer(
  deps: PropagationDeps,
  room: CalendarState,
  event: EventCopy,
): 'accepted' | 'declined' {
  if (!deps.autoDecline() || !room.busy) return 'accepted';
  if (room.busy.stale) {
    room.busy.stale = false;
    for (const copy of room.events.values()) reindexRoomCopy(room, copy, deps.nowMs(), true);
  }
  const own = event.id;
  const intervals = busyIntervals({ ...event, calendarId: room.id }, room, deps.nowMs());
  const series =
    typeof event.data.recurringEventId === 'string' ? event.data.recurringEventId : own;
  const related = (owner: string) =>
    owner === own || owner === series || owner.startsWith(`${series}_`);
  return room.busy.overlaps(intervals, related) ? 'declined' : 'accepted';
}

/**
 * After a write of the organizer's copy (already stamped): rooms answer, every attendee calendar's
 * copy is created or overwritten, and copies of calendars no longer invited are cancelled.
 * `timesChanged` makes rooms answer again, as they do when a booking moves.
 */
export function propagateFromOrganizer(
  deps: PropagationDeps,
  organizer: EventCopy,
  timesChanged: boolean,
): void {
  const { store } = deps;
  const now = deps.nowMs();
  const targets = new Map<string, Record<string, unknown>>();
  for (const attendee of attendeesOf(organizer.data)) {
    const calendar = store.get(String(attendee.email));
    if (calendar && calendar.id !== organizer.calendarId) targets.set(calendar.id, attendee);
  }
  if (organizer.data.status === 'cancelled') {
    cancelCopies(deps, organizer, targets);
    return;
  }

  for (const [calendarId, attendee] of targets) {
    const calendar = store.get(calendarId)!;
    if (calendar.kind !== 'room') continue;
    const existing = calendar.events.get(organizer.id);
    if (existing?.deletedByOwner) continue;
    const ask =
      !existing ||
      existing.data.status === 'cancelled' ||
      timesChanged ||
      attendee.responseStatus === undefined ||
      attendee.responseStatus === 'needsAction';
    if (ask) attendee.responseStatus = roomAnswer(deps, calendar, organizer);
  }

  for (const [calendarId] of targets) {
    const calendar = store.get(calendarId)!;
    const existing = calendar.events.get(organizer.id);
    if (existing?.deletedByOwner) continue;
    const joining = !existing || existing.data.status === 'cancelled';
    const copy = attendeeCopy(calendarId, organizer, existing, now);
    store.stamp(copy, now);
    reindexRoomCopy(calendar, copy, now, deps.autoDecline());
    if (joining && organizer.recurrence) copyCancelledOccurrences(deps, organizer, calendar);
  }

  for (const calendarId of store.holdersOf(organizer.id)) {
    if (calendarId === organizer.calendarId || targets.has(calendarId)) continue;
    const copy = store.copy(calendarId, organizer.id);
    if (!copy || copy.data.status === 'cancelled') continue;
    copy.data.status = 'cancelled';
    store.stamp(copy, now);
    reindexRoomCopy(store.get(calendarId)!, copy, now, deps.autoDecline());
  }
}

/**
 * A calendar invited to a series that already has cancelled occurrences gets them too, so that its
 * instances leave them out as the organizer's do. The recurring-events guide
 * (developers.google.com/workspace/calendar/api/guides/recurringevents) treats instances and their
 * exceptions as the event's; what a guest added later sees is not spelled out, and the reading
 * here is the only one under which the guest's calendar shows the organizer's series.
 */
function copyCancelledOccurrences(
  deps: PropagationDeps,
  master: EventCopy,
  calendar: CalendarState,
): void {
  const now = deps.nowMs();
  const organizerCalendar = deps.store.get(master.calendarId);
  for (const exception of organizerCalendar?.events.values() ?? []) {
    if (exception.data.recurringEventId !== master.id || exception.data.status !== 'cancelled')
      continue;
    const own = calendar.events.get(exception.id);
    if (own?.data.status === 'cancelled') continue;
    const copy = attendeeCopy(calendar.id, exception, own, now);
    deps.store.stamp(copy, now);
    reindexRoomCopy(calendar, copy, now, deps.autoDecline());
  }
}

/**
 * The organizer cancelled: every copy is cancelled. A cancelled instance of a live series is
 * created where the series is held, so attendees' incremental syncs see it (DISCO `Event.status`).
 */
function cancelCopies(
  deps: PropagationDeps,
  organizer: EventCopy,
  targets: Map<string, unknown>,
): void {
  const { store } = deps;
  const now = deps.nowMs();
  const masterId =
    typeof organizer.data.recurringEventId === 'string'
      ? organizer.data.recurringEventId
      : undefined;
  const calendars = new Set([...targets.keys(), ...store.holdersOf(organizer.id)]);
  calendars.delete(organizer.calendarId);
  for (const calendarId of calendars) {
    const calendar = store.get(calendarId)!;
    const existing = calendar.events.get(organizer.id);
    if (existing) {
      if (existing.data.status === 'cancelled') continue;
      existing.data.status = 'cancelled';
      store.stamp(existing, now);
      reindexRoomCopy(calendar, existing, now, deps.autoDecline());
      continue;
    }
    const master = masterId ? calendar.events.get(masterId) : undefined;
    if (!master || master.deletedByOwner || master.data.status === 'cancelled') continue;
    const copy = attendeeCopy(calendarId, organizer, undefined, now);
    store.stamp(copy, now);
    reindexRoomCopy(calendar, copy, now, deps.autoDecline());
  }
}
