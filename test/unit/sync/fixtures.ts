import type {
  CalendarEvent,
  CancelledInstance,
  DeletedEvent,
  LiveEvent,
} from '../../../src/domain/calendar-event.js';
import type {
  Link,
  LinkPatch,
  OccurrenceMeeting,
  OccurrenceOverride,
} from '../../../src/store/index.js';
import {
  createdMeetingFields,
  meetingFields,
  occurrenceStrategyFields,
} from '../../../src/sync/plan/link-fields.js';
import type { Action, EventPlan } from '../../../src/sync/plan/actions.js';
import { withBlock } from '../../../src/sync/plan/block.js';
import { watchedRooms } from '../../../src/sync/plan/booking-rooms.js';
import type { BookingState, PlanConfig } from '../../../src/sync/plan/booking-state.js';
import type { Room } from '../../../src/domain/ports.js';

/** Events, links and a model of the store for the planner's tests (pure: no store, no ports). */

export const NOW = new Date('2030-03-04T08:00:00Z');
export const ORGANIZER = 'alice@example.com';

export const ROOMS: Room[] = [
  {
    calendarId: 'c_bbb@resource.calendar.google.com',
    name: 'Board',
    zoomHost: 'zoom-b@example.com',
  },
  {
    calendarId: 'c_aaa@resource.calendar.google.com',
    name: 'Annex',
    zoomHost: 'zoom-a@example.com',
  },
  {
    calendarId: 'c_ccc@resource.calendar.google.com',
    name: 'Cellar',
    zoomHost: 'zoom-c@example.com',
  },
];
export const [BOARD, ANNEX, CELLAR] = ROOMS.map((r) => r.calendarId) as [string, string, string];
export const WATCHED = watchedRooms(ROOMS);

export const CONFIG: PlanConfig = {
  recurrence: {
    cap: 50,
    fallback: 'no_fixed_time',
    perOccurrenceHorizonDays: 30,
    windowRenewBelow: 5,
  },
};

/** A booking as one room's copy shows it: 2030-03-05 10:00 Berlin for an hour, unless told. */
export function booking(
  overrides: Partial<LiveEvent> & { rooms?: LiveEvent['rooms'] } = {},
): LiveEvent {
  const start = overrides.start ?? {
    dateTime: '2030-03-05T10:00:00+01:00',
    timeZone: 'Europe/Berlin',
  };
  const end = overrides.end ?? { dateTime: '2030-03-05T11:00:00+01:00', timeZone: 'Europe/Berlin' };
  const calendarId = overrides.calendarId ?? BOARD;
  const recurrence = overrides.recurrence ?? [];
  const event: LiveEvent = {
    calendarId,
    eventId: 'evt0001',
    kind: recurrence.length > 0 ? 'master' : 'single',
    iCalUID: 'evt0001@google.com',
    etag: '"1"',
    updated: '2030-03-01T00:00:00.000Z',
    status: 'confirmed',
    summary: 'Weekly review',
    description: '',
    location: '',
    organizer: { email: ORGANIZER },
    rooms: [{ email: calendarId, responseStatus: 'accepted' }],
    roomResponse: 'accepted',
    allDay: false,
    eventType: 'default',
    privateProperties: {},
    sharedProperties: {},
    ...overrides,
    start,
    end,
    recurrence,
    resource: {},
  };
  event.resource = {
    id: event.eventId,
    summary: event.summary,
    description: event.description,
    start: event.start,
    end: event.end,
    ...(event.recurrence.length > 0 ? { recurrence: event.recurrence } : {}),
    status: event.status,
    ...(event.recurringEventId ? { recurringEventId: event.recurringEventId } : {}),
    ...(event.originalStartTime ? { originalStartTime: event.originalStartTime } : {}),
  };
  return event;
}

export function deleted(calendarId = BOARD, eventId = 'evt0001'): DeletedEvent {
  return { kind: 'deleted', calendarId, eventId };
}

export function cancelledInstance(originalUtc: string, calendarId = BOARD): CancelledInstance {
  return {
    kind: 'cancelledInstance',
    calendarId,
    eventId: `evt0001_${originalUtc.replace(/[-:]/g, '').replace('.000', '')}`,
    recurringEventId: 'evt0001',
    originalStartTime: { dateTime: originalUtc, timeZone: 'Europe/Berlin' },
  };
}

