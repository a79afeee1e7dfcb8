import type { CalendarState, CalendarStore, EventCopy, EventData } from './calendar-store.js';
import { etagOf } from './calendar-store.js';
import { resolveConference, type AddOnMode } from './conference.js';
import {
  immutableFields,
  mergePatch,
  readEventInput,
  sharedPropertyDefaults,
} from './event-input.js';
import { renderEventTime, type EventTime } from './event-time.js';
import { googleErrors } from './google-errors.js';
import { isValidClientEventId, newEventId } from './ids.js';
import type { Organisation } from './organisation.js';
import {
  isOrganizerCopy,
  organizerOf,
  propagateFromOrganizer,
  reindexRoomCopy,
} from './propagation.js';
import { findVirtualInstance } from './series.js';

export type AccessRole = 'owner' | 'writer' | 'reader';

export interface ModelSettings {
  addOnConference: AddOnMode;
  roomAutoDecline: boolean;
  roomAccessForMembers: 'reader' | 'writer' | 'none';
  attendeeCopyEdits: 'keep' | 'ignoreSharedFields';
}

export interface WriteOptions {
  conferenceDataVersion?: number;
  ifMatch?: string;
}

/**
 * The calendars and what may be done to them: access (who reads or writes which calendar), and
 * the writes of events.insert/patch/update/delete with Google's rules for copies, instances and
 * etags. The HTTP layer only parses parameters and renders.
 */
export class CalendarModel {
  constructor(
    readonly organisation: Organisation,
    readonly store: CalendarStore,
    private readonly settings: () => ModelSettings,
    private readonly nowMs: () => number,
  ) {}

  /**
   * Access rule (README "Access"): a person owns their own calendar (`primary` or their email);
   * an admin writes every room calendar; other people in the domain get `roomAccessForMembers`
   * on rooms; nobody sees another person's calendar (404, as Google answers for calendars one
   * cannot see); a service account acting as itself has only its own (empty) calendar.
   */
  resolve(actor: string, calendarParam: string): { calendar: CalendarState; role: AccessRole } {
    const wanted = calendarParam === 'primary' ? actor : calendarParam.toLowerCase();
    if (wanted === actor) {
      const calendar =
        this.store.get(actor) ?? this.store.ensure(actor, 'serviceAccount', actor, 'UTC');
      return { calendar, role: 'owner' };
    }
    const calendar = this.store.get(wanted);
    if (calendar?.kind === 'room') {
      if (this.organisation.isAdmin(actor)) return { calendar, role: 'writer' };
      const member = this.organisation.person(actor)?.inDomain;
      const access = this.settings().roomAccessForMembers;
      if (member && access !== 'none') return { calendar, role: access };
    }
    throw googleErrors.notFound();
  }

  requireWriter(role: AccessRole): void {
    if (role === 'reader') throw googleErrors.requiredAccessLevel();
  }

  /** A stored copy, or an unmodified instance of a stored series. */
  find(calendar: CalendarState, eventId: string): EventCopy | undefined {
    return calendar.events.get(eventId) ?? findVirtualInstance(calendar, eventId);
  }

  /** `options.googleId`: an id Google itself makes (a split series' `_R` id), not a client's. */
  insert(
    actor: string,
    calendar: CalendarState,
    body: Record<string, unknown>,
    options: WriteOptions & { googleId?: string } = {},
  ): EventCopy {
    const input = readEventInput(body);
    let id: string;
    if (options.googleId !== undefined) {
      id = options.googleId;
      if (this.store.holdersOf(id).length > 0) throw googleErrors.duplicate();
    } else if (body.id !== undefined) {
      if (typeof body.id !== 'string' || !isValidClientEventId(body.id))
        throw googleErrors.invalid('Invalid resource id value.');
      id = body.id;
      if (calendar.events.has(id) || this.store.holdersOf(id).length > 0)
        throw googleErrors.duplicate();
    } else {
      do id = newEventId();
      while (this.store.holdersOf(id).length > 0);
    }
    const now = this.nowMs();
    const data: EventData = {
      ...input.data,
      creator: this.personRef(actor),
      organizer: this.personRef(calendar.id),
      iCalUID: `${id}@google.com`,
      sequence: typeof input.data.sequence === 'number' ? input.data.sequence : 0,
    };
    delete data.id;
    this.normaliseAttendees(data);
    const conference = resolveConference(
      body.conferenceData,
      {},
      {
        version: options.conferenceDataVersion ?? 0,
        patch: false,
        addOn: this.settings().addOnConference,
      },
    );
    applyConference(data, conference);
    const copy: EventCopy = {
      calendarId: calendar.id,
      id,
      data,
      start: input.start,
      end: input.end,
      recurrence: input.recurrence,
      created: new Date(now).toISOString(),
      updatedUs: 0,
      seq: 0,
    };
    this.store.stamp(copy, now);
    this.afterWrite(calendar, copy, true);
    return copy;
  }

