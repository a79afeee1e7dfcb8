import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js';
import type { AdapterContext } from './adapter-context.js';
import { CalendarApiError, GoogleErrorCodes } from './calendar-api-error.js';
import { toEventCopy } from './event-copy.js';
import { isEmptyPatch, planPatch, withoutConference, type PatchPlan } from './patch-request.js';
import type {
  EventCopy,
  EventCopyRef,
  EventPatch,
  ModifyResult,
} from '../domain/calendar-write.js';
import { rawEvent, type RawEvent } from './raw-event.js';
import { GoogleScopes } from './scopes.js';
import { conferenceKept } from './zoom-conference.js';

type Conference = 'accepted' | 'refused' | 'dropped';

/**
 * Write-back to one copy of an event, acting as `target.actAs`: read it, ask `change` what to
 * write, and `events.patch` only that (never `update`, which would reset what we did not send),
 * with `If-Match` = the etag just read and `sendUpdates=none`. A 412 means someone changed the
 * event in between: read it again and ask again, at most `google.writeConflictRetries` times.
 * A copy that is gone (404, 410, or cancelled) is `gone`.
 *
 * A Zoom `conferenceData` is only sent when `google.writeConferenceData` is on, with
 * `conferenceDataVersion=1` (without it Google ignores the field). Google refuses it for most
 * clients (400) — then the rest of the patch is sent without it — or drops it silently; the
 * result says which (openclaw/gogcli PR #590 saw both; whether Google accepts it for Workspace
 * service accounts is UNCONFIRMED).
 */
export async function modifyEvent(
  ctx: AdapterContext,
  target: EventCopyRef,
  change: (current: EventCopy) => EventPatch | null,
): Promise<ModifyResult> {
  let conferenceRefused = false;
  for (let round = 0; ; round += 1) {
    const raw = await readCopy(ctx, target);
    if (raw === null || raw.status === 'cancelled') return { outcome: 'gone' };
    const copy = toEventCopy(raw);
    const patch = change(copy);
    if (patch === null) return { outcome: 'unchanged' };
    let plan = planPatch(copy, patch, {
      conferenceData: ctx.google.writeConferenceData && !conferenceRefused,
    });
    if (isEmptyPatch(plan.body)) return { outcome: 'unchanged' };
    try {
      let written: RawEvent;
      try {
        written = await sendPatch(ctx, target, plan, copy.etag);
      } catch (error) {
        if (!(isBadRequest(error) && plan.conference === 'add')) throw error;
        conferenceRefused = true;
        ctx.logger.info('google refused the zoom conferenceData; writing without it', {
          calendarId: target.calendarId,
          eventId: target.eventId,
          reason: error.reason,
        });
        plan = withoutConference(plan);
        if (isEmptyPatch(plan.body)) return { outcome: 'unchanged' };
        written = await sendPatch(ctx, target, plan, copy.etag);
      }
      const result: ModifyResult = { outcome: 'written', etag: written.etag ?? '' };
      const conference = conferenceOutcome(patch, plan, written, conferenceRefused);
      if (conference) result.conference = conference;
      return result;
    } catch (error) {
      if (isGone(error)) return { outcome: 'gone' };
      if (isConflict(error) && round < ctx.google.writeConflictRetries) {
        ctx.logger.debug('event changed while writing; reading it again', {
          calendarId: target.calendarId,
          eventId: target.eventId,
          round: round + 1,
        });
        continue;
      }
      throw error;
    }
  }
}

async function readCopy(
  ctx: AdapterContext,
  target: EventCopyRef,
): Promise<(RawEvent & { etag: string }) | null> {
  let raw: RawEvent;
  try {
    raw = await ctx.call(
      {
        operation: 'events.get',
        subject: target.actAs,
        scope: GoogleScopes.writeEvents,
        calendarId: target.calendarId,
        send: (auth) =>
          ctx.apis.calendar.events.get({
            auth,
            calendarId: target.calendarId,
            eventId: target.eventId,
          }),
      },
      rawEvent,
    );
  } catch (error) {
    if (isGone(error)) return null;
    throw error;
  }
  if (!raw.etag) {
    throw new CalendarApiError(
      GoogleErrorCodes.unexpectedResponse,
      `Google events.get on ${target.calendarId}: the event ${target.eventId} has no etag, so it cannot be changed safely.`,
      { status: 200, reason: 'noEtag', retryable: false, operation: 'events.get' },
    );
  }
  return { ...raw, etag: raw.etag };
}

async function sendPatch(
  ctx: AdapterContext,
  target: EventCopyRef,
  plan: PatchPlan,
  etag: string,
): Promise<RawEvent> {
  return ctx.call(
    {
      operation: 'events.patch',
      subject: target.actAs,
      scope: GoogleScopes.writeEvents,
      calendarId: target.calendarId,
      send: (auth) =>
        ctx.apis.calendar.events.patch(
          {
            auth,
            calendarId: target.calendarId,
            eventId: target.eventId,
            sendUpdates: 'none',
            conferenceDataVersion: plan.conference === 'none' ? undefined : 1,
            // Patch semantics need `null` (to remove a key), which the generated type lacks.
            requestBody: plan.body as calendar_v3.Schema$Event,
          },
          { headers: { 'If-Match': etag } },
        ),
    },
    rawEvent,
  );
}

function conferenceOutcome(
  patch: EventPatch,
  plan: PatchPlan,
  written: RawEvent,
  refused: boolean,
): Conference | undefined {
  if (!patch.conference) return undefined;
  if (refused) return 'refused';
  if (plan.conference !== 'add') return undefined;
  return conferenceKept(written.conferenceData, patch.conference.meetingId)
    ? 'accepted'
    : 'dropped';
}

const isGone = (error: unknown): error is CalendarApiError =>
  error instanceof CalendarApiError && (error.status === 404 || error.status === 410);
const isConflict = (error: unknown): error is CalendarApiError =>
  error instanceof CalendarApiError && error.status === 412;
const isBadRequest = (error: unknown): error is CalendarApiError =>
  error instanceof CalendarApiError && error.status === 400;