export function movedInstance(
  originalUtc: string,
  start: string,
  end: string,
  calendarId = BOARD,
): LiveEvent {
  return booking({
    calendarId,
    eventId: `evt0001_${originalUtc.replace(/[-:]/g, '')}`,
    kind: 'exception',
    recurringEventId: 'evt0001',
    originalStartTime: { dateTime: originalUtc, timeZone: 'Europe/Berlin' },
    start: { dateTime: start, timeZone: 'Europe/Berlin' },
    end: { dateTime: end, timeZone: 'Europe/Berlin' },
  });
}

export const kinds = (plan: EventPlan) => plan.actions.map((a) => a.kind);

/**
 * A model of what the store holds for one booking and of Zoom's side, changed by actions the way
 * `applyActions` changes the real ones when every call succeeds.
 */
export class Model {
  link: Link | undefined;
  overrides: OccurrenceOverride[] = [];
  occurrenceMeetings: OccurrenceMeeting[] = [];
  master: LiveEvent | undefined;
  /** What the organizer's copy's description became (our write-back). */
  description: string | undefined;
  creates = 0;
  private nextId = 81_000_000_000;

  state(): BookingState {
    return {
      ...(this.link ? { link: this.link } : {}),
      overrides: this.overrides,
      occurrenceMeetings: this.occurrenceMeetings,
      ...(this.master ? { master: this.master } : {}),
      watched: WATCHED,
    };
  }

  /** The event as the next poll shows it: with the description our write-back left. */
  seenAgain<T extends CalendarEvent>(event: T): T {
    if (event.kind === 'deleted' || event.kind === 'cancelledInstance') return event;
    return this.description === undefined ? event : { ...event, description: this.description };
  }

  apply(plan: EventPlan, event: CalendarEvent): void {
    if (event.kind === 'single' || event.kind === 'master') {
      if (plan.actions.length > 0 || this.link) this.master = event;
    }
    for (const action of plan.actions) this.applyOne(action, plan.bookingId, event);
  }

  private baseLink(id: string): Link {
    return (
      this.link ?? {
        eventId: id,
        icalUid: `${id}@google.com`,
        organizerEmail: ORGANIZER,
        strategy: 'single',
        state: 'pending',
        zoomMeetingId: null,
        zoomHost: null,
        joinUrl: null,
        passcode: null,
        windowFrom: null,
        windowTo: null,
        zoomHash: null,
        writebackHash: null,
        writebackCalendarId: null,
        writebackAs: null,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        lastErrorAt: null,
        reason: null,
        rooms: [],
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      }
    );
  }

  /** A link with the fields apply would write (the store keeps rooms sorted). */
  private patched(link: Link, patch: LinkPatch): Link {
    const { rooms, ...fields } = patch;
    return { ...link, ...fields, ...(rooms ? { rooms: [...rooms].sort() } : {}) } as Link;
  }

