import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseZoom } from '../../../src/zoom/diagnose.js';
import { zoomRoutes as routes } from '../../support/routes.js';
import { HOSTS, startZoomHarness, type ZoomHarness } from './zoom-harness.js';

/** `diagnoseZoom` (Zoom's checks for `zoomlink doctor`) against the Zoom emulator. */
describe('diagnoseZoom', () => {
  let h: ZoomHarness;
  const now = () => h.emulator.server.clock.now();
  const rooms = [
    { name: 'Boardroom', zoomHost: HOSTS[0] },
    { name: 'Focus', zoomHost: HOSTS[1].toUpperCase() },
    { name: 'Huddle', zoomHost: HOSTS[1] },
  ];
  beforeAll(async () => {
    h = await startZoomHarness();
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(async () => {
    await h.control('DELETE', '/faults');
    await h.control('POST', '/scopes', {
      scopes: [
        'meeting:read:admin',
        'meeting:write:meeting:admin',
        'meeting:update:meeting:admin',
        'meeting:delete:meeting:admin',
        'user:read:admin',
      ],
    });
    await h.resetCalls();
  });

  it('passes with a token, every scope, and each host listed once for all its rooms', async () => {
    const checks = await diagnoseZoom(h.config, rooms, { now });
    expect(checks).toEqual([
      {
        name: 'zoom token',
        status: 'ok',
        detail: `Server-to-Server OAuth token for account ${h.config.accountId}`,
      },
      {
        name: 'zoom scopes',
        status: 'ok',
        detail: 'the app holds every meeting scope zoomlink needs',
      },
      {
        name: 'zoom host',
        status: 'ok',
        detail: `${HOSTS[0]} exists (0 upcoming meeting(s); hosts Boardroom)`,
      },
      {
        name: 'zoom host',
        status: 'ok',
        detail: `${HOSTS[1]} exists (0 upcoming meeting(s); hosts Focus, Huddle)`,
      },
    ]);
    // Read-only: a token for the check, one for the client, and one list a host.
    expect((await h.calls()).byRoute).toEqual({ [routes.token]: 2, [routes.list]: 2 });
  });

  it('names the scopes the app lacks, with the granular and classic names to add', async () => {
    await h.control('POST', '/scopes', {
      scopes: ['meeting:read:admin', 'meeting:write:meeting:admin'],
    });
    const checks = await diagnoseZoom(h.config, [], { now });
    expect(checks[1]).toMatchObject({
      name: 'zoom scopes',
      status: 'fail',
      detail:
        'missing: meeting:update:meeting:admin (to update meetings and occurrences), meeting:delete:meeting:admin (to delete meetings and occurrences), user:read:user:admin (to look up organizers to make them alternative hosts (zoom.alternativeHosts))',
      fix: expect.stringContaining(
        'add meeting:update:meeting:admin (or the classic meeting:write:admin), meeting:delete:meeting:admin',
      ),
    });
    // Without alternative hosts, the user scope is not needed.
    const without = await diagnoseZoom({ ...h.config, alternativeHosts: 'none' }, [], { now });
    expect(without[1]?.detail).not.toContain('user:read');
  });

  it('fails a host that is not a user of the account, with the fix naming its rooms', async () => {
    const checks = await diagnoseZoom(
      h.config,
      [{ name: 'Attic', zoomHost: 'nobody@example.com' }],
      {
        now,
      },
    );
    expect(checks[2]).toEqual({
      name: 'zoom host',
      status: 'fail',
      detail: 'nobody@example.com: ZOOM_USER_NOT_FOUND',
      fix: expect.stringMatching(
        /^Add nobody@example.com as a user of the Zoom account .* or give Attic another Zoom host/,
      ),
    });
  });

  it('stops at the token when the credentials are wrong or missing', async () => {
    const wrong = await diagnoseZoom({ ...h.config, clientSecret: 'not-the-secret' }, rooms, {
      now,
    });
    expect(wrong).toEqual([
      { name: 'zoom token', status: 'fail', detail: 'ZOOM_AUTH_FAILED', fix: expect.any(String) },
    ]);
    expect(await h.count(routes.list)).toBe(0);
    const missing = await diagnoseZoom({ ...h.config, clientId: '' }, rooms, { now });
    expect(missing).toEqual([
      {
        name: 'zoom token',
        status: 'fail',
        detail: 'failed',
        fix: expect.stringMatching(/^zoom\.clientId: missing; set ZOOM_CLIENT_ID/),
      },
    ]);
  });
});
