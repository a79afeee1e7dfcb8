/**
 * The arithmetic of retrying, shared by the call policy (`call-policy.ts`): truncated
 * exponential backoff with full jitter, and reading a server's `Retry-After`.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0 = try once). A refused token's refresh is not one. */
  maxRetries: number;
  baseMs: number;
  /** The longest single wait: a server asking for more is not waited for, the caller tries later. */
  maxMs: number;
}

/** Tests and benchmarks replace how the policy waits and draws its jitter. */
export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `attempt` (1-based): random in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/**
 * `Retry-After` as HTTP allows it (seconds, or an HTTP date) and as Zoom sends it for daily
 * limits (an ISO instant, e.g. `2020-05-31T00:00:00Z`). Returns ms from `now`, or undefined.
 */
export function parseRetryAfter(value: string | undefined | null, now: Date): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
