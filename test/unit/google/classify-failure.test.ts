import { describe, expect, it } from 'vitest';
import { CalendarApiError, GoogleErrorCodes } from '../../../src/google/calendar-api-error.js';
import {
  classifyFailure,
  isTransient,
  retryReason,
  type FailureContext,
} from '../../../src/google/classify-failure.js';

const serviceAccount: FailureContext['auth'] = {
  kind: 'serviceAccount',
  clientEmail: 'zoomlink@project.iam.gserviceaccount.com',
  clientId: '113954224370116581234',
};
const listing: FailureContext = {
  operation: 'events.list',
  calendarId: 'room@resource.calendar.google.com',
  subject: 'admin@example.com',
  auth: serviceAccount,
};

/** An error body as the errors guide shows them (developers.google.com/workspace/calendar/api/guides/errors). */
const googleError = (code: number, reason: string, message: string, domain = 'global') => ({
  error: { errors: [{ domain, reason, message }], code, message },
});

const api = (
  status: number,
  body: unknown,
  context: FailureContext = listing,
  retryAfterMs?: number,
) => classifyFailure({ status, body, fromTokenEndpoint: false, retryAfterMs }, context);

describe('classifyFailure: API answers', () => {
  it('410 fullSyncRequired on an incremental list asks for a full sync', () => {
    const body = {
      error: {
        errors: [
          {
            domain: 'calendar',
            reason: 'fullSyncRequired',
            message: 'Sync token is no longer valid, a full sync is required.',
            locationType: 'parameter',
            location: 'syncToken',
          },
        ],
        code: 410,
        message: 'Sync token is no longer valid, a full sync is required.',
      },
    };
    const error = api(410, body, { ...listing, usingSyncToken: true });
    expect(error).toBeInstanceOf(CalendarApiError);
    expect(error).toMatchObject({
      code: 'GOOGLE_FULL_SYNC_REQUIRED',
      status: 410,
      reason: 'fullSyncRequired',
      retryable: false,
    });
    expect(error.message).toContain('room@resource.calendar.google.com');
  });

  it('410 elsewhere (an event deleted already) means gone, not a full sync', () => {
    const error = api(410, googleError(410, 'deleted', 'Resource has been deleted'), {
      ...listing,
      operation: 'events.get',
    });
    expect(error).toMatchObject({
      code: GoogleErrorCodes.notFound,
      status: 410,
      reason: 'deleted',
    });
  });

  it.each([
    [403, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits'],
    [403, 'userRateLimitExceeded', 'User Rate Limit Exceeded', 'usageLimits'],
    [429, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits'],
  ])('%i %s is a transient rate limit', (status, reason, message, domain) => {
    const error = api(status, googleError(status, reason, message, domain));
    expect(error).toMatchObject({ code: 'GOOGLE_RATE_LIMITED', status, reason, retryable: true });
    expect(isTransient(error)).toBe(true);
    expect(retryReason(error)).toBe(status === 403 ? reason : '429');
  });

  it('keeps the Retry-After delay Google asked for', () => {
    expect(api(429, googleError(429, 'rateLimitExceeded', 'x'), listing, 2000).retryAfterMs).toBe(
      2000,
    );
  });

  it('403 quotaExceeded is retryable later but not retried now', () => {
    const error = api(
      403,
      googleError(403, 'quotaExceeded', 'Calendar usage limits exceeded.', 'usageLimits'),
    );
    expect(error).toMatchObject({ code: 'GOOGLE_QUOTA_EXCEEDED', retryable: true });
    expect(isTransient(error)).toBe(false);
  });

  it('403 forbiddenForNonOrganizer is a permanent refusal', () => {
    const error = api(
      403,
      googleError(
        403,
        'forbiddenForNonOrganizer',
        'Shared properties can only be changed by the organizer of the event.',
        'calendar',
      ),
    );
    expect(error).toMatchObject({
      code: 'GOOGLE_FORBIDDEN',
      retryable: false,
      reason: 'forbiddenForNonOrganizer',
    });
    expect(error.message).toContain('Shared properties can only be changed');
  });

  it.each([500, 502, 503])('%i is a transient server error', (status) => {
    const error = api(status, googleError(status, 'backendError', 'Backend Error'));
    expect(error).toMatchObject({ code: 'GOOGLE_SERVER_ERROR', retryable: true });
    expect(isTransient(error)).toBe(true);
    expect(retryReason(error)).toBe(String(status));
  });

  it('a 5xx with an HTML body keeps a bit of the text', () => {
    const error = api(502, '<html>Bad Gateway</html>');
    expect(error).toMatchObject({ code: 'GOOGLE_SERVER_ERROR', reason: '502' });
    expect(error.message).toContain('Bad Gateway');
  });

  it('412 conditionNotMet is a write conflict; 404 is not found; 400 a bad request; 401 an auth failure', () => {
    expect(api(412, googleError(412, 'conditionNotMet', 'Precondition Failed'))).toMatchObject({
      code: 'GOOGLE_WRITE_CONFLICT',
      reason: 'conditionNotMet',
    });
    expect(api(404, googleError(404, 'notFound', 'Not Found'))).toMatchObject({
      code: 'GOOGLE_NOT_FOUND',
      retryable: false,
    });
    expect(
      api(
        400,
        googleError(400, 'timeRangeEmpty', 'The specified time range is empty.', 'calendar'),
      ),
    ).toMatchObject({
      code: 'GOOGLE_BAD_REQUEST',
      reason: 'timeRangeEmpty',
    });
    expect(api(401, googleError(401, 'authError', 'Invalid Credentials'))).toMatchObject({
      code: 'GOOGLE_AUTH_FAILED',
      status: 401,
    });
    expect(
      api(409, googleError(409, 'duplicate', 'The requested identifier already exists.')),
    ).toMatchObject({
      code: 'GOOGLE_API_ERROR',
      retryable: false,
    });
  });

  it('no answer at all is a transient network error', () => {
    const error = classifyFailure(
      {
        status: 0,
        body: undefined,
        fromTokenEndpoint: false,
        networkDetail: 'ECONNRESET: socket hang up',
      },
      listing,
    );
    expect(error).toMatchObject({
      code: 'GOOGLE_NETWORK_ERROR',
      status: 0,
      reason: 'network',
      retryable: true,
    });
    expect(error.message).toContain('ECONNRESET');
    expect(retryReason(error)).toBe('network');
  });
});

describe('classifyFailure: token endpoint answers', () => {
  const token = (status: number, body: unknown, context: FailureContext = listing) =>
    classifyFailure(
      { status, body, fromTokenEndpoint: true },
      { ...context, scopes: ['https://www.googleapis.com/auth/calendar.events.readonly'] },
    );

  it('401 unauthorized_client is refused delegation, naming the admin setting, the client id and the scopes', () => {
    const error = token(401, {
      error: 'unauthorized_client',
      error_description:
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
    });
    expect(error).toMatchObject({
      code: 'GOOGLE_DELEGATION_REFUSED',
      status: 401,
      reason: 'unauthorized_client',
      retryable: false,
    });
    expect(error.message).toContain(
      'Admin console → Security → API controls → Domain-wide delegation',
    );
    expect(error.message).toContain('113954224370116581234');
    expect(error.message).toContain('https://www.googleapis.com/auth/calendar.events.readonly');
    expect(error.message).toContain('admin@example.com');
    expect(error.message).toContain('zoomlink@project.iam.gserviceaccount.com');
  });

  it('invalid_grant for a service account names the subject, the key and the clock', () => {
    const error = token(400, {
      error: 'invalid_grant',
      error_description: 'Invalid email or User ID',
    });
    expect(error).toMatchObject({
      code: 'GOOGLE_AUTH_FAILED',
      reason: 'invalid_grant',
      retryable: false,
    });
    expect(error.message).toMatch(/active user.*clock/s);
  });

  it('invalid_grant for user OAuth says to authorise again', () => {
    const error = token(
      400,
      { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      { ...listing, auth: { kind: 'userOAuth' } },
    );
    expect(error).toMatchObject({ code: 'GOOGLE_AUTH_FAILED' });
    expect(error.message).toContain('google.oauthRefreshToken');
  });

  it('a failing token endpoint (5xx, 429, no answer) is transient', () => {
    expect(isTransient(token(503, 'unavailable'))).toBe(true);
    expect(isTransient(token(429, { error: 'rate_limited' }))).toBe(true);
    expect(
      isTransient(
        classifyFailure({ status: 0, body: undefined, fromTokenEndpoint: true }, listing),
      ),
    ).toBe(true);
  });
});
