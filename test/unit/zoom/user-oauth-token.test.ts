import { afterEach, describe, expect, it } from 'vitest';
import type {
  ZoomLoginPort,
  ZoomLoginRecord,
  ZoomTokenSet,
} from '../../../src/domain/zoom-login.js';
import { codeFromPaste, codeFromRedirect, startLogin } from '../../../src/zoom/user-login.js';
import { UserOAuthTokenSource } from '../../../src/zoom/user-oauth-token.js';
import { startStubServer, type StubServer } from '../../support/stub-server.js';

/**
 * The user-level token source against a stub token endpoint and an in-memory login: a rotation
 * is committed before its access token is handed out (a store that cannot commit gets no token),
 * refreshes are coalesced, a refused refresh token marks the login and stops further requests,
 * and a login made by another process is picked up without a restart.
 */

const NOW = new Date('2030-03-04T08:00:00Z');

class MemoryLogin implements ZoomLoginPort {
  record: ZoomLoginRecord | undefined;
  failCommit = false;
  read() {
    return this.record && { ...this.record };
  }
  saveLogin(tokens: ZoomTokenSet) {
    this.record = {
      state: 'ok',
      refreshToken: tokens.refreshToken,
      accessToken: tokens.accessToken,
      accessExpiresAt: tokens.accessExpiresAt.toISOString(),
      scopes: tokens.scopes,
      userId: null,
      userEmail: null,
      detail: '',
      generation: (this.record?.generation ?? 0) + 1,
      loggedInAt: NOW.toISOString(),
      rotatedAt: null,
      updatedAt: NOW.toISOString(),
    };
    return this.record;
  }
  saveRotation(generation: number, tokens: ZoomTokenSet) {
    if (this.failCommit) throw new Error('disk full');
    if (!this.record || this.record.generation !== generation) return false;
    this.record = {
      ...this.record,
      refreshToken: tokens.refreshToken,
      accessToken: tokens.accessToken,
      accessExpiresAt: tokens.accessExpiresAt.toISOString(),
      generation: generation + 1,
      rotatedAt: NOW.toISOString(),
    };
    return true;
  }
  markLoginRequired(generation: number, detail: string) {
    if (this.record?.generation !== generation) return;
    this.record = {
      ...this.record,
      state: 'login_required',
      refreshToken: null,
      accessToken: null,
      detail,
    };
  }
  setUser() {}
}

