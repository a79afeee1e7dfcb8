import { z } from 'zod';
import { parseRetryAfter } from '../util/retry.js';
import { nextUtcMidnight } from '../util/utc-day.js';
import { ZoomApiError, ZoomErrorCodes, type ZoomFieldError } from './errors.js';

/**
 * Turns what Zoom answered (or did not answer) into one `ZoomApiError` with a stable code and a
 * message that says what to do. Pure: the HTTP layer hands in status, headers and body.
 *
 * Zoom's error bodies (https://developers.zoom.us/docs/api/errors/; OAuth errors:
 * https://developers.zoom.us/docs/integrations/oauth-error-messages/):
 * API: `{"code": 300, "message": "Validation Failed.", "errors": [{"field", "message"}]}`;
 * OAuth token endpoint: `{"reason": "Invalid client_id or client_secret", "error": "invalid_client"}`.
 */

const numberLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const zoomErrorBody = z.object({
  code: numberLike.optional().catch(undefined),
  message: z.string().optional().catch(undefined),
  errors: z
    .array(z.object({ field: z.string(), message: z.string().optional() }))
    .optional()
    .catch(undefined),
  // The OAuth endpoint's shape.
  reason: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
});

export interface ZoomErrorBody {
  code?: number;
  message?: string;
  errors?: ZoomFieldError[];
}

/** Reads an error body of either shape; anything else (HTML from a proxy, nothing) gives `{}`. */
export function parseZoomErrorBody(body: unknown): ZoomErrorBody {
  const parsed = zoomErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const { code, message, errors, reason, error } = parsed.data;
  const out: ZoomErrorBody = {};
  if (code !== undefined) out.code = code;
  const text = message ?? reason ?? error;
  if (text !== undefined) out.message = text;
  if (errors) out.errors = errors.map((e) => ({ field: e.field, message: e.message ?? '' }));
  return out;
}

/** Lower-cased header names, as Node delivers them. */
export type ResponseHeaders = Record<string, string | undefined>;

