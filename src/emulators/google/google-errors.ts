import type { EmulatorDialect, Reply } from '../kit/index.js';

/**
 * Google's JSON error envelope (errors guide,
 * developers.google.com/workspace/calendar/api/guides/errors):
 * `{"error": {"errors": [{domain, reason, message, locationType?, location?}], "code", "message", "status"?}}`.
 * Live answers carry a gRPC-style `status` (e.g. the 403 in alextselegidis/easyappointments #995;
 * the mapping beyond 403 is UNCONFIRMED); the guide's 410 and 412 examples have none,
 * so those are sent exactly as the guide prints them.
 */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Thrown by handlers; the route wrapper turns it into the reply. */
export class GoogleApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly item: GoogleErrorItem,
    readonly options: {
      topMessage?: string;
      withStatus?: boolean;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(item.message);
  }

  reply(): Reply {
    return googleErrorReply(this.status, this.item, this.options);
  }
}

export function googleErrorReply(
  code: number,
  item: GoogleErrorItem,
  options: { topMessage?: string; withStatus?: boolean; headers?: Record<string, string> } = {},
): Reply {
  const withStatus = options.withStatus ?? (code !== 410 && code !== 412);
  const error: Record<string, unknown> = {
    errors: [item],
    code,
    message: options.topMessage ?? item.message,
  };
  if (withStatus && statusNames[code]) error.status = statusNames[code];
  return { status: code, headers: options.headers, body: { error } };
}

const fail = (status: number, item: GoogleErrorItem, options?: GoogleApiFailure['options']) =>
  new GoogleApiFailure(status, item, options);

