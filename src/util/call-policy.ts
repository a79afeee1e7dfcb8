import { performance } from 'node:perf_hooks';
import pLimit, { type LimitFunction } from 'p-limit';
import type { z } from 'zod';
import { isZoomlinkError } from '../errors.js';
import { callReporter, type CallReport } from './call-report.js';
import { guarded } from './guarded.js';
import { HostPauses } from './host-pauses.js';
import { pageThrough, type Listing } from './paging.js';
import { backoffDelay, sleep, type RetryHooks, type RetryPolicy } from './retry.js';
import type {
  Answer,
  CallObserver,
  Handled,
  PolicyLogger,
  RequestLimiter,
  Upstream,
} from './upstream.js';

/**
 * The one way zoomlink calls an API (after Renovate's `lib/util/http`: one pipeline, a
 * per-upstream `handleError`). For every request, in this order:
 *
 * 1. wait while the host is held by a Retry-After (one 429 rests every call to that host), then
 *    for a slot of each of the request's rate limiters (`Upstream.limiters`: the upstream's
 *    quotas, e.g. Zoom's per-label rate, Google's per-user and per-project minute quotas);
 * 2. take a credential and a slot under `concurrency`, send, and tell the observer (guarded: an
 *    observer that throws never fails a call) and the debug log;
 * 3. on failure ask the upstream what it means (`handleError`): a refused credential is replaced
 *    and the request sent once more, outside the retry budget (so also with `maxRetries: 0`); a
 *    `retryable` transient failure is retried after Retry-After or backoff with full jitter, at
 *    most `maxRetries` times, each retry logged at warn; a Retry-After longer than `maxMs` is not
 *    waited for (the error goes up and the caller tries later); an answer that says a rate was
 *    exceeded slows the request's limiters of the scopes it names (`Handled.slowDown`), so the
 *    calls after it are spaced further too; anything else is thrown;
 * 4. check the 2xx body against the caller's schema (`call(request, schema)`), or throw the
 *    upstream's error for an unreadable answer.
 *
 * Listings go through `pages`, which stops a chain of pages that does not end.
 */

export interface CallPolicyOptions<Service extends string> {
  service: Service;
  retry: RetryPolicy;
  /** Calls in flight at once (a call held by Retry-After takes no slot); unbounded when absent. */
  concurrency?: number;
  /** The most pages one listing may have before it counts as endless (1000 by default). */
  maxPages?: number;
  observer?: CallObserver<Service>;
  logger?: PolicyLogger;
  /** Tests and benchmarks only: how the policy waits and draws its jitter. */
  hooks?: RetryHooks;
}

export const DEFAULT_MAX_PAGES = 1000;

export class CallPolicy<
  Service extends string,
  Request extends { operation: string },
  Credential,
  A extends Answer,
