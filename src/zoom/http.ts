import type { AxiosInstance } from 'axios';
import pLimit, { type LimitFunction } from 'p-limit';
import type { z } from 'zod';
import type { ZoomErrorCode } from './errors.js';
import type { EdgeIssueParams } from './schemas.js';
import type { ApiObserver } from '../domain/api-observer.js';
import { withRetry, type RetryHooks, type RetryPolicy } from '../util/retry.js';
import { errorFromResponse, type ResponseHeaders } from './error-mapping.js';
import type { AccessTokenSource } from './oauth-token.js';
import { zoomRetryDecision } from './retry-decision.js';
import {
  bodyOf,
  exchange,
  invalidResponse,
  refusedAnswer,
  safely,
  zoomAxios,
  type Exchange,
  type RawResponse,
  type ZoomLogger,
} from './transport.js';

/**
 * The one HTTP layer of the Zoom client (after Renovate's `lib/util/http`: one place for auth,
 * limits, retries, error mapping and schema-checked bodies). Every API call goes through
 * `request`: it takes a token, waits for a slot under the account's concurrency limit, sends,
 * drops a token Zoom calls invalid (401/124) and tries once more with a fresh one, retries 429,
 * 5xx and lost connections with backoff (honouring Retry-After), and returns the body parsed by
 * the caller's zod schema, or throws a `ZoomApiError`.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ZoomRequest<T> {
  operation: string;
  method: HttpMethod;
  /** Relative to `apiUrl`, path segments already encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** The 2xx body's schema; without one the body is ignored (204). */
  schema?: z.ZodType<T>;
  /** Whether sending it twice is harmless; by default everything but POST. */
  idempotent?: boolean;
}

export interface ZoomResponse<T> {
  status: number;
  headers: ResponseHeaders;
  data: T;
}

export interface ZoomHttpOptions {
  apiUrl: string;
  timeoutMs: number;
  concurrency: number;
  retry: RetryPolicy;
  tokens: AccessTokenSource;
  now: () => Date;
  observer?: ApiObserver;
  logger?: ZoomLogger;
  /** Tests and benchmarks only: replace the sleep and randomness of the backoff. */
  retryHooks?: Pick<RetryHooks, 'sleep' | 'random'>;
  /** The most a request or an answer may hold; `MAX_BODY_BYTES` by default. */
  maxBodyBytes?: number;
}

/** POST creates things; sending it twice may create two. Everything else we send is idempotent. */
const isIdempotent = (method: HttpMethod) => method !== 'POST';

export class ZoomHttp {
  private readonly http: AxiosInstance;
  private readonly limit: LimitFunction;

  constructor(private readonly options: ZoomHttpOptions) {
    this.http = zoomAxios({
      baseUrl: options.apiUrl,
      timeoutMs: options.timeoutMs,
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
    this.limit = pLimit(options.concurrency);
  }

  async request<T = undefined>(request: ZoomRequest<T>): Promise<ZoomResponse<T>> {
    const about: Exchange = {
      operation: request.operation,
      endpoint: `${request.method} ${request.path}`,
      idempotent: request.idempotent ?? isIdempotent(request.method),
    };
    const { observer, logger } = this.options;
    const raw = await withRetry(
      this.options.retry,
      () => this.sendAuthorized(request, about),
      (error) => zoomRetryDecision(error, this.options.retry.maxMs),
      {
        ...this.options.retryHooks,
        onRetry: ({ attempt, delayMs, error }) => {
          const reason = zoomRetryDecision(error, this.options.retry.maxMs).reason;
          safely(() =>
            observer?.retry?.({
              service: 'zoom',
              operation: request.operation,
              attempt,
              delayMs,
              reason,
            }),
          );
          logger?.warn('zoom call retried', {
            operation: request.operation,
            endpoint: about.endpoint,
            attempt,
            delayMs,
            reason,
          });
        },
      },
    );
    return { status: raw.status, headers: raw.headers, data: this.parse(request, about, raw) };
  }

  /** One attempt; a token Zoom calls invalid is replaced once, without counting as a retry. */
  private async sendAuthorized<T>(request: ZoomRequest<T>, about: Exchange): Promise<RawResponse> {
    const token = await this.options.tokens.token();
    const first = await this.send(request, about, token);
    if (!isInvalidToken(first)) return this.okOrThrow(first, about);

    this.options.tokens.invalidate(token);
    safely(() =>
      this.options.observer?.retry?.({
        service: 'zoom',
        operation: request.operation,
        attempt: 1,
        delayMs: 0,
        reason: 'token-expired',
      }),
    );
    this.options.logger?.info('zoom token refused; fetching a new one', {
      operation: request.operation,
    });
    const fresh = await this.options.tokens.token();
    return this.okOrThrow(await this.send(request, about, fresh), about);
  }

  private send<T>(request: ZoomRequest<T>, about: Exchange, token: string): Promise<RawResponse> {
    return this.limit(() =>
      exchange(
        this.http,
        {
          method: request.method,
          url: request.path,
          params: definedOnly(request.query),
          data: request.body === undefined ? undefined : JSON.stringify(request.body),
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
        },
        about,
        this.options.observer,
        this.options.logger,
      ),
    );
  }

  private okOrThrow(raw: RawResponse, about: Exchange): RawResponse {
    if (raw.status >= 200 && raw.status < 300) return raw;
    throw errorFromResponse({
      ...about,
      status: raw.status,
      headers: raw.headers,
      body: bodyOf(raw),
      now: this.options.now(),
    });
  }

  private parse<T>(request: ZoomRequest<T>, about: Exchange, raw: RawResponse): T {
    if (!request.schema) return undefined as T;
    const parsed = request.schema.safeParse(bodyOf(raw));
    if (parsed.success) return parsed.data;
    const own = parsed.error.issues.find((issue) => edgeCodeOf(issue) !== undefined);
    if (own) {
      const where = own.path.join('.');
      const problem = `${where || 'the body'} ${own.message}`;
      throw refusedAnswer(about, raw.status, edgeCodeOf(own)!, problem);
    }
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    throw invalidResponse(about, raw.status, problems);
  }
}

/** The code a schema of `schemas.ts` gave its own refusal (a join link, a meeting id). */
function edgeCodeOf(issue: z.core.$ZodIssue): ZoomErrorCode | undefined {
  if (issue.code !== 'custom') return undefined;
  return (issue.params as Partial<EdgeIssueParams> | undefined)?.zoomlinkCode;
}

function isInvalidToken(raw: RawResponse): boolean {
  if (raw.status !== 401) return false;
  const body = bodyOf(raw);
  return typeof body === 'object' && body !== null && 'code' in body && Number(body.code) === 124;
}

function definedOnly(
  query: ZoomRequest<unknown>['query'],
): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}
