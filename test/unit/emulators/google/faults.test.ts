import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import { alice, apiAs, bob, control, startOrgEmulator, type Api } from './google-harness.js';
import { NOW } from '../../../support/time.js';

const eventsPath = '/calendar/v3/calendars';

describe('Google emulator: quota and faults', () => {
  let google: GoogleEmulator;
  let api: Api;
  beforeAll(async () => {
    google = await startOrgEmulator();
    api = await apiAs(google, alice);
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    await control(google, 'POST', '/reset');
    await control(google, 'POST', '/clock', { set: NOW });
  });

  const list = () => api.call('GET', api.events('primary'));

  it('injects the errors guide bodies by reason: 403 rate limits, 429, 500 backendError', async () => {
    const cases: [string, number, Record<string, string>][] = [
      [
        'rateLimitExceeded',
        403,
        { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
      ],
      [
        'userRateLimitExceeded',
        403,
        {
          domain: 'usageLimits',
          reason: 'userRateLimitExceeded',
          message: 'User Rate Limit Exceeded',
        },
      ],
      [
        'rateLimitExceeded429',
        429,
        { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' },
      ],
      [
        'quotaExceeded',
        403,
        {
          domain: 'usageLimits',
          reason: 'quotaExceeded',
          message: 'Calendar usage limits exceeded.',
        },
      ],
      ['backendError', 500, { domain: 'global', reason: 'backendError', message: 'Backend Error' }],
    ];
    for (const [reason, status, item] of cases) {
      const added = await control(google, 'POST', '/faults/google', {
        path: eventsPath,
        reason,
        retryAfter: '3',
      });
      expect(added.status).toBe(201);
      const failed = await list();
      expect([reason, failed.status, failed.body.error?.errors]).toEqual([reason, status, [item]]);
      expect(failed.body.error).toMatchObject({ code: status, message: item.message });
      expect(failed.headers.get('retry-after')).toBe('3');
      expect((await list()).status).toBe(200);
    }
    const calls = (await control(google, 'GET', '/calls')).body as {
      byRoute: Record<string, number>;
      log: { fault?: string }[];
    };
    expect(calls.byRoute['GET /calendar/v3/calendars/:calendarId/events']).toBe(10);
    expect(calls.log.filter((c) => c.fault).length).toBe(5);
  });

  it("gives the kit's status faults Google's bodies (and drops connections)", async () => {
    await control(google, 'POST', '/faults', {
      path: eventsPath,
      kind: 'status',
      status: 503,
      count: 2,
    });
    expect((await list()).body.error?.errors[0]?.reason).toBe('backendError');
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(200);
    await control(google, 'POST', '/faults', { path: eventsPath, kind: 'status', status: 410 });
    expect((await list()).body.error?.errors[0]?.reason).toBe('fullSyncRequired');
    await control(google, 'POST', '/faults', { path: '/token', kind: 'drop' });
    await expect(apiAs(google, alice)).rejects.toThrow();
  });

  it('limits calls per user per minute when the switch sets a limit, per user, on a sliding window', async () => {
    await control(google, 'POST', '/switches', { userRateLimitPerMinute: 10 });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await list()).status);
    expect(statuses).toEqual([...Array(10).fill(200), 403]);
    expect((await list()).body.error?.errors[0]?.reason).toBe('userRateLimitExceeded');
    const asBob = await apiAs(google, bob);
    expect((await asBob.call('GET', asBob.events('primary'))).status).toBe(200);
    await control(google, 'POST', '/switches', { rateLimitReply: '429-rateLimitExceeded' });
    expect((await list()).status).toBe(429);
    await control(google, 'POST', '/clock', { advanceMs: 61_000 });
    expect((await list()).status).toBe(200);
  });

  it('limits the whole project per minute with a 429 rateLimitExceeded, users together', async () => {
    await control(google, 'POST', '/switches', { projectRateLimitPerMinute: 10 });
    const asBob = await apiAs(google, bob);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await list()).status);
    for (let i = 0; i < 5; i += 1)
      statuses.push((await asBob.call('GET', asBob.events('primary'))).status);
    const refused = await list();
    expect(statuses).toEqual(Array(10).fill(200));
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 429,
      message: 'Rate Limit Exceeded',
      errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }],
    });
    expect((await asBob.call('GET', asBob.events('primary'))).status).toBe(429);
    await control(google, 'POST', '/clock', { advanceMs: 61_000 });
    expect((await list()).status).toBe(200);
  });

  it('counts calls per calendar and per user', async () => {
    await list();
    await api.call('GET', api.events(alice));
    const calls = (await control(google, 'GET', '/calls?log=false')).body as {
      byTag: {
        calendar: Record<string, Record<string, number>>;
        user: Record<string, Record<string, number>>;
      };
    };
    expect(calls.byTag.calendar[alice]).toEqual({
      'GET /calendar/v3/calendars/:calendarId/events': 2,
    });
    expect(calls.byTag.user[alice]).toEqual({ 'GET /calendar/v3/calendars/:calendarId/events': 2 });
  });
});
