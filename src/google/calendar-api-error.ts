import { ZoomlinkError } from '../errors.js';
import { CrossLayerCodes } from '../domain/error-codes.js';

/**
 * The stable codes of everything the Google adapter raises. The two cross-layer codes come from
 * `src/domain/error-codes.ts` because the sync engine reacts to them; the rest are for people
 * (logs, the status page, the README's troubleshooting table).
 */
export const GoogleErrorCodes = {
  fullSyncRequired: CrossLayerCodes.googleFullSyncRequired,
  delegationRefused: CrossLayerCodes.googleDelegationRefused,
  /** The token endpoint refused the credentials themselves (bad key, revoked refresh token). */
  authFailed: 'GOOGLE_AUTH_FAILED',
  /** 403 rateLimitExceeded / userRateLimitExceeded or 429, still failing after our retries. */
  rateLimited: 'GOOGLE_RATE_LIMITED',
  /** 403 quotaExceeded: the per-user Calendar usage limits; writes fail for hours. */
  quotaExceeded: 'GOOGLE_QUOTA_EXCEEDED',
  /** 5xx, still failing after our retries. */
  serverError: 'GOOGLE_SERVER_ERROR',
  /** No response: refused or dropped connection, timeout. */
  networkError: 'GOOGLE_NETWORK_ERROR',
  /** 403 other than quota: no access to the calendar, or a field only the organizer may change. */
  forbidden: 'GOOGLE_FORBIDDEN',
  notFound: 'GOOGLE_NOT_FOUND',
  /** 412 conditionNotMet on every one of the bounded write attempts. */
  writeConflict: 'GOOGLE_WRITE_CONFLICT',
  /** 400: Google found the request malformed. */
  badRequest: 'GOOGLE_BAD_REQUEST',
  /** A listing whose pages do not end (a page token handed out twice, or far too many pages). */
  pagingLoop: 'GOOGLE_PAGING_LOOP',
  /** A response we could not read (not the documented shape). */
  unexpectedResponse: 'GOOGLE_UNEXPECTED_RESPONSE',
  /** Any other status. */
  apiError: 'GOOGLE_API_ERROR',
} as const;

export type GoogleErrorCode = (typeof GoogleErrorCodes)[keyof typeof GoogleErrorCodes];

export interface CalendarApiErrorDetails {
  /** The HTTP status, or 0 when no response came. */
  status: number;
  /** Google's `errors[0].reason` (`rateLimitExceeded`, `fullSyncRequired`…), the OAuth `error`
   * (`unauthorized_client`), or `network`. */
  reason: string;
  retryable: boolean;
  /** The adapter operation, e.g. `events.list`. */
  operation: string;
  /** A delay Google asked for (Retry-After), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Every failure of a Google call, with what Google said and whether trying later may help. */
export class CalendarApiError extends ZoomlinkError {
  readonly status: number;
  readonly reason: string;
  readonly operation: string;
  readonly retryAfterMs: number | undefined;

  constructor(code: GoogleErrorCode, message: string, details: CalendarApiErrorDetails) {
    super(code, message, { retryable: details.retryable, cause: details.cause });
    this.status = details.status;
    this.reason = details.reason;
    this.operation = details.operation;
    this.retryAfterMs = details.retryAfterMs;
  }
}
