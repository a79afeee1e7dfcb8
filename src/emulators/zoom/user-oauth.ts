import { createHash } from 'node:crypto';
import type { ApiContext, Reply } from '../kit/index.js';
import { opaqueToken, randomAlnum } from './ids.js';
import type { ZoomSwitchValues } from './switches.js';
import { tokenAnswer } from './oauth-route.js';
import type { TokenStore } from './tokens.js';
import type { UserDirectory, ZoomUser } from './users.js';

/**
 * User-level OAuth (authorization code, with or without PKCE), as Zoom documents it
 * (developers.zoom.us/docs/integrations/oauth/, …/integrations/PKCE/):
 *
 * - `GET /oauth/authorize?response_type=code&client_id=…&redirect_uri=…[&state][&code_challenge
 *   &code_challenge_method=S256|plain]` shows the consent page; allowing (the page's form, or
 *   `POST /_emulator/oauth/approve` from a test) redirects to `redirect_uri?code=…&state=…`;
 * - `POST /oauth/token` `grant_type=authorization_code&code&redirect_uri[&code_verifier]` and
 *   `grant_type=refresh_token&refresh_token` (Basic client credentials) answer an access token
 *   (one hour), a refresh token and the scopes; each refresh rotates the refresh token;
 * - `POST /oauth/revoke?token=…` revokes the grant the token belongs to, as does the user
 *   removing the app (`POST /_emulator/oauth/revoke`).
 *
 * Not sourced (chosen, see README): codes live 10 minutes of the emulator clock and are single
 * use; the wording of a refused code or verifier.
 */

const CODE_TTL_MS = 10 * 60_000;

interface AuthorizeRequest {
  id: string;
  redirectUri: string;
  state: string | undefined;
  challenge: { value: string; method: 'S256' | 'plain' } | undefined;
  createdMs: number;
}

interface Grant {
  id: string;
  userId: string;
  scopes: readonly string[];
  revoked: boolean;
  /** The refresh token to use next; older ones are `rotated`. */
  current: string;
}

interface RefreshToken {
  grantId: string;
  rotated: boolean;
}

function oauthError(status: number, error: string, reason: string): Reply {
  return { status, body: { reason, error } };
}

export class UserGrants {
  private readonly pending = new Map<string, AuthorizeRequest>();
  private readonly codes = new Map<
    string,
    { request: AuthorizeRequest; userId: string; issuedMs: number }
  >();
  private readonly grants = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, RefreshToken>();
  /** The app's allowed redirect URLs; undefined: any (until a test registers some). */
  redirectUris: string[] | undefined;

  constructor(
    private readonly clientId: () => string,
    private readonly users: UserDirectory,
    private readonly tokens: TokenStore,
  ) {}

  clear(): void {
    this.pending.clear();
    this.codes.clear();
    this.grants.clear();
    this.refreshTokens.clear();
    this.redirectUris = undefined;
  }

  /** `GET /oauth/authorize`: the consent page, or Zoom's refusal of the request. */
  authorize(ctx: ApiContext): Reply {
    const q = ctx.query;
    if (q.get('client_id') !== this.clientId())
      return oauthError(400, 'invalid_client', 'Invalid client_id.');
    if (q.get('response_type') !== 'code')
      return oauthError(400, 'unsupported_response_type', 'Unsupported response type.');
    const redirectUri = q.get('redirect_uri') ?? '';
    // OERR 4709 "Redirect URI mismatch.": missing, or not on the app's allow list.
    if (!redirectUri || (this.redirectUris && !this.redirectUris.includes(redirectUri)))
      return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? 'plain';
    if (challenge !== null && method !== 'S256' && method !== 'plain')
      return oauthError(400, 'invalid_request', 'Unsupported code challenge method.');
    const request: AuthorizeRequest = {
      id: randomAlnum(16),
      redirectUri,
      state: q.get('state') ?? undefined,
      challenge: challenge === null ? undefined : { value: challenge, method: method as 'S256' },
      createdMs: ctx.now.getTime(),
    };
    this.pending.set(request.id, request);
    return {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: consentPage(request.id),
    };
  }

  /** The consent page's form: `request`, `decision` (allow|deny), `user` (email; the owner). */
  decide(ctx: ApiContext): Reply {
    const form = new URLSearchParams(ctx.rawBody.toString('utf8'));
    return this.answer(
      form.get('request') ?? '',
      form.get('decision') ?? 'allow',
      form.get('user') ?? undefined,
      ctx.now,
    );
  }

  /** A test's click on "Allow" (or "Decline") of the newest consent page: where it redirects. */
  approveNewest(decision: string, user: string | undefined, now: Date): Reply {
    const newest = [...this.pending.values()].sort((a, b) => b.createdMs - a.createdMs)[0];
    if (!newest)
      return { status: 409, body: { error: 'no authorization is waiting for approval' } };
    const reply = this.answer(newest.id, decision, user, now);
    if (reply.status !== 302) return reply;
    return { status: 200, body: { location: reply.headers!.location } };
  }

