import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/index.js';
import { CalendarApiError, GoogleScopes, createGoogleAdapter } from '../../../src/google/index.js';
import { createLogger } from '../../../src/log.js';
import {
  admin,
  ana,
  at,
  readAll,
  rooms,
  startGoogleHarness,
  type GoogleHarness,
} from './google-harness.js';
import { googleRoutes as routes } from '../../support/routes.js';

const listPath = `/calendar/v3/calendars/${encodeURIComponent(rooms.board)}/events`;

describe('Google adapter: failures, retries and auth', () => {
  let google: GoogleHarness;
  beforeAll(async () => {
    google = await startGoogleHarness();
    await google.book(ana, rooms.board, { summary: 'Standing', ...at(1, 10) });
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    google.emulator.server.faults.clear();
    await google.control('POST', '/switches', { delegation: 'allowed' });
    await google.control('POST', '/delegation', { scopes: null });
    await google.resetCalls();
  });

  it.each([
    ['rateLimitExceeded', 403, 'rateLimitExceeded'],
    ['userRateLimitExceeded', 403, 'userRateLimitExceeded'],
    ['rateLimitExceeded429', 429, '429'],
    ['backendError', 500, '500'],
    ['unavailable', 503, '503'],
  ])(
    'retries %s with backoff: exactly one call per attempt',
    async (reason, status, retryReason) => {
      const { adapter, observed } = google.adapter();
      await google.control('POST', '/faults/google', { path: listPath, reason, count: 2 });
      const { events } = await readAll(adapter, rooms.board, null);
      expect(events).toHaveLength(1);
      expect(await google.byRoute()).toEqual({ [routes.token]: 1, [routes.list]: 3 });
      expect(observed.calls.map((c) => c.status)).toEqual([status, status, 200]);
      expect(observed.retries.map((r) => [r.operation, r.attempt, r.reason])).toEqual([
        ['events.list', 1, retryReason],
        ['events.list', 2, retryReason],
      ]);
    },
  );

  it('gives up after google.maxRetries with GOOGLE_RATE_LIMITED', async () => {
    const { adapter } = google.adapter({ google: { maxRetries: 2 } });
    await google.control('POST', '/faults/google', {
      path: listPath,
      reason: 'userRateLimitExceeded',
      count: 5,
    });
    const failure = await readAll(adapter, rooms.board, null).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CalendarApiError);
    expect(failure).toMatchObject({
      code: 'GOOGLE_RATE_LIMITED',
      status: 403,
      reason: 'userRateLimitExceeded',
      retryable: true,
    });
    expect((await google.byRoute())[routes.list]).toBe(3);
  });

  it('honours Retry-After on a 429 (within retryMaxMs)', async () => {
    const { adapter, observed } = google.adapter({ google: { retryMaxMs: 50 } });
    await google.control('POST', '/faults/google', {
      path: listPath,
      reason: 'rateLimitExceeded429',
      count: 1,
      retryAfter: '0.04',
    });
    await readAll(adapter, rooms.board, null);
    expect(observed.retries.map((r) => r.delayMs)).toEqual([40]);
  });

  it('retries a dropped connection, and does not retry a 404', async () => {
    const { adapter, observed } = google.adapter();
    google.emulator.server.faults.add({ path: listPath, kind: 'drop', count: 1 });
    await readAll(adapter, rooms.board, null);
    expect(observed.retries.map((r) => r.reason)).toEqual(['network']);
    expect((await google.byRoute())[routes.list]).toBe(2);

    await google.resetCalls();
    const missing = await readAll(adapter, 'c_nosuchroom@resource.calendar.google.com', null).catch(
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({ code: 'GOOGLE_NOT_FOUND', status: 404 });
    expect((await google.byRoute())[routes.list]).toBe(1);
  });

  it('a call (or token request) slower than google.requestTimeoutMs is abandoned and retried', async () => {
    const { adapter, observed } = google.adapter({ google: { requestTimeoutMs: 150 } });
    google.emulator.server.faults.add({ path: '/token', kind: 'delay', delayMs: 600, count: 1 });
    google.emulator.server.faults.add({ path: listPath, kind: 'delay', delayMs: 600, count: 1 });
    const { events } = await readAll(adapter, rooms.board, null);
    expect(events).toHaveLength(1);
    expect(observed.retries.map((r) => r.reason)).toEqual(['network', 'network']);
    expect(observed.calls.map((c) => c.status)).toEqual([0, 0, 200]);
    // The emulator still answers the two abandoned requests later; let them land in this test.
    const delayed = () =>
      google.emulator.server.calls.summary().log.filter((c) => c.fault === 'delay').length;
    for (let i = 0; i < 100 && delayed() < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(delayed()).toBe(2);
  });

  it('a token the API stops accepting is replaced once, without counting as a failure', async () => {
    const { adapter, observed } = google.adapter();
    await readAll(adapter, rooms.board, null);
    await google.control('POST', '/tokens/expire');
    await google.resetCalls();
    await readAll(adapter, rooms.board, null);
    expect(await google.byRoute()).toEqual({ [routes.list]: 2, [routes.token]: 1 });
    expect(observed.retries.map((r) => r.reason)).toEqual(['token-expired']);
  });

  it('replaces a refused token even with google.maxRetries 0: a refresh spends no retry', async () => {
    const { adapter, observed } = google.adapter({ google: { maxRetries: 0 } });
    await readAll(adapter, rooms.board, null);
    await google.control('POST', '/tokens/expire');
    await google.resetCalls();
    const { events } = await readAll(adapter, rooms.board, null);
    expect(events).toHaveLength(1);
    expect(await google.byRoute()).toEqual({ [routes.list]: 2, [routes.token]: 1 });
    expect(observed.retries.map((r) => r.reason)).toEqual(['token-expired']);
  });

  it('a call goes on when the observer throws', async () => {
    const config = configSchema.parse({
      google: {
        serviceAccountKeyFile: google.keyFile,
        adminSubject: admin,
        calendarRootUrl: google.emulator.rootUrl,
        tokenUrl: google.emulator.tokenUrl,
        retryBaseMs: 1,
        retryMaxMs: 2,
      },
    });
    const broken = () => {
      throw new Error('the observer is broken');
    };
    const adapter = createGoogleAdapter(config, {
      now: () => google.emulator.server.clock.now(),
      logger: createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) }),
      observer: { call: broken, retry: broken },
    });
    await google.control('POST', '/faults/google', { path: listPath, reason: 'backendError' });
    const { events } = await readAll(adapter, rooms.board, null);
    expect(events).toHaveLength(1);
    expect((await google.byRoute())[routes.list]).toBe(2);
  });

  it('asks for one token per user and scope, and reuses it', async () => {
    const { adapter } = google.adapter();
    for (let i = 0; i < 3; i += 1) await readAll(adapter, rooms.board, null);
    const booked = await google.book(ana, rooms.focus, { summary: 'x', ...at(2, 10) });
    for (let i = 0; i < 2; i += 1)
      await adapter.modifyEvent({ calendarId: ana, eventId: booked.id, actAs: ana }, () => ({
        description: `v${i}`,
      }));
    const summary = google.emulator.server.calls.summary();
    expect(summary.byRoute[routes.token]).toBe(2);
    expect(summary.byTag.user?.[admin]?.[routes.token]).toBe(1);
    expect(summary.byTag.user?.[ana]?.[routes.token]).toBe(1);
  });

  it('refused delegation is GOOGLE_DELEGATION_REFUSED, naming the admin setting, the client id and the scope', async () => {
    await google.control('POST', '/switches', { delegation: 'refused' });
    const { adapter } = google.adapter();
    const failure = await readAll(adapter, rooms.board, null).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CalendarApiError);
    expect(failure).toMatchObject({
      code: 'GOOGLE_DELEGATION_REFUSED',
      status: 401,
      reason: 'unauthorized_client',
      retryable: false,
    });
    const message = (failure as Error).message;
    expect(message).toContain('Admin console → Security → API controls → Domain-wide delegation');
    expect(message).toContain(google.emulator.serviceAccountKey.client_id);
    expect(message).toContain(GoogleScopes.readEvents);
    expect(message).toContain(admin);
    // Not retried: one token request, no API call.
    expect(await google.byRoute()).toEqual({ [routes.token]: 1 });
  });

  it('delegation authorised for some scopes only: the call needing another scope is refused', async () => {
    await google.control('POST', '/delegation', {
      scopes: [GoogleScopes.readEvents, GoogleScopes.writeEvents],
    });
    const { adapter } = google.adapter({
      rooms: { source: 'directory', defaultHost: 'zoom@example.com' },
    });
    expect((await readAll(adapter, rooms.board, null)).events.length).toBeGreaterThan(0);
    const failure = await adapter.listRooms().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'GOOGLE_DELEGATION_REFUSED' });
    expect((failure as Error).message).toContain(GoogleScopes.readRooms);
  });

  it('acting as someone who is not a user of the domain is GOOGLE_AUTH_FAILED (invalid_grant)', async () => {
    const { adapter } = google.adapter({ google: { adminSubject: 'nobody@example.com' } });
    const failure = await readAll(adapter, rooms.board, null).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      code: 'GOOGLE_AUTH_FAILED',
      reason: 'invalid_grant',
      retryable: false,
    });
    expect((failure as Error).message).toContain('nobody@example.com');
  });

  it('user OAuth: a refresh token at the configured token URL reads the room calendars', async () => {
    const refreshToken = google.emulator.issueRefreshToken(admin);
    const config = configSchema.parse({
      google: {
        oauthClientId: google.emulator.oauthClient.clientId,
        oauthClientSecret: google.emulator.oauthClient.clientSecret,
        oauthRefreshToken: refreshToken,
        calendarRootUrl: google.emulator.rootUrl,
        tokenUrl: google.emulator.tokenUrl,
      },
    });
    const adapter = createGoogleAdapter(config, { now: () => google.emulator.server.clock.now() });
    const { events } = await readAll(adapter, rooms.board, null);
    expect(events.length).toBeGreaterThan(0);
    expect(google.emulator.server.calls.summary().byTag.user?.[admin]).toMatchObject({
      [routes.token]: 1,
      [routes.list]: 1,
    });

    const revoked = createGoogleAdapter(
      configSchema.parse({
        google: { ...config.google, oauthRefreshToken: 'not-a-refresh-token' },
      }),
    );
    const failure = await readAll(revoked, rooms.board, null).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'GOOGLE_AUTH_FAILED' });
    expect((failure as Error).message).toContain('google.oauthRefreshToken');
  });
});
