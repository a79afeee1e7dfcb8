import { afterEach, describe, expect, it } from 'vitest';
import { runZoomLogin } from '../../../src/cli/zoom-login.js';
import { diagnoseZoom } from '../../../src/zoom/diagnose.js';
import { berlin } from '../../support/time.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { freePort } from '../../../src/util/free-port.js';

/**
 * The user-level Zoom login (issue 15, the seed's Postman flow) end to end, through both
 * emulators and the real app: `zoomlink zoom login` (authorize URL with PKCE, the consent
 * approved, the loopback redirect, the code exchanged, the refresh token stored), a rotation
 * committed before use and coalesced, each reading of what Zoom does with a rotated-away refresh
 * token, a revoked login (ZOOM_LOGIN_REQUIRED: Zoom work stops, Google reading goes on) and the
 * recovery by logging in again.
 */

describe('zoom.auth "user": the login, rotations, a revoked login and the recovery', () => {
  let h: SyncHarness;
  afterEach(async () => {
    await h?.close();
  });

  async function start(switches: Record<string, unknown> = {}) {
    const redirectUri = `http://127.0.0.1:${await freePort()}/oauth/callback`;
    h = await startSyncHarness({ zoom: { auth: 'user', accountId: '', redirectUri } });
    await h.zoomControl('POST', '/oauth/redirect-uris', { uris: [redirectUri] });
    if (Object.keys(switches).length > 0) await h.zoomControl('POST', '/switches', switches);
  }

  /** `zoomlink zoom login` in process; the test is the browser and the person who allows it. */
  async function login(options: { decline?: boolean } = {}) {
    const said: string[] = [];
    const now = () => h.emulators.clock.now();
    const running = runZoomLogin(
      h.config,
      h.app.store,
      { manual: false, timeoutMs: 10_000, now },
      { say: (line) => said.push(line), readLine: () => Promise.resolve('') },
    );
    // Settled before the test awaits it (a declined login rejects while the redirect is served).
    const settled = running.then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
    while (!said.some((l) => l.includes('/oauth/authorize?')))
      await new Promise((resolve) => setTimeout(resolve, 5));
    const url = new URL(said.find((l) => l.includes('/oauth/authorize?'))!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    const consent = await fetch(url);
    expect(consent.status).toBe(200);
    expect(await consent.text()).toContain('Allow');
    const { location } = (await h.zoomControl('POST', '/oauth/approve', {
      decision: options.decline ? 'deny' : 'allow',
    })) as { location: string };
    const redirect = await fetch(location);
    expect(redirect.status).toBe(options.decline ? 400 : 200);
    const result = await settled;
    if ('error' in result) throw result.error;
    return { outcome: result.outcome, said };
  }

  const tokenCalls = () =>
    h.emulators.zoom.server.calls.summary().log.filter((c) => c.path === '/oauth/token');
  const refreshWith = async (refreshToken: string) => {
    const basic = Buffer.from(`${h.config.zoom.clientId}:${h.config.zoom.clientSecret}`).toString(
      'base64',
    );
    const response = await fetch(`${h.config.zoom.oauthUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('logs in with PKCE over the loopback redirect and keeps the refresh token in the database', async () => {
    await start();
    const before = await h.app.engine.poll();
    expect(before.roomsFailed).toBe(0);
    const { outcome, said } = await login();
    const state = (await h.zoomControl('GET', '/state')) as { users: { email: string }[] };
    expect(outcome.userEmail).toBe(state.users[0]!.email);
    expect(said.at(-1)).toContain(`Logged in to Zoom as ${state.users[0]!.email}`);
    const stored = h.app.store.zoomLogin.read()!;
    expect(stored).toMatchObject({ state: 'ok', userEmail: state.users[0]!.email });
    expect(stored.refreshToken).toBeTruthy();
    expect(stored.scopes).toContain('meeting:write:meeting:admin');
    // One code exchange; the refresh token never travelled anywhere else.
    expect(tokenCalls().map((c) => c.status)).toEqual([200]);

    const booked = await h.book(h.people[0]!, [h.rooms[0]!.calendarId], {
      summary: 'After login',
      ...berlin(2, 10),
    });
    const polled = await h.app.engine.poll();
    expect(polled).toMatchObject({ meetingsCreated: 1, failed: 0 });
    expect(h.app.store.links.get(booked.id)?.state).toBe('linked');
  });

  it('--manual: the operator pastes the address the browser was sent to', async () => {
    await start();
    const said: string[] = [];
    let pasted: (line: string) => void = () => undefined;
    const running = runZoomLogin(
      h.config,
      h.app.store,
      { manual: true, timeoutMs: 10_000, now: () => h.emulators.clock.now() },
      {
        say: (line) => said.push(line),
        readLine: () => new Promise((resolve) => (pasted = resolve)),
      },
    );
    while (!said.some((l) => l.startsWith('Then paste')))
      await new Promise((resolve) => setTimeout(resolve, 5));
    const url = said.find((l) => l.includes('/oauth/authorize?'))!;
    expect((await fetch(url)).status).toBe(200);
    const { location } = (await h.zoomControl('POST', '/oauth/approve', {})) as {
      location: string;
    };
    pasted(location);
    const outcome = await running;
    expect(outcome.userEmail).toBeTruthy();
    expect(h.app.store.zoomLogin.read()?.state).toBe('ok');
  });

  it('refuses a declined consent', async () => {
    await start();
    await expect(login({ decline: true })).rejects.toThrow(/Decline/);
    expect(h.app.store.zoomLogin.read()).toBeUndefined();
  });

  for (const reading of ['refused', 'still-valid', 'reuse-revokes-grant'] as const)
    it(`rotates the refresh token, commits it before use, coalesces refreshes (old token: ${reading})`, async () => {
      await start({ oldRefreshTokenAfterRotation: reading });
      await login();
      const first = h.app.store.zoomLogin.read()!;
      await h.zoomControl('POST', '/tokens/expire');
      h.resetCalls();
      // Three calls at once with a refused access token: one refresh, whose new token is stored.
      await Promise.all([
        h.app.zoom.getUser('me'),
        h.app.zoom.getUser('me'),
        h.app.zoom.getUser(h.people[0]!),
      ]);
      expect(tokenCalls()).toHaveLength(1);
      const second = h.app.store.zoomLogin.read()!;
      expect(second.generation).toBe(first.generation + 1);
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(second.rotatedAt).not.toBeNull();

      // What Zoom does with the old one is the reading's; zoomlink never sends it again.
      const old = await refreshWith(first.refreshToken!);
      if (reading === 'still-valid') expect(old.status).toBe(200);
      else
        expect(old).toEqual({
          status: 400,
          body: { reason: 'Invalid Token!', error: 'invalid_grant' },
        });

      // zoomlink goes on with the newest token — except where reusing the old one revoked the
      // whole grant: then a login is required, and says so.
      await h.zoomControl('POST', '/tokens/expire');
      if (reading === 'reuse-revokes-grant') {
        await expect(h.app.zoom.getUser('me')).rejects.toMatchObject({
          code: 'ZOOM_LOGIN_REQUIRED',
        });
        expect(h.app.store.zoomLogin.read()?.state).toBe('login_required');
      } else {
        await expect(h.app.zoom.getUser('me')).resolves.toMatchObject({ id: expect.any(String) });
        expect(h.app.store.zoomLogin.read()!.generation).toBe(first.generation + 2);
      }
    });

  it('a revoked login stops Zoom work with ZOOM_LOGIN_REQUIRED while Google reading goes on; logging in again recovers', async () => {
    await start();
    await login();
    await h.zoomControl('POST', '/oauth/revoke', {});
    await h.zoomControl('POST', '/tokens/expire');
    const booked = await h.book(h.people[0]!, [h.rooms[1]!.calendarId], {
      summary: 'While logged out',
      ...berlin(3, 10),
    });
    h.resetCalls();
    const polled = await h.app.engine.poll();
    expect(polled).toMatchObject({ roomsFailed: 0, meetingsCreated: 0, failed: 1 });
    const failed = h.app.store.links.get(booked.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/^ZOOM_LOGIN_REQUIRED: /);
    expect(h.app.store.zoomLogin.read()).toMatchObject({
      state: 'login_required',
      refreshToken: null,
    });
    // Every room was read and its sync token kept.
    for (const room of h.rooms)
      expect(h.app.store.rooms.get(room.calendarId)?.syncToken).toBeTruthy();

    // Later passes: Google is read, Zoom is not called at all (not even its token endpoint).
    await h.advance(2 * 3_600_000);
    h.resetCalls();
    const later = await h.app.engine.poll();
    expect(later.roomsFailed).toBe(0);
    expect(h.emulators.zoom.server.calls.summary().log).toEqual([]);

    const { outcome } = await login();
    expect(outcome.woken).toBe(1);
    await h.app.engine.poll();
    expect(h.app.store.links.get(booked.id)?.state).toBe('linked');
  });

  it('doctor checks the login, its scopes, and whether it may make meetings for each room host', async () => {
    await start();
    const rooms = h.rooms.map((r) => ({ zoomHost: r.zoomHost, name: r.name }));
    const doctor = () =>
      diagnoseZoom(h.config.zoom, rooms, {
        login: h.app.store.zoomLogin,
        now: () => h.emulators.clock.now(),
      });
    expect(await doctor()).toEqual([
      expect.objectContaining({
        name: 'zoom login',
        status: 'fail',
        detail: 'ZOOM_LOGIN_REQUIRED: nobody has logged in yet',
        fix: expect.stringContaining('zoomlink zoom login'),
      }),
    ]);

    await login();
    let checks = await doctor();
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['zoom login', 'ok'],
      ['zoom scopes', 'ok'],
      ...rooms.map(() => ['zoom host', 'ok']),
    ]);

    // A user without admin rights authorises the app: it gets the user forms of the scopes, and
    // may make meetings only for itself.
    await h.zoomControl('POST', '/scopes', {
      scopes: [
        'meeting:read:meeting',
        'meeting:write:meeting',
        'meeting:update:meeting',
        'meeting:delete:meeting',
        'meeting:read:list_meetings',
        'meeting:read:invitation',
        'user:read:user',
      ],
    });
    await login();
    checks = await doctor();
    expect(checks.slice(0, 2).map((c) => [c.name, c.status])).toEqual([
      ['zoom login', 'ok'],
      ['zoom scopes', 'ok'],
    ]);
    const hostChecks = checks.slice(2);
    expect(hostChecks).toHaveLength(rooms.length);
    for (const check of hostChecks) {
      expect(check.status).toBe('fail');
      expect(check.detail).toContain('may not make meetings for');
      expect(check.fix).toContain('meeting:write:meeting:admin');
    }
  });
});
