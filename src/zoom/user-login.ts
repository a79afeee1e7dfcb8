import { createHash, randomBytes } from 'node:crypto';
import type { ZoomConfig } from '../config/schema.js';
import type { ZoomTokenSet } from '../domain/zoom-login.js';
import type { CallReport } from '../util/call-report.js';
import { errorFromResponse } from './error-mapping.js';
import { zoomAxios, type Exchange } from './transport.js';
import { requestToken } from './token-request.js';
import { userTokensFrom } from './user-oauth-token.js';

/**
 * `zoomlink zoom login`: Zoom's authorization-code flow with PKCE (developers.zoom.us/docs/
 * integrations/oauth/ and …/integrations/PKCE/; RFC 7636), as the seed's Postman setup does it
 * by hand: a person opens the authorize URL, allows the app, and Zoom sends the browser to
 * `zoom.redirectUri` with a code, which is exchanged (with the PKCE verifier and the client's
 * Basic credentials) for an access token and the refresh token zoomlink keeps.
 */
export interface LoginRequest {
  /** The URL to open in a browser. */
  url: string;
  /** Must come back unchanged with the code (a forged redirect does not know it). */
  state: string;
  /** PKCE: kept here, sent only with the code exchange. */
  verifier: string;
}

export function startLogin(
  config: Pick<ZoomConfig, 'oauthUrl' | 'clientId' | 'redirectUri'>,
): LoginRequest {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL('/oauth/authorize', config.oauthUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state, verifier };
}

const codeExchange: Exchange = {
  operation: 'oauth.authorizationCode',
  endpoint: 'POST /oauth/token',
  idempotent: false,
};

/** The code from the redirect, exchanged for tokens (a code is good for one exchange). */
export async function exchangeCode(
  config: Pick<
    ZoomConfig,
    'oauthUrl' | 'clientId' | 'clientSecret' | 'redirectUri' | 'requestTimeoutMs'
  >,
  login: LoginRequest,
  code: string,
  now: Date,
  report?: CallReport,
): Promise<ZoomTokenSet> {
  const http = zoomAxios({ baseUrl: config.oauthUrl, timeoutMs: config.requestTimeoutMs });
  const raw = await requestToken(
    http,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: config.redirectUri,
      code_verifier: login.verifier,
    },
    config,
    codeExchange,
    report,
  );
  if (raw.status < 200 || raw.status >= 300)
    throw errorFromResponse({ ...codeExchange, ...raw, now });
  return userTokensFrom(raw, codeExchange, now);
}

/**
 * What the operator pasted (`--manual`): the code itself, or the whole URL the browser was sent
 * to. A URL must carry the login's `state`.
 */
export function codeFromPaste(text: string, state: string): { code: string } | { error: string } {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) return codeFromRedirect(new URL(trimmed).searchParams, state);
  if (!/^[\w.~-]+$/.test(trimmed)) return { error: 'that is neither a code nor the redirect URL' };
  return { code: trimmed };
}

/** The redirect's query: the code, or why there is none (declined, a forged or stale state). */
export function codeFromRedirect(
  query: URLSearchParams,
  state: string,
): { code: string } | { error: string } {
  const error = query.get('error');
  if (error)
    return {
      error:
        error === 'access_denied'
          ? 'the app was not allowed (Decline was chosen)'
          : `Zoom answered ${error}`,
    };
  if (query.get('state') !== state)
    return { error: 'the redirect does not carry this login’s state (an old or forged link)' };
  const code = query.get('code');
  return code ? { code } : { error: 'the redirect carries no code' };
}
