import { performance } from 'node:perf_hooks';
import axios, { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { Logger } from '../log.js';
import type { CallReport } from '../util/call-report.js';
import { errorFromNetwork, type ResponseHeaders } from './error-mapping.js';
import { ZoomApiError, ZoomErrorCodes, type ZoomErrorCode } from './errors.js';

/**
 * One HTTP exchange with Zoom, whatever its status: the shared bottom of the API calls (sent
 * through the call policy, `http.ts`) and the token requests. It turns "no answer" into a
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

/**
 * The most an answer may hold, and a request: the largest answer zoomlink asks for is a list page
 * (300 rows of about 1 KB) or a meeting with 50 occurrences (about 10 KB), so 4 MiB leaves room
 * and still keeps an endless answer from filling the daemon's memory.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** An axios instance for one Zoom base URL, with the timeout and the body limits. */
export function zoomAxios(options: {
  baseUrl: string;
  timeoutMs: number;
  maxBodyBytes?: number;
}): AxiosInstance {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  return axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ''),
    timeout: options.timeoutMs,
    maxContentLength: limit,
    maxBodyLength: limit,
  });
}

/** Settings every request shares: we read every status ourselves and parse the body ourselves. */
export const rawRequestDefaults: AxiosRequestConfig = {
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: [(data: unknown) => data],
  maxRedirects: 0,
};

/** One exchange; `report` (the token request's) is told its status, 0 when no answer came. */
export async function exchange(
  http: AxiosInstance,
  request: AxiosRequestConfig,
  about: Exchange,
  report?: CallReport,
): Promise<RawResponse> {
  const started = performance.now();
  const tell = (status: number) =>
    report?.(about.operation, status, started, { endpoint: about.endpoint });
  try {
    const response = await http.request<string>({ ...rawRequestDefaults, ...request });
    tell(response.status);
    return {
      status: response.status,
      headers: flattenHeaders(response.headers),
      text: typeof response.data === 'string' ? response.data : '',
    };
  } catch (error) {
    tell(0);
    const tooLarge = isAxiosError(error) ? bodyLimitExceeded(error.message) : undefined;
    if (tooLarge) throw bodyTooLarge(about, tooLarge, http.defaults.maxContentLength ?? 0);
    throw errorFromNetwork({
      operation: about.operation,
      endpoint: about.endpoint,
      idempotent: about.idempotent,
      errorCode: isAxiosError(error) ? error.code : undefined,
      errorMessage: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Which limit axios enforced, read from its message (its error code is a generic one). */
function bodyLimitExceeded(message: string): 'answer' | 'request' | undefined {
  if (message.startsWith('maxContentLength size of')) return 'answer';
  if (message.startsWith('Request body larger than maxBodyLength')) return 'request';
  return undefined;
}

function bodyTooLarge(about: Exchange, which: 'answer' | 'request', limit: number): ZoomApiError {
  if (which === 'answer')
    return refusedAnswer(
      about,
      0,
      ZoomErrorCodes.bodyTooLarge,
      `Zoom's answer to ${about.endpoint} is larger than ${limit} bytes, far more than any answer zoomlink asks for, so it was not read. Check what answers at zoom.apiUrl and zoom.oauthUrl (a proxy?).`,
    );
  return new ZoomApiError(
    `The request ${about.endpoint} is larger than ${limit} bytes and was not sent: check zoom.meetingSettings and the rooms’ meetingSettings, and report it if that is not the cause.`,
    {
      code: ZoomErrorCodes.bodyTooLarge,
      status: 0,
      endpoint: about.endpoint,
      operation: about.operation,
      retryable: false,
    },
  );
}

/**
 * A 2xx body that does not match what Zoom documents. A call that is not idempotent (a create)
 * took effect all the same: its outcome is unknown to the caller, who must look before it tries
 * again rather than make a second meeting.
 */
export function invalidResponse(about: Exchange, status: number, problem: string): ZoomApiError {
  return refusedAnswer(
    about,
    status,
    ZoomErrorCodes.responseInvalid,
    `Zoom answered ${about.endpoint} with ${status} and a body zoomlink cannot read (${problem}). ` +
      'This is a change on Zoom’s side or a proxy in the way; report it with this message.',
  );
}

/** What zoomlink says when it refuses a 2xx answer for a reason with its own code. */
const refusals: Partial<Record<ZoomErrorCode, (about: Exchange, problem: string) => string>> = {
  [ZoomErrorCodes.joinUrlUntrusted]: (about, problem) =>
    `Zoom answered ${about.endpoint} with a join link zoomlink does not pass on (${problem}): only https links on zoom.us, zoom.com, zoomgov.com or their subdomains, or on a host in zoom.trustedJoinHosts, are written into calendars, so nothing is written for this booking. For an on-premise Zoom add its host to zoom.trustedJoinHosts; otherwise check what answers at zoom.apiUrl (a proxy rewriting answers?).`,
  [ZoomErrorCodes.meetingIdTooLarge]: (about, problem) =>
    `Zoom answered ${about.endpoint} with a meeting id zoomlink cannot hold exactly (${problem}): it refuses the answer rather than address another meeting. Report it with this message.`,
};

/** A 2xx answer refused at the edge with `code` (see `invalidResponse` for `outcomeUnknown`). */
export function refusedAnswer(
  about: Exchange,
  status: number,
  code: ZoomErrorCode,
  problemOrMessage: string,
): ZoomApiError {
  const outcomeUnknown = !about.idempotent;
  const message = refusals[code]?.(about, problemOrMessage) ?? problemOrMessage;
  return new ZoomApiError(
    outcomeUnknown
      ? `${message} Zoom did make it; zoomlink finds it again before it makes another.`
      : message,
    {
      code,
      status,
      endpoint: about.endpoint,
      operation: about.operation,
      retryable: false,
      outcomeUnknown,
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
