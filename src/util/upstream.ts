import type { z } from 'zod';
import type { PagingStop } from './paging.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * What an upstream (Zoom, Google) plugs into the call policy (`call-policy.ts`): how to send one
 * request and, above all, what a failure means (`handleError`). The policy owns everything else.
 */

/** One answer with a 2xx status; its body decoded but not yet checked. */
export interface Answer {
  status: number;
  data: unknown;
}

/** What a failed attempt means, in the upstream's own terms. */
export interface Handled {
  /**
   * What the caller gets when the call ends here: the upstream's own error, with its own stable
   * code, whose `retryable` says whether the same call may succeed later without a human.
   */
  error: unknown;
  /** The HTTP status of the answer, 0 when none came (for the observer). */
  status: number;
  /**
   * What to do now. `refresh`: the upstream refused the credential (an expired token); it is
   * replaced and the request sent again once, which is not a retry. `retry`: a transient failure
   * (rate limit, 5xx, no answer) worth sending again now, after backoff or Retry-After; the
   * policy retries only a `retryable` error, within the retry budget. `fail`: it ends here.
   */
  next: 'refresh' | 'retry' | 'fail';
  /** How long the server asked every caller to wait (Retry-After), in ms. */
  retryAfterMs?: number;
  /** Why, for metrics and logs: `429`, `503`, `network`, `token-expired`, `rateLimitExceeded`… */
  reason: string;
  /**
   * The answer says a rate was exceeded: the request's limiters of these scopes slow down (and
   * honour `retryAfterMs`), so the calls after it wait too, not only this one's retry.
   */
  slowDown?: readonly string[];
}

/** A rate limiter a request must pass, and what it limits (`label`, `user`, `project`). */
export interface RequestLimiter {
  scope: string;
  limiter: RateLimiter;
}

export interface Upstream<Request extends { operation: string }, Credential, A extends Answer> {
  /** The host a request goes to: a Retry-After holds every call to that host. */
  hostOf(request: Request): string;
  /**
   * The rate limiters this request must pass before each attempt, the narrowest first (each
   * attempt is a call against the upstream's quota). None when absent.
   */
  limiters?(request: Request): readonly RequestLimiter[];
  /** The credential to send with (a cached token is cheap; a fetch may fail like a call). */
  credential(request: Request): Credential | Promise<Credential>;
  /** Forgets a credential the upstream refused, so the next `credential` is a fresh one. */
  refuse(request: Request, credential: Credential): void;
  /** One exchange: resolves with a 2xx answer, throws anything else (a refusal, no answer). */
  send(request: Request, credential: Credential): Promise<A>;
  /** The upstream's classification of whatever one attempt threw. */
  handleError(thrown: unknown, request: Request): Handled;
  /** The upstream's error for a 2xx body that its schema does not accept. */
  unreadable(request: Request, answer: A, issues: readonly z.core.$ZodIssue[]): Error;
  /** The upstream's error for pages that do not end. */
  endlessPages(stop: PagingStop): Error;
  /** Fields naming the request in logs, besides its operation (an endpoint, a calendar). */
  describe(request: Request): Record<string, unknown>;
}

/** How the policy reports what it does (`ApiObserver` of `src/domain` is one). Must not throw. */
export interface CallObserver<Service extends string> {
  call?(event: { service: Service; operation: string; status: number; durationMs: number }): void;
  retry?(event: {
    service: Service;
    operation: string;
    attempt: number;
    delayMs: number;
    reason: string;
  }): void;
}

/** The part of the process logger (`src/log.ts`) the policy writes to. */
export interface PolicyLogger {
  debug(message: string, meta?: Record<string, unknown>): unknown;
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  isLevelEnabled(level: string): boolean;
}
