import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type ZoomHarness } from './zoom-harness.js';

describe('Zoom emulator: Server-to-Server OAuth', () => {
  let h: ZoomHarness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const tokenRequest = (
    query: string,
    body: string | undefined,
    credentials = `${h.zoom.clientId}:${h.zoom.clientSecret}`,
  ) =>
    fetch(`${h.zoom.oauthUrl}/oauth/token${query}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
        ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      body,
    });

  it('issues a one-hour bearer token for account_credentials in the query string', async () => {
    const response = await tokenRequest(
      `?grant_type=account_credentials&account_id=${h.zoom.accountId}`,
      undefined,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(String(body.scope)).toContain('meeting:write:meeting:admin');
  });

  it('takes the parameters from a form body too', async () => {
    const response = await tokenRequest(
      '',
      `grant_type=account_credentials&account_id=${h.zoom.accountId}`,
    );
    expect(response.status).toBe(200);
  });

  it('refuses wrong credentials, a missing or unsupported grant and a wrong account', async () => {
    const wrongSecret = await tokenRequest(
      `?grant_type=account_credentials&account_id=${h.zoom.accountId}`,
      undefined,
      `${h.zoom.clientId}:nope`,
    );
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toEqual({
      reason: 'Invalid client_id or client_secret',
      error: 'invalid_client',
    });
    const missing = await tokenRequest(`?account_id=${h.zoom.accountId}`, undefined);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' });
    const unsupported = await tokenRequest('?grant_type=client_credentials', undefined);
    expect(await unsupported.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const wrongAccount = await tokenRequest(
      '?grant_type=account_credentials&account_id=x',
      undefined,
    );
    expect(wrongAccount.status).toBe(400);
  });

  it('answers 401/124 for a missing or unknown token', async () => {
    const missing = await fetch(`${h.zoom.apiUrl}/users/room1@example.com/meetings`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ code: 124, message: 'Invalid access token.' });
    const unknown = await h.call('GET', '/users/room1@example.com/meetings', undefined, {
      authorization: 'Bearer not-a-token',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 124 });
  });

  it('expires tokens after 3600 s of emulator time', async () => {
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
    h.zoom.server.clock.advance(3599_000);
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
    h.zoom.server.clock.advance(1000);
    const expired = await h.call('GET', '/users/room1@example.com/meetings');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 124, message: 'Invalid access token.' });
    h.token = await h.newToken();
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
  });

  it('expires every token now through the control API, with the switched message', async () => {
    await h.control('POST', '/switches', { expiredTokenMessage: 'Access token is expired.' });
    expect((await h.control('POST', '/tokens/expire')).body).toEqual({ expired: 1 });
    const expired = await h.call('GET', '/users/room1@example.com/meetings');
    expect(expired.body).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('refuses a route the token has no scope for with 400/4711, and new tokens carry new scopes', async () => {
    const held = ['meeting:read:admin', 'meeting:write:meeting:admin'];
    expect((await h.control('POST', '/scopes', { scopes: held })).status).toBe(200);
    // The token issued before keeps every scope; the next one carries only the new set.
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
    const answer = await tokenRequest(
      '',
      `grant_type=account_credentials&account_id=${h.zoom.accountId}`,
    );
    const body = (await answer.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe(held.join(' '));
    h.token = body.access_token;
    const created = await h.call('POST', '/users/room1@example.com/meetings', {
      topic: 'Scoped',
      type: 2,
      start_time: '2030-01-01T10:00:00Z',
      duration: 30,
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect((await h.call('GET', `/meetings/${id}`)).status).toBe(200);
    const refused = await h.call('DELETE', `/meetings/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      code: 4711,
      message:
        'Invalid access token, does not contain scopes:[meeting:delete:meeting:admin, meeting:delete:meeting, meeting:write:admin, meeting:write].',
    });
    expect((await h.control('POST', '/scopes', { scopes: 'all' })).status).toBe(400);
    await h.control('POST', '/reset');
    h.token = await h.newToken();
    expect((await h.call('DELETE', `/meetings/${id}`)).status).toBe(404);
  });

  it('revokes earlier tokens when a new one is issued, if switched on', async () => {
    await h.control('POST', '/switches', { newTokenRevokesOld: true });
    const first = h.token;
    h.token = await h.newToken();
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
    const old = await h.call('GET', '/users/room1@example.com/meetings', undefined, {
      authorization: `Bearer ${first}`,
    });
    expect(old.status).toBe(401);
  });

  it('refuses query parameters when switched to, as devforum 124925 reports', async () => {
    await h.control('POST', '/switches', { tokenParamsInQuery: 'refused' });
    const response = await tokenRequest(
      `?grant_type=account_credentials&account_id=${h.zoom.accountId}`,
      undefined,
    );
    expect(response.status).toBe(400);
  });
});