> {
  private readonly limit: LimitFunction | undefined;
  private readonly pauses: HostPauses;
  private readonly observer: CallObserver<Service>;
  private readonly report: CallReport;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(
    private readonly options: CallPolicyOptions<Service>,
    private readonly upstream: Upstream<Request, Credential, A>,
  ) {
    this.limit = options.concurrency === undefined ? undefined : pLimit(options.concurrency);
    this.wait = options.hooks?.sleep ?? sleep;
    this.pauses = new HostPauses(this.wait);
    this.observer = guarded(options.observer ?? {});
    this.report = callReporter(options.service, options.observer, options.logger);
  }

  /** Sends `request` under the policy; with a schema, the answer's body is checked against it. */
  call(request: Request): Promise<A>;
  call<T>(request: Request, schema: z.ZodType<T>): Promise<Omit<A, 'data'> & { data: T }>;
  async call<T>(request: Request, schema?: z.ZodType<T>): Promise<A | (A & { data: T })> {
    const answer = await this.send(request);
    if (!schema) return answer;
    const parsed = schema.safeParse(answer.data);
    if (parsed.success) return { ...answer, data: parsed.data };
    throw this.upstream.unreadable(request, answer, parsed.error.issues);
  }

  /**
   * Every page of a listing: `fetch` reads the page a token names (the first without one), and
   * `nextToken` says where the next is. A token handed out twice, or more than `maxPages` pages,
   * stops with the upstream's `endlessPages` error.
   */
  pages<P>(
    listing: Listing,
    fetch: (pageToken: string | undefined) => Promise<P>,
    nextToken: (page: P) => string | undefined,
  ): AsyncGenerator<P> {
    return pageThrough(fetch, nextToken, {
      listing,
      maxPages: this.options.maxPages ?? DEFAULT_MAX_PAGES,
      stop: (stop) => this.upstream.endlessPages(stop),
    });
  }

  private async send(request: Request): Promise<A> {
    const host = this.upstream.hostOf(request);
    const limiters = this.upstream.limiters?.(request) ?? [];
    const { maxRetries } = this.options.retry;
    let retries = 0;
    let resends = 0;
    let refreshed = false;
    for (;;) {
      await this.pauses.ready(host);
      for (const { limiter } of limiters) await limiter.acquire();
      const sent: { credential?: Credential; startedMs?: number } = {};
      let handled: Handled;
      try {
        const credential = await this.upstream.credential(request);
        sent.credential = credential;
        const answer = await this.slot(() => {
          sent.startedMs = performance.now();
          return this.upstream.send(request, credential);
        });
        this.tellCall(request, answer.status, sent.startedMs!);
        return answer;
      } catch (thrown) {
        handled = this.upstream.handleError(thrown, request);
        if (sent.startedMs !== undefined) this.tellCall(request, handled.status, sent.startedMs);
      }
      if (handled.slowDown) this.slowDown(limiters, handled);
      const hold = this.holdFor(host, handled);
      if (handled.next === 'refresh' && !refreshed && 'credential' in sent) {
        refreshed = true;
        this.upstream.refuse(request, sent.credential as Credential);
        resends += 1;
        this.tellRetry(request, resends, 0, handled.reason, 'refresh');
        continue;
      }
      const waitsTooLong = handled.retryAfterMs !== undefined && hold === undefined;
      if (
        handled.next !== 'retry' ||
        !isRetryable(handled.error) ||
        retries >= maxRetries ||
        waitsTooLong
      )
        throw handled.error;
      retries += 1;
      resends += 1;
      const delayMs =
        handled.retryAfterMs !== undefined
          ? Math.max(0, handled.retryAfterMs)
          : backoffDelay(this.options.retry, retries, this.options.hooks?.random);
      this.tellRetry(request, resends, delayMs, handled.reason, 'retry');
      await (hold ?? this.wait(delayMs));
    }
  }

  /** A Retry-After longer than the longest wait is the caller's to wait for, not the limiter's. */
  private slowDown(limiters: readonly RequestLimiter[], handled: Handled): void {
    const ms = handled.retryAfterMs;
    const hold = ms !== undefined && ms <= this.options.retry.maxMs ? ms : undefined;
    for (const { scope, limiter } of limiters)
      if (handled.slowDown?.includes(scope)) limiter.slowDown(hold);
  }

  private slot(send: () => Promise<A>): Promise<A> {
    return this.limit ? this.limit(send) : send();
  }

  /**
   * A transient failure's Retry-After within the longest wait holds every call to the host; a
   * longer one is not kept (the caller tries later), nor one on a final failure.
   */
  private holdFor(host: string, handled: Handled): Promise<void> | undefined {
    const ms = handled.retryAfterMs;
    if (handled.next !== 'retry' || ms === undefined || ms > this.options.retry.maxMs)
      return undefined;
    return this.pauses.hold(host, Math.max(0, ms));
  }

  private tellCall(request: Request, status: number, startedMs: number): void {
    this.report(request.operation, status, startedMs, this.upstream.describe(request));
  }

  /** Every resend is a retry to the observer; the log tells a refreshed token from a retry. */
  private tellRetry(
    request: Request,
    attempt: number,
    delayMs: number,
    reason: string,
    kind: 'refresh' | 'retry',
  ): void {
    const { service, logger } = this.options;
    const { operation } = request;
    this.observer.retry?.({ service, operation, attempt, delayMs, reason });
    if (kind === 'refresh') {
      logger?.info(`${service} token refused; fetching a new one`, { operation });
      return;
    }
    logger?.warn(`${service} call retried`, {
      operation,
      ...this.upstream.describe(request),
      attempt,
      delayMs,
      reason,
    });
  }
}

/** The policy retries only what may succeed later without a human (`ZoomlinkError.retryable`). */
function isRetryable(error: unknown): boolean {
  return isZoomlinkError(error) && error.retryable;
}