describe('UserOAuthTokenSource', () => {
  let stub: StubServer | undefined;
  afterEach(async () => {
    await stub?.close();
  });

  function source(login: MemoryLogin, url: string) {
    return new UserOAuthTokenSource({
      oauthUrl: url,
      clientId: 'id',
      clientSecret: 'secret',
      login,
      timeoutMs: 5000,
      now: () => NOW,
    });
  }

  const expired = (login: MemoryLogin, refreshToken = 'r1') =>
    login.saveLogin({
      refreshToken,
      accessToken: 'old-access',
      accessExpiresAt: new Date(NOW.getTime() - 1000),
      scopes: ['meeting:write:meeting:admin'],
    });

  it('commits the rotated refresh token before handing out the access token, one refresh for many callers', async () => {
    let n = 0;
    stub = await startStubServer(() => {
      n += 1;
      return {
        body: { access_token: `a${n}`, refresh_token: `r${n + 1}`, expires_in: 3600, scope: 'x' },
      };
    });
    const login = new MemoryLogin();
    expired(login);
    const tokens = source(login, stub.url);
    const got = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
    expect(got).toEqual(['a1', 'a1', 'a1']);
    expect(stub.requests).toHaveLength(1);
    expect(login.read()).toMatchObject({ refreshToken: 'r2', accessToken: 'a1', generation: 2 });
    // Valid now: no request at all.
    expect(await tokens.token()).toBe('a1');
    expect(stub.requests).toHaveLength(1);
    // Refused by the API (401/124): the next call refreshes with the newest refresh token.
    tokens.invalidate('a1');
    expect(await tokens.token()).toBe('a2');
    expect(login.read()?.refreshToken).toBe('r3');
  });

  it('hands out no access token whose rotation could not be committed', async () => {
    stub = await startStubServer(() => ({
      body: { access_token: 'a1', refresh_token: 'r2', expires_in: 3600 },
    }));
    const login = new MemoryLogin();
    expired(login);
    login.failCommit = true;
    await expect(source(login, stub.url).token()).rejects.toThrow('disk full');
  });

  it('a refused refresh token requires a login, and no request goes out until one is made', async () => {
    stub = await startStubServer(() => ({
      status: 400,
      body: { reason: 'Invalid Token!', error: 'invalid_grant' },
    }));
    const login = new MemoryLogin();
    expired(login);
    const tokens = source(login, stub.url);
    await expect(tokens.token()).rejects.toMatchObject({ code: 'ZOOM_LOGIN_REQUIRED' });
    expect(login.read()).toMatchObject({ state: 'login_required', refreshToken: null });
    await expect(tokens.token()).rejects.toMatchObject({ code: 'ZOOM_LOGIN_REQUIRED' });
    expect(stub.requests).toHaveLength(1);
    // Another process logs in: the same source uses the new login at once.
    login.saveLogin({
      refreshToken: 'fresh',
      accessToken: 'fresh-access',
      accessExpiresAt: new Date(NOW.getTime() + 3_000_000),
      scopes: [],
    });
    expect(await tokens.token()).toBe('fresh-access');
  });

  it('a 5xx is not a refused login', async () => {
    stub = await startStubServer(() => ({ status: 503, body: {} }));
    const login = new MemoryLogin();
    expired(login);
    await expect(source(login, stub.url).token()).rejects.toMatchObject({
      code: 'ZOOM_UNAVAILABLE',
    });
    expect(login.read()?.state).toBe('ok');
  });

  it('nobody logged in yet: ZOOM_LOGIN_REQUIRED, no request', async () => {
    stub = await startStubServer(() => ({ body: {} }));
    await expect(source(new MemoryLogin(), stub.url).token()).rejects.toMatchObject({
      code: 'ZOOM_LOGIN_REQUIRED',
    });
    expect(stub.requests).toEqual([]);
  });
});

describe('the login request and its redirect', () => {
  const login = startLogin({
    oauthUrl: 'https://zoom.us',
    clientId: 'client',
    redirectUri: 'http://127.0.0.1:8788/oauth/callback',
  });

  it('asks for a code with an S256 challenge of its verifier and a state', () => {
    const url = new URL(login.url);
    expect(url.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'client',
      redirect_uri: 'http://127.0.0.1:8788/oauth/callback',
      state: login.state,
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).not.toBe(login.verifier);
  });

  it('takes the code only with its own state', () => {
    const ok = new URLSearchParams({ code: 'abc', state: login.state });
    expect(codeFromRedirect(ok, login.state)).toEqual({ code: 'abc' });
    expect(
      codeFromRedirect(new URLSearchParams({ code: 'abc', state: 'forged' }), login.state),
    ).toMatchObject({
      error: expect.stringContaining('state'),
    });
    expect(
      codeFromRedirect(
        new URLSearchParams({ error: 'access_denied', state: login.state }),
        login.state,
      ),
    ).toMatchObject({
      error: expect.stringContaining('Decline'),
    });
    expect(
      codeFromPaste(
        `http://127.0.0.1:8788/oauth/callback?code=xyz&state=${login.state}`,
        login.state,
      ),
    ).toEqual({ code: 'xyz' });
    expect(codeFromPaste('  xyz  ', login.state)).toEqual({ code: 'xyz' });
    expect(codeFromPaste('<script>', login.state)).toMatchObject({ error: expect.any(String) });
  });
});