/** Zoom's `X-RateLimit-Remaining`, when it sent a whole number. */
export function rateLimitRemaining(headers: ResponseHeaders): number | undefined {
  const text = headers['x-ratelimit-remaining']?.trim() ?? '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * A 429 is a daily limit (nothing to gain from retrying today) when Zoom says so: the
 * `X-RateLimit-Type: Daily-limit` header (Zoom's rate-limit guide) or the per-host message
 * "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests …"
 * (devforum 18928, 129190; that answer was seen without the header).
 */
export function isDailyLimit(status: number, headers: ResponseHeaders, message?: string): boolean {
  if (status !== 429) return false;
  if (/daily/i.test(headers['x-ratelimit-type'] ?? '')) return true;
  return /daily rate limit/i.test(message ?? '');
}

/**
 * When a daily limit lifts: Zoom's `Retry-After` is an ISO instant for daily limits; when it is
 * absent, unreadable or not in the future, the documented reset at the next 00:00 UTC.
 */
export function dailyLimitResetAt(headers: ResponseHeaders, now: Date): Date {
  const waitMs = parseRetryAfter(headers['retry-after'], now);
  if (waitMs !== undefined && waitMs > 0) return new Date(now.getTime() + waitMs);
  return nextUtcMidnight(now);
}

export interface FailedResponse {
  operation: string;
  endpoint: string;
  status: number;
  headers: ResponseHeaders;
  body: unknown;
  /** Whether sending the same request again cannot do harm (GET, PATCH, DELETE, PUT status). */
  idempotent: boolean;
  now: Date;
}

function zoomSays(status: number, code: number | undefined, message: string | undefined): string {
  const detail = [code !== undefined ? `code ${code}` : '', message ?? '']
    .filter(Boolean)
    .join(': ');
  return `Zoom answered ${status}${detail ? ` (${detail})` : ''}`;
}

/** The error for a non-2xx answer from the API or the OAuth endpoint. */
export function errorFromResponse(failed: FailedResponse): ZoomApiError {
  const { status, headers, endpoint, operation } = failed;
  const body = parseZoomErrorBody(failed.body);
  const remaining = rateLimitRemaining(headers);
  const base = {
    status,
    endpoint,
    operation,
    ...(body.code !== undefined ? { zoomCode: body.code } : {}),
    ...(body.message !== undefined ? { zoomMessage: body.message } : {}),
    ...(remaining !== undefined ? { rateLimitRemaining: remaining } : {}),
  };
  const said = zoomSays(status, body.code, body.message);

  if (status === 400 && body.code === 300) {
    const fields = body.errors ?? [];
    const named = fields.length
      ? `: ${fields.map((f) => `${f.field}${f.message ? ` (${f.message})` : ''}`).join(', ')}`
      : '';
    return new ZoomApiError(
      `Zoom refused ${endpoint} as invalid${named}. ${said}. Fix the named field${fields.length === 1 ? '' : 's'} in the request; sending it again unchanged will fail the same way.`,
      { ...base, code: ZoomErrorCodes.validationFailed, retryable: false, fields },
    );
  }
  // 400 with code 4711, "Invalid access token, does not contain scopes:[…]" (zoom-laravel#15,
  // devforum 85922): the app lacks a scope. Not retryable until an admin adds it.
  if (body.code === 4711 || /does not contain scopes/i.test(body.message ?? '')) {
    return new ZoomApiError(
      `The Zoom app may not call ${endpoint}: a scope is missing. ${said}. Zoom App Marketplace → the Server-to-Server OAuth app → Scopes: add the scope Zoom names (README "Zoom setup" lists them all; \`zoomlink doctor\` shows which are missing), then save; the next token carries it.`,
      { ...base, code: ZoomErrorCodes.authFailed, retryable: false },
    );
  }
  if (status === 401 || (endpoint.endsWith('/oauth/token') && status === 400)) {
    return new ZoomApiError(
      `Zoom refused zoomlink's credentials for ${endpoint}. ${said}. Check zoom.accountId, zoom.clientId and zoom.clientSecret against the Server-to-Server OAuth app in the Zoom App Marketplace, that the app is activated, and that it has the meeting scopes (meeting:read:admin, meeting:write:admin or their granular forms).`,
      { ...base, code: ZoomErrorCodes.authFailed, retryable: false },
    );
  }
  // A meeting someone started: 400/3000 "You cannot update or delete meetings that have started
  // using this method." on PATCH, 400/3002 "…cannot delete this meeting since it is in progress."
  // on DELETE (the spec's meetingUpdate and meetingDelete). Code 3000 alone also
  // means "Invalid occurrence_id.", so the message tells them apart.
  if (
    status === 400 &&
    (body.code === 3002 || (body.code === 3000 && /started|in progress/i.test(body.message ?? '')))
  ) {
    return new ZoomApiError(
      `The meeting in ${endpoint} is in progress (someone started it), and Zoom refuses to change or delete it until it ends. ${said}. zoomlink waits and tries again (sync.inProgressRecheckMinutes).`,
      { ...base, code: ZoomErrorCodes.meetingInProgress, retryable: false },
    );
  }
  if ((status === 404 && body.code === 1001) || (status === 400 && body.code === 1010)) {
    return new ZoomApiError(
      `The Zoom user in ${endpoint} is not in this Zoom account. ${said}. Check the room's zoomHost (an email or user id of a licensed user in the account the app belongs to).`,
      { ...base, code: ZoomErrorCodes.userNotFound, retryable: false },
    );
  }
  if (body.code === 3001 && (status === 404 || status === 400)) {
    return new ZoomApiError(
      `The meeting in ${endpoint} does not exist in Zoom (deleted, or expired). ${said}.`,
      { ...base, code: ZoomErrorCodes.meetingNotFound, retryable: false },
    );
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], failed.now);
    const daily = isDailyLimit(status, headers, body.message);
    return new ZoomApiError(
      daily
        ? `Zoom's daily rate limit stops ${endpoint} until ${dailyLimitResetAt(headers, failed.now).toISOString()}. ${said}. Calls resume by themselves after the reset; if this happens every day, the account needs a higher plan or fewer changes.`
        : `Zoom rate-limited ${endpoint} and retries did not get past it. ${said}. The call is tried again later; lower zoom.concurrency if this persists.`,
      {
        ...base,
        code: ZoomErrorCodes.rateLimited,
        retryable: true,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(daily ? { dailyLimitResetsAt: dailyLimitResetAt(headers, failed.now) } : {}),
      },
    );
  }
  if (status >= 500) {
    const retryAfterMs = parseRetryAfter(headers['retry-after'], failed.now);
    return new ZoomApiError(
      `Zoom failed on ${endpoint}. ${said}.${failed.idempotent ? '' : ' The request may or may not have taken effect.'} It is tried again later.`,
      {
        ...base,
        code: ZoomErrorCodes.unavailable,
        retryable: true,
        outcomeUnknown: !failed.idempotent,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      },
    );
  }
  return new ZoomApiError(`Zoom refused ${endpoint}. ${said}.`, {
    ...base,
    code: ZoomErrorCodes.apiError,
    retryable: false,
  });
}

/** Node/axios error codes that prove the request never reached the server. */
const neverSent = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export interface NetworkFailure {
  operation: string;
  endpoint: string;
  /** `error.code` of the Node or axios error, e.g. `ECONNRESET`, `ECONNABORTED`, `ERR_CANCELED`. */
  errorCode: string | undefined;
  /** `error.message` (never the error itself: axios errors carry the request headers). */
  errorMessage: string;
  idempotent: boolean;
}

/** The error when no answer came: refused, reset, dropped, timed out. */
export function errorFromNetwork(failure: NetworkFailure): ZoomApiError {
  const sent = !neverSent.has(failure.errorCode ?? '');
  const outcomeUnknown = sent && !failure.idempotent;
  const what = failure.errorCode
    ? `${failure.errorCode}: ${failure.errorMessage}`
    : failure.errorMessage;
  return new ZoomApiError(
    `No answer from Zoom for ${failure.endpoint} (${what}).${outcomeUnknown ? ' The request may or may not have taken effect.' : ''} It is tried again later; check the network path to Zoom (zoom.apiUrl, zoom.oauthUrl, proxies) if this persists.`,
    {
      code: ZoomErrorCodes.unavailable,
      status: 0,
      endpoint: failure.endpoint,
      operation: failure.operation,
      retryable: true,
      outcomeUnknown,
    },
  );
}
