import { isoFromMs, isoInstant } from '../../util/instant.js';
import type { CalendarEvent } from '../../domain/calendar-event.js';
import { repeatsOf } from '../../log-sentences.js';
import type { AuditInput } from '../../store/index.js';
import type { SkipReason } from '../plan/engine-types.js';
import type { EngineContext } from './context.js';

/**
 * Every remote write the engine makes is recorded twice, on purpose: a row in the audit log (what
 * `zoomlink status` and reconcile read) and one JSON log line for the operator, with the room, the
 * booking, the meeting and the result, and what a person needs to read it as a sentence (the
 * booking's title, its room's name, its time and zone, the join link without its passcode; see
 * `log-sentences.ts`). Both go through redaction; neither carries a passcode.
 */
export function recordAction(
  ctx: EngineContext & { room?: string },
  entry: AuditInput & { meetingId?: number },
): void {
  const { meetingId, ...audit } = entry;
  ctx.store.audit.record(audit);
  const meeting = meetingId ?? meetingIdOf(entry.target, entry.service);
  const line = {
    service: entry.service,
    action: entry.action,
    result: entry.result,
    room: ctx.room,
    eventId: entry.eventId ?? undefined,
    meetingId: meeting,
    target: entry.target,
    detail: entry.detail,
    ...(entry.eventId ? readable(ctx, entry, entry.eventId, meeting) : {}),
  };
  if (entry.result === 'ok') ctx.logger.info('action', line);
  else ctx.logger.warn('action', line);
}

/**
 * A booking the engine records as getting no meeting (skipped, or carrying another Zoom link):
 * one log line, written when it becomes so (a poll that sees it again plans no record).
 */
export function recordSkip(
  ctx: EngineContext & { room?: string },
  event: CalendarEvent,
  skip: { strategy: 'skipped' | 'foreign'; reason: SkipReason | undefined; detail: string },
): void {
  ctx.logger.info('booking skipped', {
    room: ctx.room,
    eventId: event.eventId,
    strategy: skip.strategy,
    reason: skip.reason,
    detail: skip.detail,
    ...bookingFields(ctx, event.eventId, event),
  });
}

/** What a sentence about a booking names: its title, room, time and zone, and its join link. */
export interface BookingFields {
  title?: string;
  roomName?: string;
  /** The start (an instant, or a date for an all-day booking); a series' first one covered. */
  start?: string;
  timeZone?: string;
  /** `weekly`, `monthly`… for a series. */
  repeats?: string;
  /** The join link without its query (the passcode travels in `pwd=`). */
  joinUrl?: string;
  /** The booking is gone from Google. */
  cancelled?: true;
}

/**
 * The booking's fields as the store knows them now (`event`, when given, instead of the stored
 * snapshot). Never throws: a log line's words must not fail the work it reports.
 */
export function bookingFields(
  ctx: EngineContext & { room?: string },
  eventId: string,
  event?: CalendarEvent,
): BookingFields {
  try {
    const { store } = ctx;
    const link = store.links.get(eventId);
    const snapshot = event ?? store.links.getSnapshot(eventId);
    const live = snapshot && (snapshot.kind === 'single' || snapshot.kind === 'master');
    const calendarId = ctx.room ?? link?.rooms[0];
    const fields: BookingFields = {};
    const title = live ? snapshot.summary : store.links.getTitle(eventId);
    if (title !== undefined) fields.title = title;
    const roomName = calendarId ? store.rooms.get(calendarId)?.name : undefined;
    if (roomName) fields.roomName = roomName;
    if (live) {
      const series = snapshot.kind === 'master';
      const first = series ? link?.windowFrom : undefined;
      const start = snapshot.start.date ?? first ?? snapshot.start.dateTime;
      if (start) fields.start = start;
      fields.timeZone = snapshot.start.timeZone ?? 'UTC';
      if (series) fields.repeats = repeatsOf(snapshot.recurrence);
    }
    const joinUrl = shownUrl(link?.joinUrl);
    if (joinUrl) fields.joinUrl = joinUrl;
    if (snapshot?.kind === 'deleted') fields.cancelled = true;
    return fields;
  } catch {
    return {};
  }
}

/** What an action on one occurrence (or one occurrence's meeting) adds: which, and where to. */
function readable(
  ctx: EngineContext & { room?: string },
  entry: AuditInput,
  eventId: string,
  meetingId: number | undefined,
): BookingFields & { occurrence?: string; movedTo?: string } {
  const fields: BookingFields & { occurrence?: string; movedTo?: string } = bookingFields(
    ctx,
    eventId,
  );
  try {
    const occurrenceId = entry.service === 'zoom' ? entry.target.split('/')[1] : undefined;
    const instance = entry.service === 'google' ? instanceStart(entry.target, eventId) : undefined;
    if (instance) {
      // The copy of a modified instance (`<eventId>_<original start>`): which, and where it is now.
      fields.occurrence = instance;
      const moved = ctx.store.overrides.get(eventId, instance);
      if (moved?.newStart) fields.movedTo = moved.newStart;
    } else if (occurrenceId && /^\d+$/.test(occurrenceId)) {
      fields.occurrence = isoFromMs(Number(occurrenceId));
      const moved = ctx.store.overrides.get(eventId, fields.occurrence);
      if (entry.action === 'occurrence.update' && moved?.newStart) fields.movedTo = moved.newStart;
    } else if (entry.service === 'zoom' && meetingId !== undefined) {
      // One meeting per occurrence: the occurrence is the meeting's.
      const own = ctx.store.occurrenceMeetings.getByMeetingId(meetingId);
      if (own && own.eventId === eventId) {
        fields.occurrence = own.occurrenceStart;
        const joinUrl = shownUrl(own.joinUrl);
        if (joinUrl) fields.joinUrl = joinUrl;
      }
    }
  } catch {
    // As above: the words are extra.
  }
  return fields;
}

/** `calendar/<eventId>_20251223T100000Z` (Google's id of an instance): its original start. */
function instanceStart(target: string, eventId: string): string | undefined {
  const id = target.slice(target.lastIndexOf('/') + 1);
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(
    id.startsWith(`${eventId}_`) ? id.slice(eventId.length + 1) : '',
  );
  if (!match) return undefined;
  const [, y, mo, d, h, mi, se] = match;
  return isoInstant(`${y}-${mo}-${d}T${h}:${mi}:${se}Z`);
}

/** A join link as shown to people: no query, no fragment (the passcode is in `pwd=`). */
function shownUrl(joinUrl: string | null | undefined): string | undefined {
  if (!joinUrl) return undefined;
  try {
    const url = new URL(joinUrl);
    url.search = '';
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** Zoom targets are `<meetingId>` or `<meetingId>/<occurrenceId>`. */
function meetingIdOf(target: string, service: AuditInput['service']): number | undefined {
  if (service !== 'zoom') return undefined;
  const id = Number(target.split('/')[0]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
