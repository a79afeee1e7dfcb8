import { CrossLayerCodes } from '../domain/error-codes.js';
import { ZoomlinkError } from '../errors.js';

/**
 * The stable codes of every error the Zoom client raises (each is in the README's
 * troubleshooting table). Three of them cross layers: the sync engine reacts to
 * `ZOOM_QUOTA_EXHAUSTED`, `ZOOM_MEETING_IN_PROGRESS` and `ZOOM_AUTH_FAILED` without importing this
 * module.
 */
export const ZoomErrorCodes = {
  /** Any other refusal by Zoom (403, 409, an unexpected 4xx). */
  apiError: 'ZOOM_API_ERROR',
  /** 400 with Zoom code 300: the request names a bad field (listed in `fields`). */
  validationFailed: 'ZOOM_VALIDATION_FAILED',
  /** 404 with Zoom code 3001 where "already gone" is not an answer (invitation, status, links). */
  meetingNotFound: 'ZOOM_MEETING_NOT_FOUND',
  /** 404/1001 or 400/1010: the host user is not in this Zoom account. */
  userNotFound: 'ZOOM_USER_NOT_FOUND',
  /** 429 that retries did not get past (per-second limits, or an account-wide daily limit). */
  rateLimited: 'ZOOM_RATE_LIMITED',
  /** 5xx, timeout or dropped connection that retries did not get past (or that was not safe to retry). */
  unavailable: 'ZOOM_UNAVAILABLE',
  /** Zoom answered 2xx with a body we cannot read. */
  responseInvalid: 'ZOOM_RESPONSE_INVALID',
  /** A `join_url` that is not https on Zoom's hosts or `zoom.trustedJoinHosts`. */
  joinUrlUntrusted: 'ZOOM_JOIN_URL_UNTRUSTED',
  /** A meeting id above 2^53 − 1, which a JavaScript number cannot hold exactly. */
  meetingIdTooLarge: 'ZOOM_MEETING_ID_TOO_LARGE',
  /** A listing whose pages do not end: a page token handed out twice, or more pages than any host has. */
  pagingLoop: 'ZOOM_PAGING_LOOP',
  /** An answer larger than the client reads (a list page is a few hundred KB), or a request larger than it sends. */
  bodyTooLarge: 'ZOOM_BODY_TOO_LARGE',
  /** 400/3000 "cannot update or delete meetings that have started", or 400/3002 on delete. */
  meetingInProgress: CrossLayerCodes.zoomMeetingInProgress,
  /** Credentials refused, app deactivated, or a scope missing. */
  authFailed: CrossLayerCodes.zoomAuthFailed,
  /** `zoom.auth: user`: no login, or Zoom refused its refresh token; `zoomlink zoom login`. */
  loginRequired: CrossLayerCodes.zoomLoginRequired,
  /** The host's daily create/update budget is spent; see `ZoomQuotaExhaustedError.until`. */
  quotaExhausted: CrossLayerCodes.zoomQuotaExhausted,
} as const;

export type ZoomErrorCode = (typeof ZoomErrorCodes)[keyof typeof ZoomErrorCodes];

/** One entry of Zoom's `errors` array on a `300 Validation Failed.` answer. */
export interface ZoomFieldError {
  field: string;
  message: string;
}

export interface ZoomApiErrorDetails {
  code: ZoomErrorCode;
  /** The HTTP status, or 0 when no answer came (network error, timeout, dropped connection). */
  status: number;
  /** Zoom's own `code` from the error body (e.g. 124, 300, 3001), when it sent one. */
  zoomCode?: number;
  /** Zoom's own `message`, verbatim. */
  zoomMessage?: string;
  /** `METHOD /path` of the call, without the query string, e.g. `PATCH /meetings/85746065432`. */
  endpoint: string;
  /** A stable name of the operation, e.g. `meetings.update`. */
  operation: string;
  retryable: boolean;
  fields?: ZoomFieldError[];
  /** How long Zoom asked us to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** For a 429 that is a daily limit (not a per-second one): when Zoom lets us in again. */
  dailyLimitResetsAt?: Date;
  /** Zoom's `X-RateLimit-Remaining` on this answer (a refused create may still spend budget). */
  rateLimitRemaining?: number;
  /**
   * True when the call is not idempotent and failed in a way that leaves its effect unknown (a
   * create whose connection dropped may have created the meeting). The client never retries such
   * a call itself: the caller must look before it tries again (the engine's intent journal).
   */
  outcomeUnknown?: boolean;
}

/** Every failure of a Zoom call: what Zoom said, where, and whether trying later may help. */
export class ZoomApiError extends ZoomlinkError {
  declare readonly code: ZoomErrorCode;
  readonly status: number;
  readonly zoomCode: number | undefined;
  readonly zoomMessage: string | undefined;
  readonly endpoint: string;
  readonly operation: string;
  readonly fields: readonly ZoomFieldError[];
  readonly retryAfterMs: number | undefined;
  readonly dailyLimitResetsAt: Date | undefined;
  readonly rateLimitRemaining: number | undefined;
  readonly outcomeUnknown: boolean;

  constructor(message: string, details: ZoomApiErrorDetails) {
    super(details.code, message, { retryable: details.retryable });
    this.status = details.status;
    this.zoomCode = details.zoomCode;
    this.zoomMessage = details.zoomMessage;
    this.endpoint = details.endpoint;
    this.operation = details.operation;
    this.fields = details.fields ?? [];
    this.retryAfterMs = details.retryAfterMs;
    this.dailyLimitResetsAt = details.dailyLimitResetsAt;
    this.rateLimitRemaining = details.rateLimitRemaining;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
  }
}

/**
 * A host's daily meeting create/update budget (Zoom: 100 per host per day, reset 00:00 UTC) is
 * spent. Raised both when Zoom answers the daily-limit 429 and, without calling Zoom, for every
 * later create/update of that host until `until`.
 */
export class ZoomQuotaExhaustedError extends ZoomApiError {
  readonly host: string;
  readonly until: Date;

  constructor(host: string, until: Date, call: { endpoint: string; operation: string }) {
    super(
      `Zoom host ${host} has spent its daily budget of meeting create/update requests: ` +
        `quota exhausted until ${until.toISOString()}. zoomlink does not call Zoom for this host's ` +
        `creates and updates before then; the changes wait and are made after the reset.`,
      {
        code: ZoomErrorCodes.quotaExhausted,
        status: 429,
        zoomCode: 429,
        endpoint: call.endpoint,
        operation: call.operation,
        retryable: true,
        dailyLimitResetsAt: until,
      },
    );
    this.host = host;
    this.until = until;
  }
}

export function isZoomApiError(error: unknown): error is ZoomApiError {
  return error instanceof ZoomApiError;
}