  /** events.patch (merge) and events.update (replace), on a stored copy or an instance. */
  modify(
    calendar: CalendarState,
    eventId: string,
    body: Record<string, unknown>,
    mode: 'patch' | 'update',
    options: WriteOptions = {},
  ): EventCopy {
    const { copy, isNew } = this.target(calendar, eventId, options.ifMatch);
    const current = rawOf(copy);
    const merged =
      mode === 'patch' ? mergePatch(current, stripReadOnly(body)) : { ...stripReadOnly(body) };
    const input = readEventInput(merged);
    const organizerCopy = isOrganizerCopy(copy);
    const data: EventData = input.data;

    if (!organizerCopy) {
      for (const [field, fallback] of Object.entries(sharedPropertyDefaults)) {
        if ((data[field] ?? fallback) !== (copy.data[field] ?? fallback))
          throw googleErrors.forbiddenForNonOrganizer();
      }
      if (this.settings().attendeeCopyEdits === 'ignoreSharedFields') {
        for (const field of ['summary', 'recurrence'])
          if (copy.data[field] === undefined) delete data[field];
          else data[field] = structuredClone(copy.data[field]);
        input.recurrence = copy.recurrence;
      }
    }
    for (const field of immutableFields) {
      const before = copy.data[field];
      if (data[field] !== undefined && before !== undefined && data[field] !== before)
        throw googleErrors.invalid(`The ${field} field cannot be changed.`);
      if (before !== undefined) data[field] = before;
    }
    if (copy.data.recurringEventId) {
      delete data.recurrence;
      input.recurrence = undefined;
    }
    for (const field of [
      'organizer',
      'creator',
      'iCalUID',
      'recurringEventId',
      'conferenceData',
      'hangoutLink',
    ] as const)
      if (copy.data[field] !== undefined) data[field] = copy.data[field];
    this.normaliseAttendees(data);

    const conference = resolveConference(
      body.conferenceData,
      {
        conferenceData: copy.data.conferenceData as Record<string, unknown> | undefined,
        hangoutLink: copy.data.hangoutLink as string | undefined,
      },
      {
        version: options.conferenceDataVersion ?? 0,
        patch: mode === 'patch',
        addOn: this.settings().addOnConference,
      },
    );
    applyConference(data, conference);

    const timesChanged =
      isNew ||
      !sameTime(copy.start, input.start) ||
      !sameTime(copy.end, input.end) ||
      JSON.stringify(copy.data.recurrence ?? null) !== JSON.stringify(data.recurrence ?? null) ||
      (copy.data.status ?? 'confirmed') !== (data.status ?? 'confirmed');
    const sequence = typeof copy.data.sequence === 'number' ? copy.data.sequence : 0;
    data.sequence = Math.max(
      sequence + (timesChanged && !isNew ? 1 : 0),
      Number(data.sequence) || 0,
    );

    copy.data = data;
    copy.start = input.start;
    copy.end = input.end;
    copy.recurrence = input.recurrence;
    this.store.stamp(copy, this.nowMs());
    this.afterWrite(calendar, copy, timesChanged);
    return copy;
  }

  /** events.delete: the copy is cancelled; the organizer's delete cancels every copy. */
  remove(calendar: CalendarState, eventId: string, options: WriteOptions = {}): void {
    const stored = calendar.events.get(eventId);
    if (stored?.data.status === 'cancelled') throw googleErrors.deleted();
    const { copy } = this.target(calendar, eventId, options.ifMatch);
    const now = this.nowMs();
    copy.data.status = 'cancelled';
    this.store.stamp(copy, now);
    if (copy.recurrence) {
      // The series' exceptions go with it.
      for (const other of calendar.events.values()) {
        if (other.data.recurringEventId === copy.id && other.data.status !== 'cancelled') {
          other.data.status = 'cancelled';
          this.store.stamp(other, now);
          this.afterWrite(calendar, other, true);
        }
      }
    }
    if (!isOrganizerCopy(copy)) copy.deletedByOwner = true;
    this.afterWrite(calendar, copy, true);
    if (!isOrganizerCopy(copy)) this.answerAsAttendee(copy, 'declined');
  }

