import type { Handled } from '../util/upstream.js';
import { ZoomApiError } from './errors.js';

/**
 * What a failed Zoom call means to the call policy (`src/util/call-policy.ts`); the error itself
 * is classified by `error-mapping.ts`:
 *
 * - 401 with Zoom code 124 ("Invalid access token") on an API call: the token is refused; the
 *   policy replaces it and sends once more (Zoom's token endpoint refusing the credentials is
 *   not that: a new token would be refused the same way).
 * - 429 (per-second limits), 5xx, timeouts and dropped connections are retried, after Zoom's
 *   `Retry-After` when it gave one (which then rests every Zoom call), else after backoff. A
 *   per-second 429 also slows the limiter of the call's rate-limit label (`rate-limits.ts`).
 * - A daily limit is not retried and holds nothing: it is one host's budget, parked by the
 *   client (`host-budget.ts`) until 00:00 UTC.
 * - A call whose effect is unknown is never repeated blindly: a create that timed out may have
 *   created the meeting (like Renovate's `lib/util/http` and got, which retry no POST).
 * - Everything else (4xx, our own parsing errors) fails the same way again.
 */
export function handleZoomError(thrown: unknown): Handled {
  if (!(thrown instanceof ZoomApiError))
    return { error: thrown, status: 0, next: 'fail', reason: 'unexpected' };
  const known = { error: thrown, status: thrown.status };
  if (isRefusedToken(thrown)) return { ...known, next: 'refresh', reason: 'token-expired' };
  const reason = thrown.status === 0 ? 'network' : String(thrown.status);
  if (thrown.dailyLimitResetsAt) return { ...known, next: 'fail', reason };
  return {
    ...known,
    next: thrown.retryable && !thrown.outcomeUnknown ? 'retry' : 'fail',
    reason,
    ...(thrown.status === 429 ? { slowDown: ['label'] } : {}),
    ...(thrown.retryAfterMs !== undefined ? { retryAfterMs: thrown.retryAfterMs } : {}),
  };
}

function isRefusedToken(error: ZoomApiError): boolean {
  return error.status === 401 && error.zoomCode === 124 && error.operation !== 'oauth.token';
}
