import { z } from 'zod';
import {
  CalendarApiError,
  GoogleErrorCodes,
  type CalendarApiErrorDetails,
  type GoogleErrorCode,
} from './calendar-api-error.js';

/**
 * Turns what came back from a failed Google call into one `CalendarApiError` with a stable code
 * and a message that says what to do. Pure: the HTTP details are extracted elsewhere
 * (`http-failure.ts`). Error bodies and reasons follow the Calendar errors guide
 * (developers.google.com/workspace/calendar/api/guides/errors) and the OAuth token endpoint's
 * `{error, error_description}` (as gtoken reads it; e.g. google-api-php-client #2214).
 */

export interface GoogleFailure {
  /** HTTP status, 0 when no response came. */
  status: number;
  /** The response body: parsed JSON, a string, or undefined. */
  body: unknown;
  /** True when the failed request was the OAuth token request, not the API call. */
  fromTokenEndpoint: boolean;
  retryAfterMs?: number;
  /** For status 0: the network error (ECONNRESET, a timeout…). */
  networkDetail?: string;
  cause?: unknown;
}

/** How zoomlink authenticates, for messages that name what an administrator must fix. */
export type AuthDescription =
  { kind: 'serviceAccount'; clientEmail: string; clientId: string } | { kind: 'userOAuth' };

export interface FailureContext {
  operation: string;
  calendarId?: string;
  /** The Workspace user acted as (domain-wide delegation). */
  subject?: string;
  /** The scopes the auth client asked for. */
  scopes?: readonly string[];
  /** The call was an incremental `events.list` (a 410 then means: full sync required). */
  usingSyncToken?: boolean;
  auth: AuthDescription;
}

const googleErrorBody = z.object({
  error: z.object({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z
      .array(
        z.object({
          domain: z.string().optional(),
          reason: z.string().optional(),
          message: z.string().optional(),
        }),
      )
      .optional(),
  }),
});

const oauthErrorBody = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

const rateLimitReasons = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
const quotaReasons = new Set(['quotaExceeded', 'dailyLimitExceeded']);

export function classifyFailure(failure: GoogleFailure, context: FailureContext): CalendarApiError {
  return failure.fromTokenEndpoint
    ? classifyTokenFailure(failure, context)
    : classifyApiFailure(failure, context);
}

function classifyApiFailure(failure: GoogleFailure, context: FailureContext): CalendarApiError {
  const { status } = failure;
  const parsed = googleErrorBody.safeParse(failure.body);
  const first = parsed.success ? parsed.data.error.errors?.[0] : undefined;
  const reason = first?.reason ?? (status === 0 ? 'network' : String(status));
  const said =
    (parsed.success ? (first?.message ?? parsed.data.error.message) : undefined) ??
    (typeof failure.body === 'string' && failure.body.length > 0
      ? failure.body.slice(0, 200)
      : undefined);
  const where = describeWhere(context);
  const google = `Google answered ${status}${reason !== String(status) ? ` ${reason}` : ''}${said ? ` ("${said}")` : ''}`;
  const make = (code: GoogleErrorCode, retryable: boolean, advice: string) =>
    new CalendarApiError(
      code,
      `${where}: ${google}. ${advice}`,
      errorDetails(failure, context, reason, retryable),
    );

  if (status === 0) {
    return new CalendarApiError(
      GoogleErrorCodes.networkError,
      `${where}: no answer from Google (${failure.networkDetail ?? 'connection failed'}). Check the network and google.calendarRootUrl / google.directoryRootUrl; zoomlink tries again later.`,
      {
        status,
        reason: 'network',
        retryable: true,
        operation: context.operation,
        cause: failure.cause,
      },
    );
  }
  if (status === 410 && context.usingSyncToken) {
    return make(
      GoogleErrorCodes.fullSyncRequired,
      false,
      'The stored sync token is no longer valid: wipe it and read the calendar again in full.',
    );
  }
  if (status === 429 || (status === 403 && rateLimitReasons.has(reason))) {
    return make(
      GoogleErrorCodes.rateLimited,
      true,
      'Rate limited even after retrying with backoff; zoomlink tries again later. If it persists, poll less often (sync.schedule) or raise the Calendar API quota.',
    );
  }
  if (status === 403 && quotaReasons.has(reason)) {
    return make(
      GoogleErrorCodes.quotaExceeded,
      true,
      'The Calendar usage limits of this user are spent; Google lifts them after some hours.',
    );
  }
  if (status >= 500) {
    return make(
      GoogleErrorCodes.serverError,
      true,
      'A Google-side failure; zoomlink tries again later.',
    );
  }
  switch (status) {
    case 400:
      return make(
        GoogleErrorCodes.badRequest,
        false,
        'The request was refused as malformed; this is a zoomlink bug or an unsupported event, please report it.',
      );
    case 401:
      return make(
        GoogleErrorCodes.authFailed,
        true,
        'The access token was not accepted; zoomlink fetches a new one. If it persists, check the credentials in google.*.',
      );
    case 403:
      return make(
        GoogleErrorCodes.forbidden,
        false,
        `Access denied${context.subject ? ` to ${context.subject}` : ''}: check that this user may read and change the calendar (room calendars: sharing "Make changes to events" for the admin subject).`,
      );
    case 404:
    case 410:
      return make(
        GoogleErrorCodes.notFound,
        false,
        'The calendar or event does not exist, or this user cannot see it.',
      );
    case 412:
      return make(
        GoogleErrorCodes.writeConflict,
        true,
        'The event changed while zoomlink was writing it; zoomlink reads it again and retries.',
      );
    default:
      return make(GoogleErrorCodes.apiError, false, 'Unexpected answer; see the log for details.');
  }
}

