import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { ApiObserver } from '../domain/api-observer.js';
import { CallPolicy } from '../util/call-policy.js';
import { decodeBody } from '../util/decode-body.js';
import { endlessBecause, type Listing, type PagingStop } from '../util/paging.js';
import type { RetryHooks, RetryPolicy } from '../util/retry.js';
import type { Upstream } from '../util/upstream.js';
import { errorFromResponse, type ResponseHeaders } from './error-mapping.js';
import { ZoomApiError, ZoomErrorCodes, type ZoomErrorCode } from './errors.js';
import { handleZoomError } from './handle-error.js';
import type { AccessTokenSource } from './oauth-token.js';
import type { ZoomRateLimits } from './rate-limits.js';
import type { EdgeIssueParams } from './schemas.js';
import {
  exchange,
  invalidResponse,
  refusedAnswer,
  zoomAxios,
  type Exchange,
  type ZoomLogger,
} from './transport.js';

/**
 * Zoom's side of the call policy (`src/util/call-policy.ts`, which owns retries, token refresh,
 * Retry-After, the observer and paging): how a request is sent with a Server-to-Server OAuth
 * token, what a failure means (`handle-error.ts`), and Zoom's errors for an unreadable answer or
 * endless pages.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ZoomRequest {
  operation: string;
  method: HttpMethod;
  /** Relative to `apiUrl`, path segments already encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
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
  retryHooks?: RetryHooks;
  /** The most a request or an answer may hold; `MAX_BODY_BYTES` by default. */
  maxBodyBytes?: number;
  /** The account's per-label rate limiters (`zoom.plan`); none when absent. */
  limits?: ZoomRateLimits;
}

/** POST creates things; sending it twice may create two. Everything else we send is idempotent. */
const isIdempotent = (method: HttpMethod) => method !== 'POST';

const exchangeOf = (request: ZoomRequest): Exchange => ({
  operation: request.operation,
  endpoint: `${request.method} ${request.path}`,
  idempotent: request.idempotent ?? isIdempotent(request.method),
});

type ZoomAnswer = ZoomResponse<unknown>;

export class ZoomHttp {
  private readonly policy: CallPolicy<'zoom', ZoomRequest, string, ZoomAnswer>;

  constructor(options: ZoomHttpOptions) {
    const http = zoomAxios({
      baseUrl: options.apiUrl,
      timeoutMs: options.timeoutMs,
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
    this.policy = new CallPolicy<'zoom', ZoomRequest, string, ZoomAnswer>(
      {
        service: 'zoom',
        retry: options.retry,
        concurrency: options.concurrency,
        ...(options.observer ? { observer: options.observer } : {}),
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.retryHooks ? { hooks: options.retryHooks } : {}),
      },
      zoomUpstream(http, options),
    );
  }

  /** One API call; with a schema the 2xx body is checked against it (without, it is ignored). */
  async call<T = undefined>(request: ZoomRequest, schema?: z.ZodType<T>): Promise<ZoomResponse<T>> {
    if (schema) return this.policy.call(request, schema);
    const { status, headers } = await this.policy.call(request);
    return { status, headers, data: undefined as T };
  }

  /** Every page of a listing, stopped with `ZOOM_PAGING_LOOP` when the pages do not end. */
  pages<P>(
    listing: Listing,
    fetch: (pageToken: string | undefined) => Promise<P>,
    nextToken: (page: P) => string | undefined,
  ): AsyncGenerator<P> {
    return this.policy.pages(listing, fetch, nextToken);
  }
}

function zoomUpstream(
  http: AxiosInstance,
  options: ZoomHttpOptions,
): Upstream<ZoomRequest, string, ZoomAnswer> {
  return {
    // One account, one API host: a Retry-After rests every Zoom call.
    hostOf: () => options.apiUrl,
    ...(options.limits
      ? { limiters: (request: ZoomRequest) => options.limits!.forOperation(request.operation) }
      : {}),
    credential: () => options.tokens.token(),
    refuse: (_request, token) => options.tokens.invalidate(token),
    async send(request, token) {
      const about = exchangeOf(request);
      const raw = await exchange(
        http,
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
      );
      const body = decodeBody(raw.text);
      if (raw.status >= 200 && raw.status < 300)
        return { status: raw.status, headers: raw.headers, data: body };
      throw errorFromResponse({ ...about, ...raw, body, now: options.now() });
    },
    handleError: handleZoomError,
    unreadable: (request, answer, issues) => unreadable(exchangeOf(request), answer.status, issues),
    endlessPages,
    describe: (request) => ({ endpoint: exchangeOf(request).endpoint }),
  };
}

/** A 2xx body the schema refuses: with the code a schema gave its own refusal, if it gave one. */
function unreadable(
  about: Exchange,
  status: number,
  issues: readonly z.core.$ZodIssue[],
): ZoomApiError {
  const own = issues.find((issue) => edgeCodeOf(issue) !== undefined);
  if (own) {
    const where = own.path.join('.');
    return refusedAnswer(about, status, edgeCodeOf(own)!, `${where || 'the body'} ${own.message}`);
  }
  const problems = issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  return invalidResponse(about, status, problems);
}

function endlessPages(stop: PagingStop): ZoomApiError {
  const what = endlessBecause(stop);
  return new ZoomApiError(
    `Zoom's answer to ${stop.where ?? stop.operation} ${what}, so zoomlink stopped reading rather than read for ever or act on part of the list; it tries again later. If this persists, check what answers at zoom.apiUrl (a proxy?) and report it with this message.`,
    {
      code: ZoomErrorCodes.pagingLoop,
      status: 200,
      endpoint: stop.where ?? stop.operation,
      operation: stop.operation,
      retryable: true,
    },
  );
}

/** The code a schema of `schemas.ts` gave its own refusal (a join link, a meeting id). */
function edgeCodeOf(issue: z.core.$ZodIssue): ZoomErrorCode | undefined {
  if (issue.code !== 'custom') return undefined;
  return (issue.params as Partial<EdgeIssueParams> | undefined)?.zoomlinkCode;
}

function definedOnly(
  query: ZoomRequest['query'],
): Record<string, string | number | boolean> | undefined {
  if (!query) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) out[key] = value;
  return out;
}
