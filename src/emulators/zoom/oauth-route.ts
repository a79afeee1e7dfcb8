import type { ApiContext, Reply } from '../kit/index.js';
import type { ZoomSwitchValues } from './switches.js';
import { TOKEN_TTL_SECONDS, type TokenStore } from './tokens.js';
import type { UserGrants } from './user-oauth.js';

export interface ZoomAccount {
  accountId: string;
  clientId: string;
  clientSecret: string;
}

/** OAuth errors have their own shape, `{reason, error}` (OERR; zoom-laravel#3, DF-79648). */
function oauthError(status: number, error: string, reason: string): Reply {
  return { status, body: { reason, error } };
}

/**
 * `POST /oauth/token`: `grant_type=account_credentials` (Server-to-Server,
 * developers.zoom.us/docs/internal-apps/s2s-oauth/), `authorization_code` and `refresh_token`
 * (user-level OAuth, developers.zoom.us/docs/integrations/oauth/; `user-oauth.ts`). The parameters
 * come as query parameters or as an `application/x-www-form-urlencoded` body, the client id and
 * secret in `Authorization: Basic`.
 */
export function tokenEndpoint(
  ctx: ApiContext,
  account: ZoomAccount,
  tokens: TokenStore,
  switches: ZoomSwitchValues,
  appScopes: readonly string[],
  grants: UserGrants,
): Reply {
  const form = new URLSearchParams(ctx.rawBody.toString('utf8'));
  const param = (name: string) =>
    form.get(name) ??
    (switches.tokenParamsInQuery === 'accepted' ? ctx.query.get(name) : null) ??
    undefined;

  const credentials = basicCredentials(ctx.headers.authorization);
  if (!credentials)
    return oauthError(400, 'invalid_request', 'Client ID or client secret is missing.');
  if (credentials.id !== account.clientId || credentials.secret !== account.clientSecret)
    return oauthError(
      switches.badClientStatus,
      'invalid_client',
      'Invalid client_id or client_secret',
    );

  const grantType = param('grant_type');
  if (!grantType) return oauthError(400, 'invalid_request', 'Missing grant type.');
  if (grantType === 'authorization_code') return grants.exchangeCode(param, ctx.now, appScopes);
  if (grantType === 'refresh_token') return grants.refresh(param, ctx.now, switches);
  if (grantType !== 'account_credentials')
    return oauthError(400, 'unsupported_grant_type', 'unsupported grant type');
  const accountId = param('account_id');
  // Not sourced: Zoom's wording for a wrong account_id (README "token endpoint").
  if (accountId !== account.accountId)
    return oauthError(400, 'invalid_request', 'Invalid account_id.');

  const token = tokens.issue(ctx.now.getTime(), account, switches.newTokenRevokesOld, appScopes);
  return tokenAnswer(token, appScopes);
}

/** The token endpoint's 200 (OAUTH example; a user-level grant adds its refresh token). */
export function tokenAnswer(
  accessToken: string,
  scopes: readonly string[],
  refreshToken?: string,
): Reply {
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: {
      access_token: accessToken,
      token_type: 'bearer',
      ...(refreshToken !== undefined ? { refresh_token: refreshToken } : {}),
      expires_in: TOKEN_TTL_SECONDS,
      scope: scopes.join(' '),
      api_url: 'https://api.zoom.us',
    },
  };
}

/**
 * `POST /oauth/revoke?token=…` with the client's Basic credentials (Zoom's OAuth guide, "Revoke
 * an access token"): the grant the token belongs to is revoked; `{"status":"success"}`.
 */
export function revokeEndpoint(ctx: ApiContext, account: ZoomAccount, grants: UserGrants): Reply {
  const credentials = basicCredentials(ctx.headers.authorization);
  if (credentials?.id !== account.clientId || credentials.secret !== account.clientSecret)
    return oauthError(401, 'invalid_client', 'Invalid client_id or client_secret');
  const form = new URLSearchParams(ctx.rawBody.toString('utf8'));
  const token = ctx.query.get('token') ?? form.get('token') ?? '';
  if (!grants.revokeToken(token)) return oauthError(400, 'invalid_request', 'Invalid Token!');
  return { status: 200, body: { status: 'success' } };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
