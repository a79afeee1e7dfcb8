import { describe, expect, it } from 'vitest';
import {
  dailyLimitResetAt,
  errorFromNetwork,
  errorFromResponse,
  isDailyLimit,
  parseZoomErrorBody,
  type FailedResponse,
} from '../../../src/zoom/error-mapping.js';
import { ZoomErrorCodes } from '../../../src/zoom/errors.js';

const now = new Date('2024-05-30T17:20:00Z');
// The exact per-host body Zoom sends (devforum 18928, 129190).
const dailyBody = {
  code: 429,
  message:
    'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
};

function failed(partial: Partial<FailedResponse> & Pick<FailedResponse, 'status'>) {
  return errorFromResponse({
    operation: 'meetings.update',
    endpoint: 'PATCH /meetings/85746065432',
    headers: {},
    body: undefined,
    idempotent: true,
    now,
    ...partial,
  });
}

describe('parseZoomErrorBody', () => {
  it('reads the API shape with its field errors', () => {
    expect(
      parseZoomErrorBody({
        code: 300,
        message: 'Validation Failed.',
        errors: [{ field: 'topic', message: 'Invalid field.' }],
      }),
    ).toEqual({
      code: 300,
      message: 'Validation Failed.',
      errors: [{ field: 'topic', message: 'Invalid field.' }],
    });
  });

  it('reads the OAuth shape and a numeric string code', () => {
    expect(
      parseZoomErrorBody({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' }),
    ).toEqual({ message: 'Invalid client_id or client_secret' });
    expect(parseZoomErrorBody({ code: '3001' })).toEqual({ code: 3001 });
  });

  it('gives nothing for bodies that are not Zoom errors', () => {
    expect(parseZoomErrorBody('<html>Bad gateway</html>')).toEqual({});
    expect(parseZoomErrorBody(undefined)).toEqual({});
    expect(parseZoomErrorBody({ code: { nested: true }, message: 5 })).toEqual({});
  });
});

describe('errorFromResponse', () => {
  it('names every bad field of a 300 Validation Failed', () => {
    const error = failed({
      status: 400,
      body: {
        code: 300,
        message: 'Validation Failed.',
        errors: [
          { field: 'topic', message: 'Invalid field.' },
          { field: 'recurrence.weekly_days', message: 'Invalid field.' },
        ],
      },
    });
    expect(error.code).toBe(ZoomErrorCodes.validationFailed);
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.zoomCode).toBe(300);
    expect(error.fields.map((f) => f.field)).toEqual(['topic', 'recurrence.weekly_days']);
    expect(error.message).toContain('topic (Invalid field.)');
    expect(error.message).toContain('recurrence.weekly_days');
    expect(error.message).toContain('PATCH /meetings/85746065432');
  });

  it("keeps Zoom's X-RateLimit-Remaining of a refused call", () => {
    const error = failed({
      status: 400,
      headers: { 'x-ratelimit-remaining': '57' },
      body: { code: 300, message: 'Validation Failed.', errors: [] },
    });
    expect(error.rateLimitRemaining).toBe(57);
    expect(
      failed({ status: 400, headers: { 'x-ratelimit-remaining': 'many' } }).rateLimitRemaining,
    ).toBeUndefined();
  });

  it('maps 404/3001 to meeting-not-found and 404/1001 to user-not-found', () => {
    expect(
      failed({ status: 404, body: { code: 3001, message: 'Meeting does not exist: 1.' } }).code,
    ).toBe(ZoomErrorCodes.meetingNotFound);
    expect(failed({ status: 400, body: { code: 3001 } }).code).toBe(ZoomErrorCodes.meetingNotFound);
    const user = failed({ status: 404, body: { code: 1001, message: 'User does not exist: x.' } });
    expect(user.code).toBe(ZoomErrorCodes.userNotFound);
    expect(user.message).toContain('zoomHost');
  });

  it('maps 401 on the API and 400/401 on the token endpoint to auth failure', () => {
    expect(
      failed({ status: 401, body: { code: 124, message: 'Invalid access token.' } }).code,
    ).toBe(ZoomErrorCodes.authFailed);
    const token = failed({
      status: 400,
      endpoint: 'POST /oauth/token',
      body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' },
    });
    expect(token.code).toBe('ZOOM_AUTH_FAILED');
    expect(token.retryable).toBe(false);
    expect(token.message).toContain('Invalid client_id or client_secret');
    expect(token.message).toContain('zoom.clientSecret');
  });

  it('tells a meeting in progress (3000 "started", 3002) from an invalid occurrence (3000)', () => {
    const started = failed({
      status: 400,
      endpoint: 'PATCH /meetings/1',
      body: {
        code: 3000,
        message: 'You cannot update or delete meetings that have started using this method.',
      },
    });
    expect(started.code).toBe(ZoomErrorCodes.meetingInProgress);
    expect(started.retryable).toBe(false);
    expect(started.message).toContain('sync.inProgressRecheckMinutes');
    const running = failed({
      status: 400,
      body: {
        code: 3002,
        message: 'Sorry, you cannot delete this meeting since it is in progress.',
      },
    });
    expect(running.code).toBe(ZoomErrorCodes.meetingInProgress);
    const occurrence = failed({
      status: 400,
      body: { code: 3000, message: 'Invalid occurrence_id.' },
    });
    expect(occurrence.code).toBe(ZoomErrorCodes.apiError);
    expect(occurrence.zoomCode).toBe(3000);
  });

  it('maps 400/4711 (a scope the app lacks) to auth failure, naming the fix', () => {
    const error = failed({
      status: 400,
      endpoint: 'DELETE /meetings/1',
      body: {
        code: 4711,
        message: 'Invalid access token, does not contain scopes:[meeting:delete:meeting:admin].',
      },
    });
    expect(error.code).toBe(ZoomErrorCodes.authFailed);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('meeting:delete:meeting:admin');
    expect(error.message).toContain('Scopes');
    expect(error.message).toContain('zoomlink doctor');
  });

  it('reads a per-second 429 with Retry-After in seconds as retryable', () => {
    const error = failed({
      status: 429,
      headers: { 'retry-after': '2', 'x-ratelimit-type': 'QPS' },
      body: {
        code: 429,
        message:
          'You have reached the maximum per-second rate limit for this API. Try again later.',
      },
    });
    expect(error.code).toBe(ZoomErrorCodes.rateLimited);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.dailyLimitResetsAt).toBeUndefined();
  });

  it('reads the daily 429 (with or without headers) as lifting at the reset', () => {
    const withHeaders = failed({
      status: 429,
      headers: { 'x-ratelimit-type': 'Daily-limit', 'retry-after': '2024-05-31T00:00:00Z' },
      body: dailyBody,
    });
    expect(withHeaders.dailyLimitResetsAt?.toISOString()).toBe('2024-05-31T00:00:00.000Z');
    const bare = failed({ status: 429, body: dailyBody });
    expect(bare.dailyLimitResetsAt?.toISOString()).toBe('2024-05-31T00:00:00.000Z');
    expect(bare.message).toContain('until 2024-05-31T00:00:00.000Z');
  });

  it('marks a 5xx of a create as of unknown outcome, and of a read as not', () => {
    const create = failed({ status: 500, idempotent: false, endpoint: 'POST /users/a/meetings' });
    expect(create.code).toBe(ZoomErrorCodes.unavailable);
    expect(create.retryable).toBe(true);
    expect(create.outcomeUnknown).toBe(true);
    expect(failed({ status: 503 }).outcomeUnknown).toBe(false);
  });

  it('keeps other refusals as a plain, final API error', () => {
    const error = failed({
      status: 400,
      body: { code: 3003, message: 'You are not the meeting host.' },
    });
    expect(error.code).toBe(ZoomErrorCodes.apiError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('code 3003: You are not the meeting host.');
  });
});

describe('isDailyLimit and dailyLimitResetAt', () => {
  it('needs a 429', () => {
    expect(isDailyLimit(400, { 'x-ratelimit-type': 'Daily-limit' }, dailyBody.message)).toBe(false);
    expect(isDailyLimit(429, {}, 'per-second')).toBe(false);
    expect(isDailyLimit(429, { 'x-ratelimit-type': 'daily-limit' })).toBe(true);
  });

  it('falls back to the next 00:00 UTC when Retry-After is absent, in the past or seconds of zero', () => {
    expect(dailyLimitResetAt({}, now).toISOString()).toBe('2024-05-31T00:00:00.000Z');
    expect(dailyLimitResetAt({ 'retry-after': '2020-05-31T00:00:00Z' }, now).toISOString()).toBe(
      '2024-05-31T00:00:00.000Z',
    );
    expect(dailyLimitResetAt({ 'retry-after': '0' }, now).toISOString()).toBe(
      '2024-05-31T00:00:00.000Z',
    );
  });
});

describe('errorFromNetwork', () => {
  const base = {
    operation: 'meetings.create',
    endpoint: 'POST /users/a/meetings',
    errorMessage: 'x',
  };

  it('calls a refused connection safe to repeat, even for a create', () => {
    const error = errorFromNetwork({ ...base, errorCode: 'ECONNREFUSED', idempotent: false });
    expect(error.status).toBe(0);
    expect(error.retryable).toBe(true);
    expect(error.outcomeUnknown).toBe(false);
  });

  it('calls a reset or timeout of a create of unknown outcome', () => {
    for (const errorCode of ['ECONNRESET', 'ECONNABORTED', undefined]) {
      expect(errorFromNetwork({ ...base, errorCode, idempotent: false }).outcomeUnknown).toBe(true);
      expect(errorFromNetwork({ ...base, errorCode, idempotent: true }).outcomeUnknown).toBe(false);
    }
  });
});
