import { recordAction } from '../apply/record-action.js';
import type { ZoomMeeting, ZoomMeetingSummary } from '../../domain/zoom-meeting.js';
import { findIntentMarker, type Intent } from '../../store/index.js';
import { recordNewMeeting } from '../apply/apply-meetings.js';
import type { EngineContext } from '../apply/context.js';

export type IntentOutcome = 'adopted' | 'abandoned';

/** Lists each host's meetings once per recovery run. */
export type HostListings = Map<string, Promise<ZoomMeetingSummary[]>>;

/**
 * Settles an open intent, i.e. a create whose outcome is unknown (the process died, or the
 * connection dropped, between sending the create and recording its answer). The host's meetings
 * are listed and the one whose agenda carries the intent's marker is adopted; when none does, no
 * meeting came of the create and the intent is abandoned, so the create may be made again.
 * Either way exactly one meeting (or none) stands for the intent — never two.
 */
export async function resolveIntent(
  intent: Intent,
  ctx: EngineContext,
  listings: HostListings = new Map(),
): Promise<IntentOutcome> {
  let listing = listings.get(intent.zoomHost.toLowerCase());
  if (!listing) {
    listing = ctx.meetings.listMeetings(intent.zoomHost);
    listings.set(intent.zoomHost.toLowerCase(), listing);
  }
  const summary = (await listing).find((m) => findIntentMarker(m.agenda) === intent.marker);
  const meeting = summary ? await ctx.meetings.getMeeting(summary.id) : null;
  if (meeting) {
    adopt(intent, meeting, ctx);
    return 'adopted';
  }
  abandon(intent, 'no Zoom meeting carries its marker: the create never happened', ctx);
  return 'abandoned';
}

function adopt(intent: Intent, meeting: ZoomMeeting, ctx: EngineContext): void {
  const { store } = ctx;
  const now = ctx.now();
  store.transaction(() => {
    store.intents.markDone(intent.marker, meeting.id);
    const link = store.links.get(intent.eventId);
    if (!link) {
      ctx.logger.warn('adopted a meeting whose booking has no link; reconcile reports it', {
        eventId: intent.eventId,
        meetingId: meeting.id,
      });
    } else if (intent.occurrenceStart !== null) {
      store.occurrenceMeetings.put({
        eventId: intent.eventId,
        occurrenceStart: intent.occurrenceStart,
        zoomMeetingId: meeting.id,
        joinUrl: meeting.join_url,
        passcode: meeting.password ?? null,
        durationMinutes: Math.max(1, meeting.duration ?? 60),
        zoomHash: null,
      });
      store.links.update(intent.eventId, { state: 'pending', nextAttemptAt: now });
    } else {
      recordNewMeeting(ctx, intent.eventId, meeting, {
        zoomHost: intent.zoomHost,
        state: 'pending',
        nextAttemptAt: now,
      });
    }
    recordAction(ctx, {
      service: 'zoom',
      action: 'meeting.adopt',
      target: String(meeting.id),
      result: 'ok',
      eventId: intent.eventId,
      detail: { marker: intent.marker, host: intent.zoomHost },
    });
  });
  ctx.logger.info('adopted the meeting of an unfinished create', {
    eventId: intent.eventId,
    meetingId: meeting.id,
  });
}

function abandon(intent: Intent, reason: string, ctx: EngineContext): void {
  const { store } = ctx;
  store.transaction(() => {
    store.intents.abandon(intent.marker, reason);
    const link = store.links.get(intent.eventId);
    if (link && link.state !== 'deleted' && link.state !== 'ignored')
      store.links.update(intent.eventId, { state: 'pending', nextAttemptAt: ctx.now() });
  });
  ctx.logger.info('an unfinished create made no meeting; it will be made again', {
    eventId: intent.eventId,
  });
}

/**
 * When an open intent may be settled: once its create cannot be in flight any more. A create is
 * sent once (the client never repeats one whose outcome is unknown) and gives up after
 * `zoom.requestTimeoutMs`; Zoom may still make the meeting after the client gave up, so listing
 * the host's meetings before then could miss it, abandon the intent, and make a second meeting.
 */
export function intentSettlesAt(intent: Intent, ctx: EngineContext): Date {
  return new Date(Date.parse(intent.updatedAt) + ctx.config.zoom.requestTimeoutMs + 1000);
}

/**
 * Every open intent old enough to settle, oldest first (run before a pass creates anything). An
 * intent whose booking is being worked on in this process is left to it: its create may still be
 * waiting for a rate limiter, and the booking settles its own intent before it is planned again.
 */
export async function recoverOpenIntents(
  ctx: EngineContext,
): Promise<{ adopted: number; abandoned: number }> {
  const listings: HostListings = new Map();
  const result = { adopted: 0, abandoned: 0 };
  const now = ctx.now().getTime();
  for (const intent of ctx.store.intents.listOpen()) {
    if (intentSettlesAt(intent, ctx).getTime() > now || ctx.locks.has(intent.eventId)) continue;
    const outcome = await resolveIntent(intent, ctx, listings);
    result[outcome] += 1;
  }
  return result;
}
