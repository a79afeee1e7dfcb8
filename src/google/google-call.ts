import type { z } from 'zod';
import type { ApiObserver } from '../domain/api-observer.js';
import { isZoomlinkError } from '../errors.js';
import type { Logger } from '../log.js';
import { CallPolicy } from '../util/call-policy.js';
import { endlessBecause, type Listing, type PagingStop } from '../util/paging.js';
import type { RetryPolicy } from '../util/retry.js';
import type { Answer, Handled, Upstream } from '../util/upstream.js';
import type { AuthClient, AuthClients } from './auth-clients.js';
import { CalendarApiError, GoogleErrorCodes } from './calendar-api-error.js';
import {
  classifyFailure,
  isTransient,
  retryReason,
  type AuthDescription,
} from './classify-failure.js';
import { toGoogleFailure } from './http-failure.js';
import { googleSlowDownScopes, type GoogleRateLimits } from './rate-limits.js';
import { GoogleScopes, type GoogleScope } from './scopes.js';

/**
 * Google's side of the call policy (`src/util/call-policy.ts`, which owns retries, token refresh,
 * Retry-After, the observer and paging; gaxios' own retries are off): the auth client a call acts
 * with, what a failure means (rate limits, 5xx and no answer are transient; a 401 from the API is
 * a refused token), and Google's errors for an unreadable answer or endless pages.
 */

/** One Google API call: what it is, who it acts as, the scope it needs, and how it is sent. */
export interface GoogleRequest {
  operation: string;
  subject: string;
  scope: GoogleScope;
  calendarId?: string;
  usingSyncToken?: boolean;
  send: (auth: AuthClient) => Promise<Answer>;
}

export interface GoogleAuth {
  clients: AuthClients;
  description: AuthDescription;
}

export interface GoogleCallsOptions {
  policy: RetryPolicy;
  /** Resolved on the first call, so that commands without Google calls need no credentials. */
  auth: () => GoogleAuth;
  /** The API roots (`google.calendarRootUrl`, `google.directoryRootUrl`): a Retry-After holds one. */
  roots: { calendar: string; directory: string };
  observer?: ApiObserver;
  logger: Logger;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** The Calendar API's per-user and per-project quota limiters; none when absent. */
  limits?: GoogleRateLimits;
}

export interface GoogleCalls {
  /** One call; its 2xx body is checked against `schema`. */
  call<T>(request: GoogleRequest, schema: z.ZodType<T>): Promise<T>;
  /** Every page of a listing, stopped with `GOOGLE_PAGING_LOOP` when the pages do not end. */
  pages<P>(
    listing: Listing,
    fetch: (pageToken: string | undefined) => Promise<P>,
    nextToken: (page: P) => string | undefined,
  ): AsyncGenerator<P>;
}

/**
 * The most pages of one listing: `google.pageSize` may be as small as 1, and 10,000 pages of the
 * default 250 events is far beyond any room calendar.
 */
const MAX_PAGES = 10_000;

export function createGoogleCalls(options: GoogleCallsOptions): GoogleCalls {
  const policy = new CallPolicy<'google', GoogleRequest, AuthClient, Answer>(
    {
      service: 'google',
      retry: options.policy,
      maxPages: MAX_PAGES,
      ...(options.observer ? { observer: options.observer } : {}),
      logger: options.logger,
      ...(options.sleep ? { hooks: { sleep: options.sleep } } : {}),
    },
    googleUpstream(options),
  );
  return {
    call: async (request, schema) => (await policy.call(request, schema)).data,
    pages: (listing, fetch, nextToken) => policy.pages(listing, fetch, nextToken),
  };
}

function googleUpstream(options: GoogleCallsOptions): Upstream<GoogleRequest, AuthClient, Answer> {
  const clients = () => options.auth().clients;
  return {
    hostOf: (request) =>
      request.scope === GoogleScopes.readRooms ? options.roots.directory : options.roots.calendar,
    // The Calendar API's quotas; the Directory API has quotas of its own, and one call a poll.
    limiters: (request) =>
      options.limits && request.scope !== GoogleScopes.readRooms
        ? options.limits.forSubject(request.subject)
        : [],
    credential: (request) => clients().clientFor(request.subject, request.scope),
    refuse: (request) => clients().forget(request.subject, request.scope),
    send: (request, auth) => request.send(auth),
    handleError: (thrown, request) => handleGoogleError(thrown, request, options),
    unreadable: (request, answer, issues) => {
      const issue = issues[0];
      const problem = issue
        ? `${issue.path.join('.') || 'body'}: ${issue.message}`
        : 'unknown shape';
      return new CalendarApiError(
        GoogleErrorCodes.unexpectedResponse,
        `Google ${request.operation}${request.calendarId ? ` on ${request.calendarId}` : ''}: could not read the answer (${problem}). Check that google.calendarRootUrl / google.directoryRootUrl point at Google.`,
        {
          status: answer.status,
          reason: 'unexpectedResponse',
          retryable: false,
          operation: request.operation,
        },
      );
    },
    endlessPages,
    describe: (request) => (request.calendarId ? { calendarId: request.calendarId } : {}),
  };
}

function handleGoogleError(
  thrown: unknown,
  request: GoogleRequest,
  options: GoogleCallsOptions,
): Handled {
  // Already ours: a configuration error (missing credentials), or a classified failure.
  if (thrown instanceof CalendarApiError) return verdict(thrown);
  if (isZoomlinkError(thrown))
    return { error: thrown, status: 0, next: 'fail', reason: 'unexpected' };
  const { clients, description } = options.auth();
  const failure = toGoogleFailure(thrown, clients.tokenUrls, options.now());
  const error = classifyFailure(failure, {
    operation: request.operation,
    calendarId: request.calendarId,
    subject: description.kind === 'serviceAccount' ? request.subject : undefined,
    scopes: [request.scope],
    usingSyncToken: request.usingSyncToken,
    auth: description,
  });
  // The API (not the token endpoint) refused the token: a new one may be accepted.
  if (failure.status === 401 && !failure.fromTokenEndpoint)
    return { error, status: 401, next: 'refresh', reason: 'token-expired' };
  return verdict(error);
}

function verdict(error: CalendarApiError): Handled {
  return {
    error,
    status: error.status,
    next: isTransient(error) ? 'retry' : 'fail',
    reason: retryReason(error),
    ...(error.code === GoogleErrorCodes.rateLimited && error.status !== 0
      ? { slowDown: googleSlowDownScopes(error.status, error.reason) }
      : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  };
}

function endlessPages(stop: PagingStop): CalendarApiError {
  const what = endlessBecause(stop);
  return new CalendarApiError(
    GoogleErrorCodes.pagingLoop,
    `Google ${stop.operation}${stop.where ? ` on ${stop.where}` : ''} ${what}, so zoomlink stopped reading rather than read for ever; it tries again later. If this persists, check that google.calendarRootUrl / google.directoryRootUrl point at Google and report it with this message.`,
    { status: 200, reason: 'pagingLoop', retryable: true, operation: stop.operation },
  );
}
