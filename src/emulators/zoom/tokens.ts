import { randomBytes } from 'node:crypto';
import { zoomUserId } from './ids.js';

/**
 * Access tokens live one hour and come without a refresh token (S2S,
 * developers.zoom.us/docs/internal-apps/s2s-oauth/).
 */
export const TOKEN_TTL_SECONDS = 3600;

export type TokenCheck = 'valid' | 'unknown' | 'expired';

/**
 * Server-to-Server OAuth access tokens, timed by the emulator's clock. Tokens look like Zoom's
 * (JWT-format strings, the OAuth docs' example) but are only ever looked up, never decoded.
 */
export class TokenStore {
  private readonly expiresAt = new Map<string, number>();
  /** The scopes each token was issued with (the app's at that moment, as with Zoom). */
  private readonly scopes = new Map<string, readonly string[]>();
  /** User-level tokens: the user who authorised the app, and the grant they belong to. */
  private readonly owners = new Map<string, { userId: string; grantId: string }>();

  issue(
    nowMs: number,
    account: { accountId: string; clientId: string },
    revokeOthers: boolean,
    scopes: readonly string[],
    owner?: { userId: string; grantId: string },
  ) {
    if (revokeOthers) this.clear();
    const iat = Math.floor(nowMs / 1000);
    const header = { alg: 'HS512', v: '2.0', kid: zoomUserId() };
    const payload = {
      aud: 'https://oauth.zoom.us',
      uid: zoomUserId(),
      ver: 9,
      auid: randomBytes(16).toString('hex'),
      nbf: iat,
      iss: `zm:cid:${account.clientId}`,
      gno: 0,
      exp: iat + TOKEN_TTL_SECONDS,
      iat,
      aid: account.accountId,
      jti: randomBytes(16).toString('hex'),
    };
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const token = `${encode(header)}.${encode(payload)}.${randomBytes(64).toString('base64url')}`;
    this.expiresAt.set(token, nowMs + TOKEN_TTL_SECONDS * 1000);
    this.scopes.set(token, scopes);
    if (owner) this.owners.set(token, owner);
    return token;
  }

  /** The user a user-level token acts as (`me`); undefined for a Server-to-Server token. */
  userOf(token: string | undefined): string | undefined {
    return token === undefined ? undefined : this.owners.get(token)?.userId;
  }

  grantOf(token: string): string | undefined {
    return this.owners.get(token)?.grantId;
  }

  /** Every access token of a revoked grant is unknown from now on. */
  revokeGrant(grantId: string): void {
    for (const [token, owner] of this.owners)
      if (owner.grantId === grantId) {
        this.owners.delete(token);
        this.expiresAt.delete(token);
        this.scopes.delete(token);
      }
  }

  check(token: string | undefined, nowMs: number): TokenCheck {
    const expiry = token === undefined ? undefined : this.expiresAt.get(token);
    if (expiry === undefined) return 'unknown';
    return nowMs < expiry ? 'valid' : 'expired';
  }

  /** Whether the token carries one of the scopes. */
  holdsAny(token: string | undefined, accepted: readonly string[]): boolean {
    const held = token === undefined ? undefined : this.scopes.get(token);
    return held !== undefined && accepted.some((scope) => held.includes(scope));
  }

  /** Makes every token issued so far expired as of `nowMs` (control API: "tokens expire now"). */
  expireAll(nowMs: number): number {
    for (const token of this.expiresAt.keys()) this.expiresAt.set(token, nowMs);
    return this.expiresAt.size;
  }

  clear(): void {
    this.expiresAt.clear();
    this.scopes.clear();
    this.owners.clear();
  }
}

/** The bearer token of a request, if it has one. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
