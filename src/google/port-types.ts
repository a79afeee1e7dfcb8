import type { CalendarEvent } from '../domain/calendar-event.js';

/**
 * The shapes of the sync engine's `CalendarPort` (`src/sync/ports.ts`), restated here because an
 * adapter must not import `src/sync/` (imports point down). They are kept structurally identical;
 * `test/unit/google/port-conformance.test.ts` fails to compile if they drift apart.
 */

export interface Room {
  calendarId: string;
  name: string;
  zoomHost: string;
}

export interface EventPage {
  events: CalendarEvent[];
  nextSyncToken?: string;
}

export interface EventCopyRef {
  calendarId: string;
  eventId: string;
  actAs: string;
}

export interface EventCopy {
  etag: string;
  status: string;
  description: string;
  location: string;
  privateProperties: Record<string, string>;
  conferenceSolutionType?: string;
}

export interface ZoomConference {
  meetingId: string;
  joinUrl: string;
  passcode?: string;
  notes?: string;
}

export interface EventPatch {
  description?: string;
  location?: string;
  privateProperties?: Record<string, string | null>;
  conference?: ZoomConference | null;
}

export type ModifyResult =
  | { outcome: 'written'; etag: string; conference?: 'accepted' | 'refused' | 'dropped' }
  | { outcome: 'unchanged' }
  | { outcome: 'gone' };
