import type { ApiContext, Reply } from '../kit/index.js';
import type { ZoomSwitchValues } from './switches.js';
import { TOKEN_TTL_SECONDS, type TokenStore } from './tokens.js';

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
 * `POST /oauth/token` for `grant_type=account_credentials` (developers.zoom.us/docs/rooms/oauth/):
 * the parameters come as query parameters or as an `application/x-www-form-urlencoded` body, the
 * client id and secret in `Authorization: Basic`.
 */
export function tokenEndpoint(
  ctx: ApiContext,
  account: ZoomAccount,
  tokens: TokenStore,
  switches: ZoomSwitchValues,
  appScopes: readonly string[],
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
  if (grantType !== 'account_credentials')
    return oauthError(400, 'unsupported_grant_type', 'unsupported grant type');
  const accountId = param('account_id');
  // Not sourced: Zoom's wording for a wrong account_id (README "token endpoint").
  if (accountId !== account.accountId)
    return oauthError(400, 'invalid_request', 'Invalid account_id.');

  const token = tokens.issue(ctx.now.getTime(), account, switches.newTokenRevokesOld, appScopes);
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: {
      access_token: token,
      token_type: 'bearer',
      expires_in: TOKEN_TTL_SECONDS,
      scope: appScopes.join(' '),
      api_url: 'https://api.zoom.us',
    },
  };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
