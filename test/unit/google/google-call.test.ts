import { describe, expect, it } from 'vitest';
import type { ApiCallEvent, ApiRetryEvent } from '../../../src/domain/api-observer.js';
import { createLogger } from '../../../src/log.js';
import type { AuthClient, AuthClients } from '../../../src/google/auth-clients.js';
import { CalendarApiError } from '../../../src/google/calendar-api-error.js';
import { createGoogleCalls, type GoogleRequest } from '../../../src/google/google-call.js';
import { GoogleRateLimits } from '../../../src/google/rate-limits.js';
import { GoogleScopes } from '../../../src/google/scopes.js';
import { Writable } from 'node:stream';
import { z } from 'zod';

const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

/** Stand-in auth clients: the runner only passes them to `send`; counts creations. */
function fakeClients() {
  const made: string[] = [];
  const cache = new Map<string, AuthClient>();
  const clients: AuthClients = {
    tokenUrls: ['https://oauth2.googleapis.com/token'],
    clientFor(subject, scope) {
      const key = `${subject} ${scope}`;
      if (!cache.has(key)) {
        made.push(key);
        cache.set(key, {} as AuthClient);
      }
      return cache.get(key)!;
    },
    forget(subject, scope) {
      cache.delete(`${subject} ${scope}`);
    },
  };
  return { clients, made };
}

const httpError = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`status ${status}`), {
    config: { url: 'https://www.googleapis.com/calendar/v3/calendars/r/events' },
    response: { status, data: body, headers: new Headers(headers) },
  });