  private applyOne(action: Action, id: string, event: CalendarEvent): void {
    switch (action.kind) {
      case 'createMeeting': {
        this.creates += 1;
        const meetingId = (this.nextId += 1);
        this.link = this.patched(this.baseLink(id), {
          ...createdMeetingFields(action.meeting, action.rooms),
          state: 'pending',
          zoomMeetingId: meetingId,
          joinUrl: `https://zoom.us/j/${meetingId}?pwd=x`,
        });
        this.overrides = this.overrides.map((o) => ({ ...o, appliedHash: null }));
        return;
      }
      case 'updateMeeting':
        this.link = this.patched(this.link!, meetingFields(action.meeting));
        this.overrides = this.overrides.map((o) => ({ ...o, appliedHash: null }));
        return;
      case 'deleteMeeting':
        return;
      case 'deleteOccurrences':
        return;
      case 'applyOverride':
        this.overrides = this.overrides.map((o) =>
          o.originalStart === action.originalStart ? { ...o, appliedHash: action.hash } : o,
        );
        return;
      case 'putOverride': {
        const input = action.override;
        const put: OccurrenceOverride = {
          eventId: input.eventId,
          originalStart: new Date(input.originalStart).toISOString(),
          zoomOccurrenceId: input.zoomOccurrenceId ?? null,
          kind: input.kind,
          newStart: input.newStart == null ? null : new Date(input.newStart).toISOString(),
          newDurationMinutes: input.newDurationMinutes ?? null,
          eventSnapshot: input.eventSnapshot ?? null,
          appliedHash: input.appliedHash ?? null,
          writebackHash: input.writebackHash ?? null,
          createdAt: NOW.toISOString(),
          updatedAt: NOW.toISOString(),
        };
        this.overrides = [
          ...this.overrides.filter((o) => o.originalStart !== put.originalStart),
          put,
        ];
        return;
      }
      case 'createOccurrenceMeeting': {
        this.creates += 1;
        const meetingId = (this.nextId += 1);
        this.occurrenceMeetings = [
          ...this.occurrenceMeetings.filter(
            (m) => m.occurrenceStart !== action.meeting.occurrenceStart,
          ),
          {
            eventId: id,
            occurrenceStart: action.meeting.occurrenceStart,
            zoomMeetingId: meetingId,
            joinUrl: `https://zoom.us/j/${meetingId}?pwd=x`,
            passcode: null,
            durationMinutes: action.meeting.request.duration ?? 60,
            zoomHash: action.meeting.zoomHash,
            writebackHash: null,
            createdAt: NOW.toISOString(),
            updatedAt: NOW.toISOString(),
          },
        ].sort((a, b) => a.occurrenceStart.localeCompare(b.occurrenceStart));
        return;
      }
      case 'updateOccurrenceMeeting':
        this.occurrenceMeetings = this.occurrenceMeetings.map((m) =>
          m.zoomMeetingId === action.meetingId ? { ...m, zoomHash: action.meeting.zoomHash } : m,
        );
        return;
      case 'deleteOccurrenceMeeting':
        this.occurrenceMeetings = this.occurrenceMeetings.filter(
          (m) => m.zoomMeetingId !== action.meetingId,
        );
        return;
      case 'setOccurrenceStrategy':
        this.link = this.patched(this.baseLink(id), occurrenceStrategyFields(action));
        return;
      case 'writeBack': {
        const link = this.link!;
        const meetings =
          link.strategy === 'per_occurrence'
            ? this.occurrenceMeetings.map((m) => ({
                meetingId: m.zoomMeetingId,
                joinUrl: m.joinUrl,
              }))
            : [{ meetingId: link.zoomMeetingId!, joinUrl: link.joinUrl! }];
        if (meetings.length === 0) return;
        const base =
          this.description ??
          (event.kind === 'deleted' ? '' : ((event as LiveEvent).description ?? ''));
        const written = withBlock(base, { lang: 'en', meetings });
        this.description = written.description;
        this.link = {
          ...link,
          writebackHash: written.hash,
          writebackCalendarId: ORGANIZER,
          writebackAs: ORGANIZER,
        };
        return;
      }
      case 'writeExceptionBlocks':
        // Every live exception's copies get the series' block (apply compares at run time).
        this.overrides = this.overrides.map((o) =>
          o.kind === 'moved' ? { ...o, writebackHash: this.link!.writebackHash } : o,
        );
        return;
      case 'removeBlock':
        this.description = undefined;
        return;
      case 'setRooms':
        this.link = { ...this.link!, rooms: [...action.rooms].sort() };
        return;
      case 'dropRoom':
        this.link = {
          ...this.link!,
          rooms: this.link!.rooms.filter((r) => r !== action.calendarId),
        };
        return;
      case 'recordIgnored':
        this.link = {
          ...this.baseLink(id),
          strategy: action.strategy,
          state: 'ignored',
          reason: action.reason,
          rooms: [...action.rooms].sort(),
          zoomMeetingId: null,
          zoomHash: null,
          writebackHash: null,
          writebackCalendarId: null,
        };
        return;
      case 'markDeleted':
        this.link = { ...this.link!, state: 'deleted' };
        return;
      case 'markLinked':
        this.link = { ...this.link!, state: 'linked', nextAttemptAt: null, lastError: null };
        return;
      case 'waitUntil':
        this.link = {
          ...this.link!,
          state: 'pending',
          nextAttemptAt: action.until,
          lastError: action.reason,
        };
        return;
    }
  }
}
