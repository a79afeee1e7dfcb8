import type { AxiosInstance } from 'axios';
import type { ZoomLoginPort, ZoomLoginRecord, ZoomTokenSet } from '../domain/zoom-login.js';
import { errorFromResponse } from './error-mapping.js';
import { ZoomApiError, ZoomErrorCodes } from './errors.js';
import {
  tokenRefreshAt,
  type AccessTokenSource,
  type TokenEndpointOptions,
} from './oauth-token.js';
import { userTokenSchema } from './schemas.js';
import { parseScopes } from './scopes.js';
import { invalidResponse, zoomAxios, type Exchange } from './transport.js';
import { requestToken } from './token-request.js';

/**
 * User-level OAuth (`zoom.auth: user`; Zoom's "OAuth 2.0" guide, the seed's Postman flow): the
 * refresh token from `zoomlink zoom login` lives in the database (`ZoomLoginPort`), and every
 * refresh — `POST <oauth>/oauth/token` `grant_type=refresh_token`, Basic client credentials —
 * answers a new refresh token: Zoom rotates it, and only the newest may be relied on
 * (developers.zoom.us/docs/integrations/oauth/ "Refreshing an access token"; devforum 10375).
 * So:
 *
 * - the rotated token is committed to the store before the access token that came with it is
 *   used (a crash after the commit loses nothing; one before it never used the new token);
 * - refreshes are coalesced: one in flight per process; another process on the same database
 *   uses the access token the store holds while it is valid, and a rotation commits only over
 *   the generation it was made from;
 * - a refused refresh token (400 `invalid_grant`, "Invalid Token!": the app was removed, the
 *   token revoked or rotated away) marks the login `login_required`: every Zoom call then fails
 *   at once with `ZOOM_LOGIN_REQUIRED`, without a request, until `zoomlink zoom login` stores a
 *   new one (read from the store at the next call: no restart needed). Google reading goes on.
 */

/** `ZOOM_LOGIN_REQUIRED`: no user-level login, or Zoom refused its refresh token. */
export class ZoomLoginRequiredError extends ZoomApiError {
  constructor(why: string) {
    super(
      `Zoom needs zoomlink to be logged in again (zoom.auth is "user"): ${why}. Run \`zoomlink zoom login\` as the Zoom user who authorises the app (README "Zoom login without an admin app"); Zoom work resumes by itself once it is done. Reading Google goes on meanwhile.`,
      {
        code: ZoomErrorCodes.loginRequired,
        status: 401,
        endpoint: 'POST /oauth/token',
        operation: 'oauth.token',
        retryable: false,
      },
    );
  }
}

export interface UserOAuthTokenSourceOptions extends TokenEndpointOptions {
  clientId: string;
  clientSecret: string;
  login: ZoomLoginPort;
}

const refreshExchange: Exchange = {
  operation: 'oauth.refresh',
  endpoint: 'POST /oauth/token',
  idempotent: true,
};

export class UserOAuthTokenSource implements AccessTokenSource {
  private readonly http: AxiosInstance;
  private pending: Promise<string> | undefined;
  /** Access tokens Zoom refused (401/124) before they ran out: not handed out again. */
  private readonly refused = new Set<string>();
  /** Refreshes sent to Zoom by this process (tests count coalescing with it). */
  refreshes = 0;