  private answer(id: string, decision: string, email: string | undefined, now: Date): Reply {
    const request = this.pending.get(id);
    if (!request) return { status: 400, body: 'This authorization request has expired.' };
    this.pending.delete(id);
    const target = new URL(request.redirectUri);
    if (decision !== 'allow') {
      target.searchParams.set('error', 'access_denied');
    } else {
      const user = email ? this.users.find(email) : this.users.find('me');
      if (!user) return { status: 400, body: `No such user: ${email ?? '(the owner)'}` };
      const code = opaqueToken(32);
      this.codes.set(code, { request, userId: user.id, issuedMs: now.getTime() });
      target.searchParams.set('code', code);
    }
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    return { status: 302, headers: { location: target.toString() } };
  }

  /** `grant_type=authorization_code` (client credentials already checked). */
  exchangeCode(
    param: (name: string) => string | undefined,
    now: Date,
    scopes: readonly string[],
  ): Reply {
    const code = param('code') ?? '';
    const issued = this.codes.get(code);
    if (!issued || now.getTime() - issued.issuedMs > CODE_TTL_MS) {
      this.codes.delete(code);
      return oauthError(400, 'invalid_grant', 'Invalid authorization code.');
    }
    if (param('redirect_uri') !== issued.request.redirectUri)
      return oauthError(400, 'invalid_request', 'Redirect URI mismatch.');
    const { challenge } = issued.request;
    if (challenge && !verifierMatches(challenge, param('code_verifier')))
      return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
    this.codes.delete(code);
    const grant: Grant = {
      id: randomAlnum(20),
      userId: issued.userId,
      scopes,
      revoked: false,
      current: '',
    };
    this.grants.set(grant.id, grant);
    return this.issue(grant, now);
  }

  /** `grant_type=refresh_token`; what happens to the old one is the switch's reading. */
  refresh(param: (name: string) => string | undefined, now: Date, switches: ZoomSwitchValues) {
    const token = param('refresh_token') ?? '';
    const known = this.refreshTokens.get(token);
    const grant = known && this.grants.get(known.grantId);
    // raycast/extensions#10896: a refused refresh token is 400 {"reason":"Invalid Token!","error":"invalid_grant"}.
    const refused = oauthError(400, 'invalid_grant', 'Invalid Token!');
    if (!known || !grant || grant.revoked) return refused;
    if (known.rotated) {
      const reading = switches.oldRefreshTokenAfterRotation;
      if (reading === 'refused') return refused;
      if (reading === 'reuse-revokes-grant') {
        this.revokeGrant(grant);
        return refused;
      }
    }
    return this.issue(grant, now);
  }

  /** `POST /oauth/revoke?token=…` (an access or refresh token): the whole grant goes. */
  revokeToken(token: string): boolean {
    const viaRefresh = this.refreshTokens.get(token)?.grantId;
    const grantId = viaRefresh ?? this.tokens.grantOf(token);
    const grant = grantId === undefined ? undefined : this.grants.get(grantId);
    if (!grant) return false;
    this.revokeGrant(grant);
    return true;
  }

  /** The user removed the app (or an admin did): every grant of `user` (all when absent) goes. */
  revokeUser(email: string | undefined): number {
    const user = email === undefined ? undefined : this.users.find(email);
    let n = 0;
    for (const grant of this.grants.values())
      if (!grant.revoked && (!user || grant.userId === user.id)) {
        this.revokeGrant(grant);
        n += 1;
      }
    return n;
  }

  private revokeGrant(grant: Grant): void {
    grant.revoked = true;
    this.tokens.revokeGrant(grant.id);
  }

  private issue(grant: Grant, now: Date): Reply {
    const previous = this.refreshTokens.get(grant.current);
    if (previous) previous.rotated = true;
    const refreshToken = opaqueToken(48);
    this.refreshTokens.set(refreshToken, { grantId: grant.id, rotated: false });
    grant.current = refreshToken;
    const user = this.users.get(grant.userId) as ZoomUser;
    const accessToken = this.tokens.issue(
      now.getTime(),
      { accountId: 'user', clientId: this.clientId() },
      false,
      grant.scopes,
      { userId: user.id, grantId: grant.id },
    );
    return tokenAnswer(accessToken, grant.scopes, refreshToken);
  }
}

function verifierMatches(
  challenge: { value: string; method: 'S256' | 'plain' },
  verifier: string | undefined,
): boolean {
  if (!verifier) return false;
  if (challenge.method === 'plain') return verifier === challenge.value;
  return createHash('sha256').update(verifier).digest('base64url') === challenge.value;
}

function consentPage(requestId: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize app</title></head>
<body>
<h1>zoomlink would like to access your Zoom account</h1>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="request" value="${requestId}">
<button name="decision" value="allow">Allow</button>
<button name="decision" value="deny">Decline</button>
</form>
</body></html>
`;
}
