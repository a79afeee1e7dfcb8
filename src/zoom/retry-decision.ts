import type { RetryDecision } from '../util/retry.js';
import { ZoomApiError } from './errors.js';

export interface ZoomRetryDecision extends RetryDecision {
  /** For metrics and logs: `429`, `503`, `network`… */
  reason: string;
}

/**
 * Whether a failed Zoom call is tried again now (within `withRetry`'s bounded attempts):
 *
 * - 429 (per-second limits) and 5xx, timeouts and dropped connections are retried, after Zoom's
 *   `Retry-After` when it gave one, else after backoff with jitter.
 * - A wait longer than `maxWaitMs` is not worth holding the caller for (a daily limit says
 *   "come back at 00:00 UTC"): the error goes up and the caller tries later.
 * - A call whose effect is unknown is never repeated blindly: a create that timed out may have
 *   created the meeting (like Renovate's `lib/util/http` and got, which retry no POST).
 * - Everything else (4xx, our own parsing errors) fails the same way again.
 */
export function zoomRetryDecision(error: unknown, maxWaitMs: number): ZoomRetryDecision {
  if (!(error instanceof ZoomApiError)) return { retry: false, reason: 'unexpected' };
  const reason = error.status === 0 ? 'network' : String(error.status);
  if (!error.retryable || error.outcomeUnknown || error.dailyLimitResetsAt) {
    return { retry: false, reason };
  }
  if (error.retryAfterMs !== undefined) {
    if (error.retryAfterMs > maxWaitMs) return { retry: false, reason };
    return { retry: true, afterMs: error.retryAfterMs, reason };
  }
  return { retry: true, reason };
}
