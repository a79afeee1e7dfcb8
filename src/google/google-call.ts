import type { ApiObserver } from '../domain/api-observer.js';
import type { Logger } from '../log.js';
import { withRetry, type RetryPolicy } from '../util/retry.js';
import type { AuthClient, AuthClients } from './auth-clients.js';
import { CalendarApiError } from './calendar-api-error.js';
import {
  classifyFailure,
  isTransient,
  retryReason,
  type AuthDescription,
} from './classify-failure.js';
import { toGoogleFailure } from './http-failure.js';
import type { GoogleScope } from './scopes.js';

/** One Google API call: what it is, who it acts as, and the scope it needs. */
export interface CallSpec {
  operation: string;
  subject: string;
  scope: GoogleScope;
  calendarId?: string;
  usingSyncToken?: boolean;
}

export interface GoogleAuth {
  clients: AuthClients;
  description: AuthDescription;
}

export interface CallRunnerOptions {
  policy: RetryPolicy;
  /** Resolved on the first call, so that commands without Google calls need no credentials. */
  auth: () => GoogleAuth;
  observer?: ApiObserver;
  logger: Logger;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export type CallRunner = <T>(
  spec: CallSpec,
  send: (client: AuthClient) => Promise<{ status: number; data: T }>,
) => Promise<T>;

/**
 * The one retry layer of the Google adapter (gaxios' own retries are off): rate limits (403
 * rateLimitExceeded/userRateLimitExceeded, 429), 5xx and lost connections are retried with
 * truncated exponential backoff and full jitter (`withRetry`), honouring Retry-After; a 401 on
 * the API gets one retry with a fresh token. Every attempt is reported to the observer, and every
 * failure becomes a `CalendarApiError`.
 */
export function createCallRunner(options: CallRunnerOptions): CallRunner {
  return async <T>(
    spec: CallSpec,
    send: (client: AuthClient) => Promise<{ status: number; data: T }>,
  ): Promise<T> => {
    const { clients, description } = options.auth();
    const context = {
      operation: spec.operation,
      calendarId: spec.calendarId,
      subject: description.kind === 'serviceAccount' ? spec.subject : undefined,
      scopes: [spec.scope],
      usingSyncToken: spec.usingSyncToken,
      auth: description,
    };
    let tokenRenewed = false;
    /** Set when the API (not the token endpoint) answered 401: the token was not accepted. */
    let tokenRejected = false;
    const attempt = async (): Promise<T> => {
      const started = performance.now();
      const report = (status: number) =>
        options.observer?.call?.({
          service: 'google',
          operation: spec.operation,
          status,
          durationMs: performance.now() - started,
        });
      tokenRejected = false;
      try {
        const response = await send(clients.clientFor(spec.subject, spec.scope));
        report(response.status);
        return response.data;
      } catch (thrown) {
        if (thrown instanceof CalendarApiError) throw thrown;
        const failure = toGoogleFailure(thrown, clients.tokenUrls, options.now());
        tokenRejected = failure.status === 401 && !failure.fromTokenEndpoint;
        const error = classifyFailure(failure, context);
        report(error.status);
        throw error;
      }
    };
    return withRetry(
      options.policy,
      attempt,
      (error) => {
        if (!(error instanceof CalendarApiError)) return { retry: false };
        if (tokenRejected && !tokenRenewed) {
          tokenRenewed = true;
          clients.forget(spec.subject, spec.scope);
          return { retry: true, afterMs: 0 };
        }
        return { retry: isTransient(error), afterMs: error.retryAfterMs };
      },
      {
        sleep: options.sleep,
        onRetry: ({ attempt: n, delayMs, error }) => {
          const reason =
            error instanceof CalendarApiError
              ? tokenRejected
                ? 'token-expired'
                : retryReason(error)
              : 'unknown';
          options.observer?.retry?.({
            service: 'google',
            operation: spec.operation,
            attempt: n,
            delayMs,
            reason,
          });
          options.logger.debug('google call retried', {
            operation: spec.operation,
            calendarId: spec.calendarId,
            attempt: n,
            delayMs,
            reason,
          });
        },
      },
    );
  };
}
