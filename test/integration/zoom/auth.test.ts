import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError, type ZoomClient } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

// Server-to-Server OAuth against the emulator's token endpoint, timed by the emulator's clock.
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';

describe('Zoom client: Server-to-Server OAuth', () => {
  let zoom: ZoomHarness;
  let meetingId: number;
  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
    const meeting = await zoom.client.createMeeting(host, {
      type: 2,
      topic: 'Token checks',
      start_time: wallTime(NOW, 1),
      timezone: 'Europe/Berlin',
      duration: 30,
    });
    meetingId = meeting.id;
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => {
    await zoom.setClock(NOW);
    await zoom.resetCalls();
    zoom.observed.retries.length = 0;
  });

  const fresh = (): ZoomClient => zoom.newClient();

  it('fetches one token for many callers at once, and reuses it', async () => {
    const client = fresh();
    await Promise.all(Array.from({ length: 12 }, () => client.getMeeting(meetingId)));
    await client.getMeeting(meetingId);
    expect(await zoom.count(routes.token)).toBe(1);
    expect(await zoom.count(routes.get)).toBe(13);
  });

  it('drops a token Zoom calls invalid (401/124) mid-run and retries once with a new one', async () => {
    const client = fresh();
    await client.getMeeting(meetingId);
    await zoom.expireTokens();
    expect((await client.getMeeting(meetingId))?.id).toBe(meetingId);
    const calls = await zoom.calls();
    expect(calls.byRoute[routes.token]).toBe(2);
    expect(calls.byRoute[routes.get]).toBe(3);
    expect(calls.log.filter((c) => c.route === routes.get).map((c) => c.status)).toEqual([
      200, 401, 200,
    ]);
    expect(zoom.observed.retries.map((r) => r.reason)).toEqual(['token-expired']);
  });

  it('refreshes a token shortly before it expires, without a 401', async () => {
    const client = fresh();
    await client.getMeeting(meetingId);
    await zoom.setClock('2030-03-14T08:54:00Z');
    await client.getMeeting(meetingId);
    expect(await zoom.count(routes.token)).toBe(1);
    // Five minutes before the hour is up, the next call takes a new token first.
    await zoom.setClock('2030-03-14T08:55:30Z');
    await client.getMeeting(meetingId);
    const calls = await zoom.calls();
    expect(calls.byRoute[routes.token]).toBe(2);
    expect(calls.log.filter((c) => c.route === routes.get).every((c) => c.status === 200)).toBe(
      true,
    );
  });

  it('gives up with ZOOM_AUTH_FAILED when a fresh token is refused too', async () => {
    const client = fresh();
    await zoom.fault({
      path: '/v2/meetings',
      kind: 'status',
      status: 401,
      count: 2,
      body: { code: 124, message: 'Invalid access token.' },
    });
    const error = await rejection(client.getMeeting(meetingId));
    expect(error).toBeInstanceOf(ZoomApiError);
    expect((error as ZoomApiError).code).toBe('ZOOM_AUTH_FAILED');
    expect((error as ZoomApiError).retryable).toBe(false);
    expect(await zoom.count(routes.get)).toBe(2);
    expect(await zoom.count(routes.token)).toBe(2);
  });

  it('reports wrong credentials as ZOOM_AUTH_FAILED after one token request, naming the fix', async () => {
    const client = zoom.newClient({ clientSecret: 'not-the-secret' });
    const error = await rejection(client.getMeeting(meetingId));
    expect((error as ZoomApiError).code).toBe('ZOOM_AUTH_FAILED');
    expect((error as ZoomApiError).endpoint).toBe('POST /oauth/token');
    expect((error as ZoomApiError).message).toContain('Invalid client_id or client_secret');
    expect((error as ZoomApiError).message).toContain('zoom.clientSecret');
    expect((error as ZoomApiError).message).not.toContain('not-the-secret');
    expect(await zoom.count(routes.token)).toBe(1);
    expect(await zoom.count(routes.get)).toBe(0);
  });

  it('reports a scope the app lacks (400/4711) as ZOOM_AUTH_FAILED at once, without retrying', async () => {
    await zoom.control('POST', '/scopes', {
      scopes: ['meeting:read:admin', 'meeting:write:meeting:admin'],
    });
    try {
      const client = fresh();
      const error = await rejection(client.deleteMeeting(meetingId));
      expect((error as ZoomApiError).code).toBe('ZOOM_AUTH_FAILED');
      expect((error as ZoomApiError).zoomCode).toBe(4711);
      expect((error as ZoomApiError).retryable).toBe(false);
      expect((error as ZoomApiError).message).toContain('meeting:delete:meeting:admin');
      expect(await zoom.count(routes.delete)).toBe(1);
      expect((await client.getMeeting(meetingId))?.id).toBe(meetingId);
    } finally {
      await zoom.control('POST', '/scopes', {
        scopes: ['meeting:read:admin', 'meeting:write:admin'],
      });
    }
  });

  it('works when Zoom refuses token parameters in the query string (they go in the form body)', async () => {
    await zoom.control('POST', '/switches', { tokenParamsInQuery: 'refused' });
    try {
      expect((await fresh().getMeeting(meetingId))?.id).toBe(meetingId);
    } finally {
      await zoom.control('POST', '/switches', { tokenParamsInQuery: 'accepted' });
    }
  });

  it('writes no secret into any log line', async () => {
    const client = fresh();
    await client.getMeeting(meetingId);
    await zoom.expireTokens();
    await client.getMeeting(meetingId);
    await rejection(zoom.newClient({ clientSecret: 'wrong-secret-value' }).getMeeting(meetingId));
    const logs = zoom.logLines.join('\n');
    expect(zoom.logLines.length).toBeGreaterThan(3);
    expect(logs).not.toContain(zoom.config.clientSecret);
    expect(logs).not.toContain('wrong-secret-value');
    expect(logs).not.toMatch(/Bearer|Basic /);
    // The emulator's tokens are JWT-shaped (eyJ…); none may appear.
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });
});
