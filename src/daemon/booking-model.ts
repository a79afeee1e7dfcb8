import type { LiveEvent } from '../domain/calendar-event.js';
import { repeatsOf } from '../log-sentences.js';
import {
  convertEvent,
  describeRecurrence,
  EventInputError,
  type ConversionResult,
  type ConvertOptions,
} from '../recurrence/index.js';
import type { AuditEntry, Link, Store } from '../store/index.js';
import { occurrenceTable, type OccurrenceTable } from './booking-occurrences.js';

/**
 * What a booking's page shows, read from the store alone: the booking, Google's occurrences and
 * Zoom's side by side, the conversion zoomlink makes of the stored event and its reason, the
 * copies the link was written into, and the booking's history from the audit log. No passcode:
 * a join link is shown as the status page shows it.
 */
export interface BookingModel {
  generatedAt: Date;
  mode: 'live' | 'demo';
  link: Link;
  title: string;
  /** The stored event, when it is a live one (a cancelled or skipped booking keeps none). */
  event: LiveEvent | undefined;
  cancelled: boolean;
  /** Room names (or calendar ids of rooms no longer configured). */
  rooms: string[];
  organizer: string;
  repeats: string | undefined;
  zone: string;
  occurrences: OccurrenceTable;
  conversion: ConversionView | { error: string } | undefined;
  copies: CopyView[];
  history: AuditEntry[];
  historyTotal: number;
}

export interface ConversionView {
  strategy: ConversionResult['strategy'];
  reason: string | undefined;
  /** A series in a few words: "weekly on Tuesday, 16 occurrences, 8 removed". */
  summary: string | undefined;
  /** Zoom's meeting type and its words: `8 (recurring, fixed time)`. */
  type: string | undefined;
  startTime: string | undefined;
  timezone: string | undefined;
  durationMinutes: number | undefined;
  /** The Zoom recurrence in Zoom's words ("Every week on Tue, 8 occurrence(s)"). */
  recurrence: string | undefined;
  /** UTC starts Zoom makes that Google does not: deleted right after the series is made. */
  deleteOccurrences: string[];
  occurrences: number;
}

export interface CopyView {
  /** `calendar/event`, as the audit log names it. */
  target: string;
  calendar: string;
  eventId: string;
  /** What was last done to it, in words. */
  last: string;
  at: string;
}

/** Most audit entries a page lists. */
export const historyShown = 200;

const typeWords: Record<number, string> = {
  2: '2 (scheduled)',
  3: '3 (recurring, no fixed time)',
  8: '8 (recurring, fixed time)',
};

/** The booking with exactly this event id, or undefined (the page answers 404). */
export function readBooking(
  store: Store,
  eventId: string,
  now: Date,
  options: { mode: 'live' | 'demo'; convert: ConvertOptions },
): BookingModel | undefined {
  const link = store.links.get(eventId);
  if (!link) return undefined;
  const snapshot = store.links.getSnapshot(eventId);
  const event =
    snapshot && (snapshot.kind === 'single' || snapshot.kind === 'master') ? snapshot : undefined;
  const roomNames = new Map(store.rooms.list().map((r) => [r.calendarId, r.name]));
  const audit = store.audit.list({ eventId, limit: 1000 });
  return {
    generatedAt: now,
    mode: options.mode,
    link,
    title: event?.summary ?? store.links.getTitle(eventId) ?? `(event ${eventId})`,
    event,
    cancelled: snapshot?.kind === 'deleted' || link.state === 'deleted',
    rooms: link.rooms.map((id) => roomNames.get(id) || id),
    organizer: event?.organizer.displayName || event?.organizer.email || link.organizerEmail,
    repeats: event?.kind === 'master' ? repeatsOf(event.recurrence) : undefined,
    zone: event?.start.timeZone ?? 'UTC',
    occurrences: occurrenceTable(
      link,
      event,
      store.overrides.listForLink(eventId),
      link.strategy === 'per_occurrence' ? store.occurrenceMeetings.listForLink(eventId) : [],
      now,
    ),
    conversion: event ? conversionOf(event, now, options.convert) : undefined,
    copies: copiesOf(audit, roomNames),
    history: audit.slice(0, historyShown),
    historyTotal: audit.length,
  };
}

/** What zoomlink makes of the stored event now (pure: the same as `zoomlink convert`). */
function conversionOf(
  event: LiveEvent,
  now: Date,
  options: ConvertOptions,
): ConversionView | { error: string } {
  let result: ConversionResult;
  try {
    result = convertEvent(event.resource, now, options);
  } catch (error) {
    if (error instanceof EventInputError) return { error: error.message };
    throw error;
  }
  const meeting =
    result.strategy === 'per_occurrence' || result.strategy === 'skip' ? undefined : result.meeting;
  return {
    strategy: result.strategy,
    reason:
      result.strategy === 'single' || result.strategy === 'series' ? undefined : result.reason,
    summary: result.strategy === 'series' ? result.summary : undefined,
    type: meeting ? typeWords[meeting.type] : undefined,
    startTime: meeting?.start_time,
    timezone: meeting?.timezone,
    durationMinutes: meeting?.duration,
    recurrence: meeting?.recurrence ? describeRecurrence(meeting.recurrence, 'en') : undefined,
    deleteOccurrences: result.strategy === 'series' ? result.deleteOccurrences : [],
    occurrences:
      result.strategy === 'per_occurrence'
        ? result.meetings.length
        : result.strategy === 'skip'
          ? 0
          : result.occurrences.length,
  };
}

const copyWords: Record<string, string> = {
  'event.writeback written': 'link written',
  'event.writeback unchanged': 'link already there',
  'event.writeback gone': 'the copy is gone',
  'event.unlink written': 'link taken out',
  'event.unlink unchanged': 'no link to take out',
  'event.unlink gone': 'the copy is gone',
};

/** Every copy a link was written into or taken out of, with what was done last (newest first). */
function copiesOf(audit: AuditEntry[], roomNames: Map<string, string>): CopyView[] {
  const copies = new Map<string, CopyView>();
  for (const entry of audit) {
    if (entry.service !== 'google' || entry.result !== 'ok' || copies.has(entry.target)) continue;
    if (entry.action !== 'event.writeback' && entry.action !== 'event.unlink') continue;
    const slash = entry.target.lastIndexOf('/');
    const calendarId = entry.target.slice(0, slash);
    copies.set(entry.target, {
      target: entry.target,
      calendar: roomNames.get(calendarId) || calendarId,
      eventId: entry.target.slice(slash + 1),
      last: copyWords[`${entry.action} ${entry.detail}`] ?? `${entry.action} (${entry.detail})`,
      at: entry.at,
    });
  }
  return [...copies.values()];
}
