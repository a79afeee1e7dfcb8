import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import {
  alice,
  apiAs,
  calendarScope,
  claimsFor,
  control,
  outsider,
  postToken,
  signAssertion,
  startOrgEmulator,
  tokenFor,
} from './google-harness.js';

const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
// The body Google answers when delegation is not authorised (401; many reports, e.g.
// google-api-php-client #2214).
const unauthorizedClient = {
  error: 'unauthorized_client',
  error_description:
    'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
};

describe('Google emulator: token endpoint', () => {
  let google: GoogleEmulator;
  beforeAll(async () => {
    google = await startOrgEmulator();
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    await control(google, 'POST', '/reset');
  });

  const assertion = (claims: Record<string, unknown>, key = google.serviceAccountKey.private_key) =>
    postToken(google, { grant_type: jwtBearer, assertion: signAssertion(key, claims) });

  it('exchanges an RS256 assertion signed with the issued key for a bearer token bound to sub', async () => {
    const { status, body } = await assertion(claimsFor(google, alice, [calendarScope]));
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      token_type: 'Bearer',
    });
    const calls = (await control(google, 'GET', '/calls')).body as {
      byTag: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(calls.byTag.user ?? {})).toEqual([alice]);
    // The token acts as Alice: her primary calendar is hers.
    const api = await apiAs(google, alice);
    const list = await api.call('GET', api.events('primary'));
    expect(list.status).toBe(200);
    expect(list.body.accessRole).toBe('owner');
    expect(list.body.summary).toBe('Alice Chen');
  });

  it('accepts the emulator token URL as audience too, and refuses any other', async () => {
    expect(
      (await assertion({ ...claimsFor(google, alice, [calendarScope]), aud: google.tokenUrl }))
        .status,
    ).toBe(200);
    const wrong = await assertion({
      ...claimsFor(google, alice, [calendarScope]),
      aud: 'https://example.org/token',
    });
    expect(wrong).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT: Failed audience check.' },
    });
  });

  it('refuses a signature made with another key, an unknown issuer, and stale iat/exp', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(await assertion(claimsFor(google, alice, [calendarScope]), other)).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    const unknown = await assertion({
      ...claimsFor(google, alice, [calendarScope]),
      iss: 'someone@else.iam.gserviceaccount.com',
    });
    expect(unknown.body.error).toBe('invalid_grant');
    const old = claimsFor(google, alice, [calendarScope]);
    const stale = await assertion({
      ...old,
      iat: Number(old.iat) - 7200,
      exp: Number(old.iat) - 3600,
    });
    expect(stale.status).toBe(400);
    expect(String(stale.body.error_description)).toMatch(/short-lived token/);
    const noScope = await assertion(claimsFor(google, alice, []));
    expect(noScope).toEqual({
      status: 400,
      body: { error: 'invalid_scope', error_description: 'Empty or missing scope not allowed.' },
    });
  });

  it('refuses delegation with the real 401 unauthorized_client when the switch says so', async () => {
    await control(google, 'POST', '/switches', { delegation: 'refused' });
    expect(await assertion(claimsFor(google, alice, [calendarScope]))).toEqual({
      status: 401,
      body: unauthorizedClient,
    });
    // The service account acting as itself needs no delegation.
    expect((await assertion(claimsFor(google, undefined, [calendarScope]))).status).toBe(200);
  });

  it('refuses scopes the admin did not authorise for delegation', async () => {
    await control(google, 'POST', '/delegation', {
      scopes: ['https://www.googleapis.com/auth/calendar.readonly'],
    });
    expect(await assertion(claimsFor(google, alice, [calendarScope]))).toEqual({
      status: 401,
      body: unauthorizedClient,
    });
    const readonly = await assertion(
      claimsFor(google, alice, ['https://www.googleapis.com/auth/calendar.readonly']),
    );
    expect(readonly.status).toBe(200);
  });

  it('refuses to impersonate someone outside the domain or unknown', async () => {
    for (const subject of [outsider, 'nobody@example.com']) {
      const answer = await assertion(claimsFor(google, subject, [calendarScope]));
      expect(answer).toEqual({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Invalid email or User ID' },
      });
    }
  });

  it('answers API calls without a token, with an unknown one, or with too few scopes like Google', async () => {
    const path = `${google.rootUrl}calendar/v3/calendars/primary/events`;
    const none = await fetch(path);
    expect(none.status).toBe(401);
    expect(
      ((await none.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason,
    ).toBe('required');
    const bogus = await fetch(path, { headers: { authorization: 'Bearer ya29.nope' } });
    expect(bogus.status).toBe(401);
    expect(await bogus.json()).toMatchObject({
      error: {
        code: 401,
        status: 'UNAUTHENTICATED',
        errors: [{ domain: 'global', reason: 'authError', location: 'Authorization' }],
      },
    });
    const token = await tokenFor(google, alice, [
      'https://www.googleapis.com/auth/calendar.readonly',
    ]);
    const write = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({
      error: {
        code: 403,
        message: 'Request had insufficient authentication scopes.',
        errors: [{ reason: 'insufficientPermissions' }],
      },
    });
  });

  it('expires access tokens by the emulator clock (and on demand); a new assertion works again', async () => {
    const api = await apiAs(google, alice);
    expect((await api.call('GET', api.events('primary'))).status).toBe(200);
    await control(google, 'POST', '/clock', { advanceMs: 3600_000 });
    expect((await api.call('GET', api.events('primary'))).status).toBe(401);
    const fresh = await apiAs(google, alice);
    expect((await fresh.call('GET', fresh.events('primary'))).status).toBe(200);
    expect(Number((await control(google, 'POST', '/tokens/expire')).body.expired)).toBeGreaterThan(
      0,
    );
    expect((await fresh.call('GET', fresh.events('primary'))).status).toBe(401);
  });

  it('grants user OAuth through a refresh token issued by the control API', async () => {
    const issued = (await control(google, 'POST', '/refresh-tokens', { email: alice })).body;
    const refresh = (extra: Record<string, string>) =>
      postToken(google, {
        grant_type: 'refresh_token',
        client_id: String(issued.clientId),
        client_secret: String(issued.clientSecret),
        refresh_token: String(issued.refreshToken),
        ...extra,
      });
    const ok = await refresh({});
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ expires_in: 3599, token_type: 'Bearer', scope: calendarScope });
    expect((await refresh({ refresh_token: '1//revoked' })).body).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });
    expect((await refresh({ client_secret: 'wrong' })).status).toBe(401);
    const list = await fetch(`${google.rootUrl}calendar/v3/calendars/primary/events`, {
      headers: { authorization: `Bearer ${String(ok.body.access_token)}` },
    });
    expect(((await list.json()) as { summary: string }).summary).toBe('Alice Chen');
  });
});