function classifyTokenFailure(failure: GoogleFailure, context: FailureContext): CalendarApiError {
  const { status } = failure;
  const parsed = oauthErrorBody.safeParse(failure.body);
  const reason = parsed.success ? parsed.data.error : status === 0 ? 'network' : String(status);
  const said = parsed.success
    ? `${parsed.data.error}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ''}`
    : `status ${status}`;
  const details = (retryable: boolean) => errorDetails(failure, context, reason, retryable);
  const where = describeWhere(context);

  if (status === 0 || status >= 500 || status === 429) {
    const code =
      status === 0
        ? GoogleErrorCodes.networkError
        : status === 429
          ? GoogleErrorCodes.rateLimited
          : GoogleErrorCodes.serverError;
    return new CalendarApiError(
      code,
      `${where}: the OAuth token endpoint failed (${status === 0 ? (failure.networkDetail ?? 'no answer') : said}). Check google.tokenUrl and the network; zoomlink tries again later.`,
      details(true),
    );
  }
  const auth = context.auth;
  if (
    auth.kind === 'serviceAccount' &&
    (reason === 'unauthorized_client' || reason === 'access_denied')
  ) {
    const scopes = context.scopes?.length ? context.scopes.join(',') : '(the scopes zoomlink uses)';
    return new CalendarApiError(
      GoogleErrorCodes.delegationRefused,
      `${where}: Google refused to let service account ${auth.clientEmail} act as ${context.subject ?? 'the user'} (${said}). ` +
        `A Workspace super admin must allow it in the Google Admin console → Security → API controls → Domain-wide delegation: ` +
        `add (or edit) client ID ${auth.clientId} with the OAuth scopes ${scopes}. ` +
        `Also check that ${context.subject ?? 'the user'} is an active user of the domain. Changes can take a few minutes to apply.`,
      details(false),
    );
  }
  const advice =
    auth.kind === 'serviceAccount'
      ? `Check that ${context.subject ?? 'the user acted as'} is an active user of the Workspace domain, that the key in google.serviceAccountKeyFile is not deleted or disabled, and that this machine's clock is right.`
      : reason === 'invalid_grant'
        ? 'The refresh token in google.oauthRefreshToken has expired or was revoked: authorise zoomlink again and store the new refresh token.'
        : 'Check google.oauthClientId, google.oauthClientSecret and google.oauthRefreshToken.';
  return new CalendarApiError(
    GoogleErrorCodes.authFailed,
    `${where}: Google refused the credentials (${said}). ${advice}`,
    details(false),
  );
}

function errorDetails(
  failure: GoogleFailure,
  context: FailureContext,
  reason: string,
  retryable: boolean,
): CalendarApiErrorDetails {
  return {
    status: failure.status,
    reason,
    retryable,
    operation: context.operation,
    retryAfterMs: failure.retryAfterMs,
    cause: failure.cause,
  };
}

function describeWhere(context: FailureContext): string {
  return `Google ${context.operation}${context.calendarId ? ` on ${context.calendarId}` : ''}${context.subject ? ` as ${context.subject}` : ''}`;
}

/** The failures worth trying again at once, with backoff: rate limits, 5xx, no answer. */
export function isTransient(error: CalendarApiError): boolean {
  return (
    error.code === GoogleErrorCodes.rateLimited ||
    error.code === GoogleErrorCodes.serverError ||
    error.code === GoogleErrorCodes.networkError
  );
}

/** A short name for why a call is retried, for `ApiObserver.retry` and logs. */
export function retryReason(error: CalendarApiError): string {
  if (error.status === 0) return 'network';
  if (error.status === 403) return error.reason;
  return String(error.status);
}