  /** The copy a write applies to; an unmodified instance becomes an exception first. */
  private target(
    calendar: CalendarState,
    eventId: string,
    ifMatch: string | undefined,
  ): { copy: EventCopy; isNew: boolean } {
    const stored = calendar.events.get(eventId);
    const copy = stored ?? findVirtualInstance(calendar, eventId);
    if (!copy) throw googleErrors.notFound();
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== etagOf(copy.updatedUs))
      throw googleErrors.conditionNotMet();
    if (stored) return { copy: stored, isNew: false };
    copy.data.iCalUID = calendar.events.get(String(copy.data.recurringEventId))?.data.iCalUID;
    return { copy, isNew: true };
  }

  private afterWrite(calendar: CalendarState, copy: EventCopy, timesChanged: boolean): void {
    if (isOrganizerCopy(copy))
      propagateFromOrganizer(
        {
          store: this.store,
          nowMs: this.nowMs,
          autoDecline: () => this.settings().roomAutoDecline,
        },
        copy,
        timesChanged,
      );
    reindexRoomCopy(calendar, copy, this.nowMs(), this.settings().roomAutoDecline);
  }

  /** An attendee's answer shows on the organizer's copy, and from there on every copy. */
  private answerAsAttendee(copy: EventCopy, response: string): void {
    const organizerId = organizerOf(copy);
    const organizer = organizerId ? this.store.copy(organizerId, copy.id) : undefined;
    if (!organizer || !Array.isArray(organizer.data.attendees)) return;
    const entry = (organizer.data.attendees as Record<string, unknown>[]).find(
      (a) => a.email === copy.calendarId,
    );
    if (!entry || entry.responseStatus === response) return;
    entry.responseStatus = response;
    this.store.stamp(organizer, this.nowMs());
    this.afterWrite(this.store.get(organizer.calendarId)!, organizer, false);
  }

  private personRef(email: string): Record<string, unknown> {
    const room = this.organisation.room(email);
    if (room) return { email: room.calendarId, displayName: room.generatedResourceName };
    const person = this.organisation.person(email);
    return person ? { email: person.email, displayName: person.name } : { email };
  }

  /**
   * Attendee emails lower-cased; rooms marked `resource` with their generated name (ADISCO
   * CalendarResource `generatedResourceName`).
   */
  private normaliseAttendees(data: EventData): void {
    if (!Array.isArray(data.attendees)) return;
    data.attendees = (data.attendees as Record<string, unknown>[]).map((raw) => {
      const attendee: Record<string, unknown> = {
        ...raw,
        email: String(raw.email).trim().toLowerCase(),
      };
      delete attendee.self;
      delete attendee.organizer;
      const room = this.organisation.room(String(attendee.email));
      if (room) {
        attendee.resource = true;
        attendee.displayName ??= room.generatedResourceName;
      } else {
        const person = this.organisation.person(String(attendee.email));
        if (person && attendee.displayName === undefined) attendee.displayName = person.name;
      }
      if (attendee.email === organizerOf({ data } as EventCopy))
        attendee.responseStatus ??= 'accepted';
      attendee.responseStatus ??= 'needsAction';
      return attendee;
    });
  }
}

function applyConference(
  data: EventData,
  conference: { conferenceData?: Record<string, unknown>; hangoutLink?: string },
): void {
  delete data.conferenceData;
  delete data.hangoutLink;
  if (conference.conferenceData) data.conferenceData = conference.conferenceData;
  if (conference.hangoutLink) data.hangoutLink = conference.hangoutLink;
}

function stripReadOnly(body: Record<string, unknown>): Record<string, unknown> {
  const { conferenceData: _c, ...rest } = body;
  return rest;
}

/** A copy's writable fields with `start`/`end` as EventDateTime objects (what a patch merges onto). */
export function rawOf(copy: EventCopy): Record<string, unknown> {
  const zone = (t: EventTime) => t.timeZone ?? (t.allDay ? 'UTC' : (t.instant.zoneName ?? 'UTC'));
  const raw: Record<string, unknown> = structuredClone(copy.data);
  raw.start = renderEventTime(copy.start, zone(copy.start));
  raw.end = renderEventTime(copy.end, zone(copy.end));
  return raw;
}

function sameTime(a: EventTime, b: EventTime): boolean {
  if (a.allDay || b.allDay)
    return a.allDay === b.allDay && a.allDay && b.allDay && a.date === b.date;
  return a.instant.toMillis() === b.instant.toMillis() && a.timeZone === b.timeZone;
}
