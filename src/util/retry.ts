/**
 * Bounded retries with truncated exponential backoff and full jitter, shared by the Zoom and
 * Google adapters so both treat a busy service the same way. The caller decides what is
 * retryable and may name a server-given delay (Retry-After), which wins over the backoff.
 */

export interface RetryPolicy {
  /** Retries after the first attempt (0 = try once). */
  maxRetries: number;
  baseMs: number;
  maxMs: number;
}

export interface RetryDecision {
  retry: boolean;
  /** A delay the server asked for; used instead of the computed backoff (capped at maxMs). */
  afterMs?: number;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `attempt` (1-based): random in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

export async function withRetry<T>(
  policy: RetryPolicy,
  attemptFn: (attempt: number) => Promise<T>,
  decide: (error: unknown) => RetryDecision,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await attemptFn(attempt);
    } catch (error) {
      const decision = decide(error);
      if (!decision.retry || attempt >= policy.maxRetries) throw error;
      const delayMs =
        decision.afterMs !== undefined
          ? Math.min(Math.max(0, decision.afterMs), policy.maxMs)
          : backoffDelay(policy, attempt + 1, hooks.random);
      hooks.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await wait(delayMs);
    }
  }
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