const rateLimited = httpError(403, {
  error: {
    code: 403,
    message: 'Rate Limit Exceeded',
    errors: [
      { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
    ],
  },
});

function setup(maxRetries = 3, limits?: GoogleRateLimits) {
  const observed: ApiCallEvent[] = [];
  const retries: ApiRetryEvent[] = [];
  const slept: number[] = [];
  const { clients, made } = fakeClients();
  const calls = createGoogleCalls({
    policy: { maxRetries, baseMs: 100, maxMs: 1000 },
    auth: () => ({
      clients,
      description: { kind: 'serviceAccount', clientEmail: 'sa@x', clientId: '1' },
    }),
    roots: { calendar: 'https://www.googleapis.com/', directory: 'https://admin.googleapis.com/' },
    observer: { call: (e) => observed.push(e), retry: (e) => retries.push(e) },
    logger: quiet,
    ...(limits ? { limits } : {}),
    now: () => new Date('2026-03-02T10:00:00Z'),
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
  const run = (spec: Omit<GoogleRequest, 'send'>, send: GoogleRequest['send']) =>
    calls.call({ ...spec, send }, z.unknown());
  return { run, calls: observed, retries, slept, made };
}

const spec = {
  operation: 'events.list',
  subject: 'admin@example.com',
  scope: GoogleScopes.readEvents,
  calendarId: 'r',
};

describe('the Google call runner', () => {
  it('passes each attempt through the user’s and the project’s quota limiters, and slows the one a refusal names', async () => {
    const limits = new GoogleRateLimits({ perUserPerMinute: 6000, perProjectPerMinute: 60_000 });
    const { run } = setup(3, limits);
    const userLimited = httpError(403, {
      error: {
        code: 403,
        message: 'User Rate Limit Exceeded',
        errors: [
          {
            domain: 'usageLimits',
            reason: 'userRateLimitExceeded',
            message: 'User Rate Limit Exceeded',
          },
        ],
      },
    });
    let n = 0;
    await run(spec, async () => {
      n += 1;
      if (n === 1) throw userLimited;
      return { status: 200, data: null };
    });
    const [project, users] = limits.statuses();
    expect(project).toMatchObject({ name: 'google.project', admitted: 2, slowDowns: 0 });
    expect(users).toMatchObject({ name: 'google.user', admitted: 2, slowDowns: 1 });
    // A rate limit that does not say whose (403 rateLimitExceeded, 429): both slow down.
    n = 0;
    await run({ ...spec, subject: 'other@example.com' }, async () => {
      n += 1;
      if (n === 1) throw rateLimited;
      return { status: 200, data: null };
    });
    expect(limits.statuses()[0]).toMatchObject({ admitted: 4, slowDowns: 1 });
    expect(limits.userStatuses().map((u) => [u.name, u.slowDowns])).toEqual([
      ['google.user:admin@example.com', 1],
      ['google.user:other@example.com', 1],
    ]);
    // The Directory API has quotas of its own: none of these.
    await run({ ...spec, scope: GoogleScopes.readRooms }, async () => ({
      status: 200,
      data: null,
    }));
    expect(limits.statuses()[0]).toMatchObject({ admitted: 4 });
  });

  it('retries rate limits with backoff and reports every attempt and retry', async () => {
    const { run, calls, retries, slept } = setup();
    let n = 0;
    const data = await run(spec, async () => {
      n += 1;
      if (n <= 2) throw rateLimited;
      return { status: 200, data: 'ok' };
    });
    expect(data).toBe('ok');
    expect(n).toBe(3);
    expect(calls.map((c) => [c.operation, c.status])).toEqual([
      ['events.list', 403],
      ['events.list', 403],
      ['events.list', 200],
    ]);
    expect(retries.map((r) => [r.attempt, r.reason])).toEqual([
      [1, 'rateLimitExceeded'],
      [2, 'rateLimitExceeded'],
    ]);
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeLessThanOrEqual(100);
    expect(slept[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after maxRetries with a CalendarApiError', async () => {
    const { run, calls } = setup(2);
    const failure = run(spec, async () => {
      throw httpError(503, {
        error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError' }] },
      });
    });
    await expect(failure).rejects.toBeInstanceOf(CalendarApiError);
    await expect(failure).rejects.toMatchObject({ code: 'GOOGLE_SERVER_ERROR', status: 503 });
    expect(calls).toHaveLength(3);
  });

  it('waits what Retry-After asks; a longer wait than retryMaxMs is not waited for', async () => {
    const { run, slept, calls } = setup();
    let n = 0;
    const limited = (retryAfter: string) =>
      httpError(
        429,
        { error: { code: 429, errors: [{ reason: 'rateLimitExceeded' }] } },
        { 'Retry-After': retryAfter },
      );
    await run(spec, async () => {
      n += 1;
      if (n === 1) throw limited('0.5');
      return { status: 200, data: null };
    });
    expect(slept).toEqual([500]);
    // Asking again sooner than Google said is bound to fail: the caller tries later instead.
    await expect(
      run(spec, async () => {
        throw limited('120');
      }),
    ).rejects.toMatchObject({ code: 'GOOGLE_RATE_LIMITED', retryAfterMs: 120_000 });
    expect(slept).toEqual([500]);
    expect(calls).toHaveLength(3);
  });

  it('does not retry what will not change (404, 412, refused delegation)', async () => {
    const { run, calls } = setup();
    await expect(
      run(spec, async () => {
        throw httpError(404, { error: { code: 404, errors: [{ reason: 'notFound' }] } });
      }),
    ).rejects.toMatchObject({ code: 'GOOGLE_NOT_FOUND' });
    await expect(
      run(spec, async () => {
        throw Object.assign(new Error('unauthorized_client'), {
          config: { url: new URL('https://oauth2.googleapis.com/token') },
          response: {
            status: 401,
            data: { error: 'unauthorized_client', error_description: 'no' },
            headers: new Headers(),
          },
        });
      }),
    ).rejects.toMatchObject({ code: 'GOOGLE_DELEGATION_REFUSED' });
    expect(calls).toHaveLength(2);
  });

  it('a 401 from the API gets one retry with a new auth client', async () => {
    const { run, retries, made } = setup();
    let n = 0;
    const unauthorised = httpError(401, {
      error: { code: 401, errors: [{ reason: 'authError', message: 'Invalid Credentials' }] },
    });
    await run(spec, async () => {
      n += 1;
      if (n === 1) throw unauthorised;
      return { status: 200, data: null };
    });
    expect(retries.map((r) => r.reason)).toEqual(['token-expired']);
    expect(made).toHaveLength(2);
    n = 0;
    await expect(
      run(spec, async () => {
        throw unauthorised;
      }),
    ).rejects.toMatchObject({ code: 'GOOGLE_AUTH_FAILED', status: 401 });
  });

  it('a refused token is replaced even with maxRetries 0 (a refresh is not a retry)', async () => {
    const { run, retries, made } = setup(0);
    let n = 0;
    await run(spec, async () => {
      n += 1;
      if (n === 1)
        throw httpError(401, { error: { code: 401, errors: [{ reason: 'authError' }] } });
      return { status: 200, data: null };
    });
    expect(n).toBe(2);
    expect(made).toHaveLength(2);
    expect(retries.map((r) => r.reason)).toEqual(['token-expired']);
  });

  it('checks the answer against the schema inside the call: GOOGLE_UNEXPECTED_RESPONSE', async () => {
    const calls = createGoogleCalls({
      policy: { maxRetries: 3, baseMs: 1, maxMs: 1 },
      auth: () => ({ clients: fakeClients().clients, description: { kind: 'userOAuth' } }),
      roots: { calendar: 'c', directory: 'd' },
      logger: quiet,
      now: () => new Date('2026-03-02T10:00:00Z'),
    });
    const failure = calls.call(
      { ...spec, send: async () => ({ status: 200, data: { items: 'not a list' } }) },
      z.object({ items: z.array(z.unknown()) }),
    );
    await expect(failure).rejects.toMatchObject({
      code: 'GOOGLE_UNEXPECTED_RESPONSE',
      retryable: false,
      operation: 'events.list',
    });
    await expect(failure).rejects.toThrow(/events\.list on r: could not read the answer \(items: /);
  });

  it('retries a dropped connection as a network failure', async () => {
    const { run, retries, calls } = setup();
    let n = 0;
    await run(spec, async () => {
      n += 1;
      if (n === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      return { status: 200, data: null };
    });
    expect(retries.map((r) => r.reason)).toEqual(['network']);
    expect(calls.map((c) => c.status)).toEqual([0, 200]);
  });
});
