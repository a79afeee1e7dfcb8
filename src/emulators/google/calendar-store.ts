import type { EventTime } from './event-time.js';
import type { ParsedRecurrence } from './recurrence.js';
import { BusyIndex } from './room-busy.js';

/** Event fields as the API shows them, except those the store keeps structured (times, stamps). */
export type EventData = Record<string, unknown>;

/**
 * One calendar's copy of an event. Google keeps a copy per calendar (organizer, each attendee,
 * each room), all with the same id; each copy has its own etag, `updated`, private extended
 * properties, and its own place in that calendar's sync stream (Calendar API concepts, "Events and
 * calendars": developers.google.com/workspace/calendar/api/concepts/events-calendars).
 */
export interface EventCopy {
  calendarId: string;
  id: string;
  data: EventData;
  start: EventTime;
  end: EventTime;
  originalStart?: EventTime;
  recurrence?: ParsedRecurrence;
  created: string;
  /** Microseconds since the epoch of the last write; the etag is derived from it. */
  updatedUs: number;
  /** The store-wide change number of the last write (sync tokens compare these). */
  seq: number;
  /** An attendee removed this copy from their calendar: the organizer's edits no longer revive it. */
  deletedByOwner?: boolean;
}

export type CalendarKind = 'person' | 'room' | 'serviceAccount';

export interface CalendarState {
  id: string;
  kind: CalendarKind;
  summary: string;
  timeZone: string;
  /** Insertion order = the stable order of a full listing. */
  events: Map<string, EventCopy>;
  /** Bumped when the calendar's sync tokens are invalidated. */
  generation: number;
  /** The change number of the latest write to any copy here (an incremental sync with nothing new stops at this). */
  lastSeq: number;
  /** `updated` (µs) of the latest write here: the collection's `updated` and etag. */
  lastUpdatedUs: number;
  busy?: BusyIndex;
}

export class CalendarStore {
  readonly calendars = new Map<string, CalendarState>();
  /** Which calendars hold a copy of an event id. */
  private readonly holders = new Map<string, Set<string>>();
  private seq = 0;
  private lastUs = 0;
  /** Told of every write, with the calendar written (push channels deliver from it). */
  onWrite: (calendarId: string) => void = () => undefined;

  get currentSeq(): number {
    return this.seq;
  }

  ensure(id: string, kind: CalendarKind, summary: string, timeZone: string): CalendarState {
    const key = id.toLowerCase();
    let calendar = this.calendars.get(key);
    if (!calendar) {
      calendar = {
        id: key,
        kind,
        summary,
        timeZone,
        events: new Map(),
        generation: 1,
        lastSeq: 0,
        lastUpdatedUs: 0,
        busy: kind === 'room' ? new BusyIndex() : undefined,
      };
      this.calendars.set(key, calendar);
    }
    return calendar;
  }

  get(id: string): CalendarState | undefined {
    return this.calendars.get(id.toLowerCase());
  }

  copy(calendarId: string, eventId: string): EventCopy | undefined {
    return this.get(calendarId)?.events.get(eventId);
  }

  /** Every calendar holding a copy of this event id (the organizer's included). */
  holdersOf(eventId: string): string[] {
    return [...(this.holders.get(eventId) ?? [])];
  }

  /**
   * Records a write of a copy: a new change number and an `updated` strictly later than any
   * before, so etags differ on every write even within one millisecond.
   */
  stamp(copy: EventCopy, nowMs: number): void {
    copy.data = rebuilt(copy.data);
    this.seq += 1;
    this.lastUs = Math.max(this.lastUs + 1, nowMs * 1000);
    copy.seq = this.seq;
    copy.updatedUs = this.lastUs;
    const calendar = this.get(copy.calendarId);
    if (!calendar) throw new Error(`no calendar ${copy.calendarId}`);
    calendar.lastSeq = this.seq;
    calendar.lastUpdatedUs = this.lastUs;
    if (!calendar.events.has(copy.id)) {
      calendar.events.set(copy.id, copy);
      let set = this.holders.get(copy.id);
      if (!set) this.holders.set(copy.id, (set = new Set()));
      set.add(calendar.id);
    }
    this.onWrite(calendar.id);
  }

  /** A calendar's sync tokens stop working (410 on their next use). */
  invalidateSyncTokens(calendarId?: string): number {
    const targets = calendarId
      ? [this.get(calendarId)].filter((c) => c !== undefined)
      : [...this.calendars.values()];
    for (const calendar of targets) calendar.generation += 1;
    return targets.length;
  }

  clearEvents(): void {
    for (const calendar of this.calendars.values()) {
      calendar.events.clear();
      calendar.generation += 1;
      calendar.busy?.clear();
    }
    this.holders.clear();
  }
}

/** `"<2 × updated in µs>"`: the shape observed in live etags (UNCONFIRMED as a rule). */
export function etagOf(updatedUs: number): string {
  return `"${2 * updatedUs}"`;
}

export function updatedOf(updatedUs: number): string {
  return new Date(Math.floor(updatedUs / 1000)).toISOString();
}

/**
 * The same fields in a fresh object. Writes delete fields, and V8 turns an object with deleted
 * properties into a slow dictionary; rebuilt once per write, reads of a 10,000-event listing stay fast.
 */
function rebuilt(data: EventData): EventData {
  const out: EventData = {};
  for (const key of Object.keys(data)) if (data[key] !== undefined) out[key] = data[key];
  return out;
}