/** The errors zoomlink's adapter must tell apart, each as the errors guide prints it. */
export const googleErrors = {
  badRequest: (message = 'Bad Request', location?: string) =>
    fail(400, {
      domain: 'global',
      reason: location ? 'invalid' : 'badRequest',
      message,
      ...(location ? { locationType: 'parameter', location } : {}),
    }),
  invalid: (message: string, location?: string, locationType = 'parameter') =>
    fail(400, {
      domain: 'global',
      reason: 'invalid',
      message,
      ...(location ? { locationType, location } : {}),
    }),
  required: (message: string, location?: string) =>
    fail(400, {
      domain: 'global',
      reason: 'required',
      message,
      ...(location ? { locationType: 'parameter', location } : {}),
    }),
  timeRangeEmpty: (location = 'timeMax') =>
    fail(400, {
      domain: 'calendar',
      reason: 'timeRangeEmpty',
      message: 'The specified time range is empty.',
      locationType: 'parameter',
      location,
    }),
  // Live 401 body (e.g. easyappointments #995 family): message names the missing credential.
  authError: () =>
    fail(
      401,
      {
        domain: 'global',
        reason: 'authError',
        message: 'Invalid Credentials',
        locationType: 'header',
        location: 'Authorization',
      },
      {
        topMessage:
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      },
    ),
  loginRequired: () =>
    fail(
      401,
      {
        domain: 'global',
        reason: 'required',
        message: 'Login Required.',
        locationType: 'header',
        location: 'Authorization',
      },
      {
        topMessage:
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      },
    ),
  parseError: () => fail(400, { domain: 'global', reason: 'parseError', message: 'Parse Error' }),
  insufficientScopes: () =>
    fail(
      403,
      { domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' },
      { topMessage: 'Request had insufficient authentication scopes.' },
    ),
  requiredAccessLevel: () =>
    fail(403, {
      domain: 'calendar',
      reason: 'requiredAccessLevel',
      message: 'You need to have writer access to this calendar.',
    }),
  forbiddenForNonOrganizer: () =>
    fail(403, {
      domain: 'calendar',
      reason: 'forbiddenForNonOrganizer',
      message: 'Shared properties can only be changed by the organizer of the event.',
    }),
  // Admin SDK answer for a non-admin or another customer.
  directoryForbidden: () =>
    fail(403, {
      domain: 'global',
      reason: 'forbidden',
      message: 'Not Authorized to access this resource/api',
    }),
  notFound: () => fail(404, { domain: 'global', reason: 'notFound', message: 'Not Found' }),
  duplicate: () =>
    fail(409, {
      domain: 'global',
      reason: 'duplicate',
      message: 'The requested identifier already exists.',
    }),
  fullSyncRequired: () =>
    fail(410, {
      domain: 'calendar',
      reason: 'fullSyncRequired',
      message: 'Sync token is no longer valid, a full sync is required.',
      locationType: 'parameter',
      location: 'syncToken',
    }),
  deleted: () =>
    fail(410, { domain: 'global', reason: 'deleted', message: 'Resource has been deleted' }),
  conditionNotMet: () =>
    fail(412, {
      domain: 'global',
      reason: 'conditionNotMet',
      message: 'Precondition Failed',
      locationType: 'header',
      location: 'If-Match',
    }),
  userRateLimitExceeded: () =>
    fail(403, {
      domain: 'usageLimits',
      reason: 'userRateLimitExceeded',
      message: 'User Rate Limit Exceeded',
    }),
  rateLimitExceeded: (status: 403 | 429 = 403) =>
    fail(status, {
      domain: 'usageLimits',
      reason: 'rateLimitExceeded',
      message: 'Rate Limit Exceeded',
    }),
  quotaExceeded: () =>
    fail(403, {
      domain: 'usageLimits',
      reason: 'quotaExceeded',
      message: 'Calendar usage limits exceeded.',
    }),
  backendError: () =>
    fail(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' }),
  unavailable: () =>
    fail(503, {
      domain: 'global',
      reason: 'backendError',
      message: 'The service is currently unavailable.',
    }),
};

export type GoogleErrorName = keyof typeof googleErrors;

/** Faults a test injects by reason name through `/_emulator/faults/google`. */
export const injectableReasons = {
  rateLimitExceeded: () => googleErrors.rateLimitExceeded(403),
  rateLimitExceeded429: () => googleErrors.rateLimitExceeded(429),
  userRateLimitExceeded: googleErrors.userRateLimitExceeded,
  quotaExceeded: googleErrors.quotaExceeded,
  backendError: googleErrors.backendError,
  unavailable: googleErrors.unavailable,
  authError: googleErrors.authError,
  fullSyncRequired: googleErrors.fullSyncRequired,
  conditionNotMet: googleErrors.conditionNotMet,
  notFound: googleErrors.notFound,
} as const;

/** Error bodies for the kit's injected faults (by status) and unknown paths. */
export const googleDialect: EmulatorDialect = {
  errorReply(status, _message, extra) {
    const byStatus: Record<number, () => GoogleApiFailure> = {
      400: () => googleErrors.badRequest(),
      401: googleErrors.authError,
      403: () => googleErrors.rateLimitExceeded(403),
      404: googleErrors.notFound,
      409: () => fail(409, { domain: 'global', reason: 'conflict', message: 'Conflict' }),
      410: googleErrors.fullSyncRequired,
      412: googleErrors.conditionNotMet,
      413: () =>
        fail(413, {
          domain: 'global',
          reason: 'uploadTooLarge',
          message: 'Request Entity Too Large',
        }),
      429: () => googleErrors.rateLimitExceeded(429),
      500: googleErrors.backendError,
      503: googleErrors.unavailable,
    };
    const failure =
      byStatus[status]?.() ??
      fail(status, {
        domain: 'global',
        reason: status >= 500 ? 'backendError' : 'badRequest',
        message: status >= 500 ? 'Backend Error' : 'Bad Request',
      });
    const reply = failure.reply();
    if (extra?.retryAfter) reply.headers = { ...reply.headers, 'retry-after': extra.retryAfter };
    return reply;
  },
  notFound: () => googleErrors.notFound().reply(),
};
