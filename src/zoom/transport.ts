import { performance } from 'node:perf_hooks';
import { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { ApiObserver } from '../domain/api-observer.js';
import type { Logger } from '../log.js';
import { errorFromNetwork, type ResponseHeaders } from './error-mapping.js';
import { ZoomApiError, ZoomErrorCodes } from './errors.js';

/**
 * One HTTP exchange with Zoom, whatever its status: the shared bottom of the API calls and the
 * token requests. It times the call, tells the observer, and turns "no answer" into a
 * `ZoomApiError` built from the error's code and message only (an axios error carries the
 * request's headers, Authorization included, so it is never kept or logged).
 */

export type ZoomLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error' | 'isLevelEnabled'>;

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  /** The body as sent; parsed by the caller (an empty 204 has none). */
  text: string;
}

export interface Exchange {
  operation: string;
  /** `METHOD /path` without query, for errors and logs. */
  endpoint: string;
  idempotent: boolean;
}

/** Settings every request shares: we read every status ourselves and parse the body ourselves. */
export const rawRequestDefaults: AxiosRequestConfig = {
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: [(data: unknown) => data],
  maxRedirects: 0,
};

export async function exchange(
  http: AxiosInstance,
  request: AxiosRequestConfig,
  about: Exchange,
  observer: ApiObserver | undefined,
  logger: ZoomLogger | undefined,
): Promise<RawResponse> {
  const started = performance.now();
  const report = (status: number) => {
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    safely(() =>
      observer?.call?.({ service: 'zoom', operation: about.operation, status, durationMs }),
    );
    // winston formats (and redacts) a record before its transports drop it by level: one line
    // per call is worth skipping when nobody reads debug.
    if (logger?.isLevelEnabled('debug')) {
      logger.debug('zoom call', {
        operation: about.operation,
        endpoint: about.endpoint,
        status,
        durationMs,
      });
    }
  };
  try {
    const response = await http.request<string>({ ...rawRequestDefaults, ...request });
    report(response.status);
    return {
      status: response.status,
      headers: flattenHeaders(response.headers),
      text: typeof response.data === 'string' ? response.data : '',
    };
  } catch (error) {
    report(0);
    throw errorFromNetwork({
      operation: about.operation,
      endpoint: about.endpoint,
      idempotent: about.idempotent,
      errorCode: isAxiosError(error) ? error.code : undefined,
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The JSON of a body, `undefined` for an empty one; a body that is not JSON is kept as text. */
export function bodyOf(raw: RawResponse): unknown {
  if (raw.text.trim() === '') return undefined;
  try {
    return JSON.parse(raw.text) as unknown;
  } catch {
    return raw.text;
  }
}

/** A 2xx body that does not match what Zoom documents. */
export function invalidResponse(about: Exchange, status: number, problem: string): ZoomApiError {
  return new ZoomApiError(
    `Zoom answered ${about.endpoint} with ${status} and a body zoomlink cannot read (${problem}). ` +
      'This is a change on Zoom’s side or a proxy in the way; report it with this message.',
    {
      code: ZoomErrorCodes.responseInvalid,
      status,
      endpoint: about.endpoint,
      operation: about.operation,
      retryable: false,
    },
  );
}

function flattenHeaders(headers: unknown): ResponseHeaders {
  const out: ResponseHeaders = {};
  if (headers === null || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value);
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.join(', ');
  }
  return out;
}

/** Observers must not throw; if one does, the call it reports on is not the one to fail. */
export function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // deliberately ignored: see above
  }
}
