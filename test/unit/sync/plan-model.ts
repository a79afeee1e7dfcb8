import type { CalendarEvent, LiveEvent } from '../../../src/domain/calendar-event.js';
import type {
  Link,
  LinkPatch,
  OccurrenceMeeting,
  OccurrenceOverride,
} from '../../../src/store/index.js';
import type { Action, EventPlan } from '../../../src/sync/plan/actions.js';
import { withBlock } from '../../../src/sync/plan/block.js';
import type { BookingState } from '../../../src/sync/plan/booking-state.js';
import {
  createdMeetingFields,
  occurrenceStrategyFields,
  updatedMeetingFields,
} from '../../../src/sync/plan/link-fields.js';
import { NOW, ORGANIZER, WATCHED } from './fixtures.js';

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
        this.link = this.patched(this.link!, updatedMeetingFields(action.meeting));
        this.overrides = this.overrides.map((o) => ({ ...o, appliedHash: null }));
        return;
      case 'deleteMeeting':
        return;
      case 'clearAhead':
        this.link = { ...this.link!, zoomHash: action.zoomHash };
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