  constructor(private readonly options: UserOAuthTokenSourceOptions) {
    this.http = zoomAxios({
      baseUrl: options.oauthUrl,
      timeoutMs: options.timeoutMs,
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
  }

  /** The scopes of the stored login (what the app was granted). */
  get grantedScopes(): string[] | undefined {
    return this.options.login.read()?.scopes;
  }

  token(): Promise<string> {
    let record: ZoomLoginRecord;
    try {
      record = this.usable(this.options.login.read());
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (record.accessToken && this.fresh(record)) return Promise.resolve(record.accessToken);
    if (!this.pending)
      this.pending = this.refresh(record).finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(token: string): void {
    this.refused.add(token);
  }

  private usable(record: ZoomLoginRecord | undefined): ZoomLoginRecord {
    if (!record) throw new ZoomLoginRequiredError('nobody has logged in yet');
    if (record.state === 'login_required' || !record.refreshToken)
      throw new ZoomLoginRequiredError(record.detail || 'Zoom refused the stored refresh token');
    return record;
  }

  private fresh(record: ZoomLoginRecord): boolean {
    return (
      record.accessToken !== null &&
      !this.refused.has(record.accessToken) &&
      record.accessExpiresAt !== null &&
      this.options.now().getTime() < Date.parse(record.accessExpiresAt)
    );
  }

  private async refresh(record: ZoomLoginRecord, again = true): Promise<string> {
    const { login, clientId, clientSecret } = this.options;
    const obtainedAt = this.options.now();
    this.refreshes += 1;
    const raw = await requestToken(
      this.http,
      { grant_type: 'refresh_token', refresh_token: record.refreshToken! },
      { clientId, clientSecret },
      refreshExchange,
      this.options.report,
    );
    const { body } = raw;
    if (raw.status < 200 || raw.status >= 300) {
      if (!isRefusedGrant(raw.status, body))
        throw errorFromResponse({ ...refreshExchange, ...raw, body, now: obtainedAt });
      // Another process may have rotated the token meanwhile: use its newer one.
      const current = login.read();
      if (again && current && current.generation !== record.generation) {
        const usable = this.usable(current);
        if (usable.accessToken && this.fresh(usable)) return usable.accessToken;
        return this.refresh(usable, false);
      }
      const why = `Zoom refused the refresh token (${describeRefusal(body)}): the app was removed or the token revoked or replaced`;
      login.markLoginRequired(record.generation, why);
      this.options.logger?.warn('zoom refused the stored refresh token; a login is required', {
        code: ZoomErrorCodes.loginRequired,
      });
      throw new ZoomLoginRequiredError(why);
    }
    const tokens = userTokensFrom(raw, refreshExchange, obtainedAt);
    // Committed before the access token is used: a crash now keeps the rotated refresh token.
    if (!login.saveRotation(record.generation, tokens))
      this.options.logger?.warn('another zoomlink process rotated the zoom refresh token too', {});
    else
      this.options.logger?.debug('zoom refresh token rotated', {
        refreshAt: tokens.accessExpiresAt.toISOString(),
      });
    return tokens.accessToken;
  }
}

/**
 * A successful answer to a code exchange or a refresh, as the store keeps it; an answer without
 * the three fields is refused as `ZOOM_INVALID_RESPONSE`.
 */
export function userTokensFrom(
  raw: { status: number; body: unknown },
  about: Exchange,
  obtainedAt: Date,
): ZoomTokenSet {
  const parsed = userTokenSchema.safeParse(raw.body);
  if (!parsed.success)
    throw invalidResponse(about, raw.status, 'no access_token, refresh_token and expires_in');
  const data = parsed.data;
  return {
    accessToken: data.access_token,
    refreshToken: data.refresh_token,
    accessExpiresAt: tokenRefreshAt(obtainedAt, data.expires_in),
    scopes: data.scope === undefined ? [] : parseScopes(data.scope),
  };
}

/**
 * Zoom's refusal of a refresh token: 400 (401 in older answers, tl-its-umich-edu/
 * remote-office-hours-queue#363) with `{"reason":"Invalid Token!","error":"invalid_grant"}`
 * (raycast/extensions#10896), or `{"error":"invalid_grant"}` alone (raycast/extensions#10525).
 */
function isRefusedGrant(status: number, body: unknown): boolean {
  if (status !== 400 && status !== 401) return false;
  const { error, reason } = (typeof body === 'object' && body !== null ? body : {}) as {
    error?: unknown;
    reason?: unknown;
  };
  return error === 'invalid_grant' || (typeof reason === 'string' && /invalid token/i.test(reason));
}

function describeRefusal(body: unknown): string {
  const { error, reason } = (typeof body === 'object' && body !== null ? body : {}) as {
    error?: unknown;
    reason?: unknown;
  };
  return [error, reason].filter((v) => typeof v === 'string').join(': ') || 'no reason given';
}
