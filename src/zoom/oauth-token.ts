import type { AxiosInstance } from 'axios';
import type { CallReport } from '../util/call-report.js';
import { decodeBody } from '../util/decode-body.js';
import { errorFromResponse } from './error-mapping.js';
import { tokenSchema } from './schemas.js';
import { parseScopes } from './scopes.js';
import {
  exchange,
  invalidResponse,
  zoomAxios,
  type Exchange,
  type ZoomLogger,
} from './transport.js';

/**
 * Server-to-Server OAuth (https://developers.zoom.us/docs/internal-apps/s2s-oauth/):
 * `POST <oauth>/oauth/token` with `grant_type=account_credentials&account_id=…` and Basic auth
 * with the client id and secret. Tokens live one hour and have no refresh token.
 *
 * One token per process: Zoom users report that issuing many tokens in a short time invalidates
 * earlier ones (devforum 94662), so the token is cached, refreshed a little before it runs out,
 * and callers that need one at the same moment share a single request.
 */

export interface AccessTokenSource {
  /** A token that is valid now (fetched when none is cached or the cached one is due). */
  token(): Promise<string>;
  /** Zoom refused this token (401/124): forget it, unless a newer one already replaced it. */
  invalidate(token: string): void;
}

export interface S2SCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Refresh five minutes before expiry, or halfway for very short lifetimes: one cached token per
 * process (devforum thread 94662 reports that issuing many tokens can revoke earlier ones).
 */
const REFRESH_MARGIN_MS = 5 * 60_000;

/** When a token obtained at `obtainedAt`, valid `expiresInSeconds`, should be replaced. */
export function tokenRefreshAt(obtainedAt: Date, expiresInSeconds: number): Date {
  const lifetimeMs = expiresInSeconds * 1000;
  const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
  return new Date(obtainedAt.getTime() + lifetimeMs - margin);
}

/** What every token source of Zoom's token endpoint is given. */
export interface TokenEndpointOptions {
  oauthUrl: string;
  timeoutMs: number;
  now: () => Date;
  /** Told of every token request (the observer and the debug log, as for API calls). */
  report?: CallReport;
  logger?: ZoomLogger;
  /** The most the token request or its answer may hold; `MAX_BODY_BYTES` by default. */
  maxBodyBytes?: number;
}

export interface S2SOAuthTokenSourceOptions extends TokenEndpointOptions {
  credentials: S2SCredentials;
}

const tokenExchange: Exchange = {
  operation: 'oauth.token',
  endpoint: 'POST /oauth/token',
  idempotent: true,
};

export class S2SOAuthTokenSource implements AccessTokenSource {
  private readonly http: AxiosInstance;
  private cached: { token: string; refreshAt: Date } | undefined;
  private pending: Promise<string> | undefined;
  /** The scopes Zoom listed with the last token (`undefined` until one came, or if it named none). */
  grantedScopes: string[] | undefined;

  constructor(private readonly options: S2SOAuthTokenSourceOptions) {
    this.http = zoomAxios({
      baseUrl: options.oauthUrl,
      timeoutMs: options.timeoutMs,
      ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    });
  }

  token(): Promise<string> {
    const cached = this.cached;
    if (cached && this.options.now().getTime() < cached.refreshAt.getTime()) {
      return Promise.resolve(cached.token);
    }
    if (!this.pending) {
      this.pending = this.fetch().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const { accountId, clientId, clientSecret } = this.options.credentials;
    const obtainedAt = this.options.now();
    const raw = await exchange(
      this.http,
      {
        method: 'POST',
        url: '/oauth/token',
        data: new URLSearchParams({
          grant_type: 'account_credentials',
          account_id: accountId,
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        auth: { username: clientId, password: clientSecret },
      },
      tokenExchange,
      this.options.report,
    );
    const body = decodeBody(raw.text);
    if (raw.status < 200 || raw.status >= 300) {
      throw errorFromResponse({
        ...tokenExchange,
        status: raw.status,
        headers: raw.headers,
        body,
        now: obtainedAt,
      });
    }
    const parsed = tokenSchema.safeParse(body);
    if (!parsed.success) {
      throw invalidResponse(tokenExchange, raw.status, 'no access_token and expires_in');
    }
    const refreshAt = tokenRefreshAt(obtainedAt, parsed.data.expires_in);
    this.cached = { token: parsed.data.access_token, refreshAt };
    this.grantedScopes =
      parsed.data.scope === undefined ? undefined : parseScopes(parsed.data.scope);
    this.options.logger?.debug('zoom token obtained', {
      expiresInSeconds: parsed.data.expires_in,
      refreshAt: refreshAt.toISOString(),
    });
    return parsed.data.access_token;
  }
}
