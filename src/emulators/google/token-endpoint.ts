import type { KeyObject } from 'node:crypto';
import type { ApiContext, Reply } from '../kit/index.js';
import { checkAssertion, type AssertionProblem } from './jwt-assertion.js';
import type { Organisation } from './organisation.js';
import type { TokenStore } from './tokens.js';

/**
 * Google's real token URL: google-auth-library puts it into every assertion's `aud` (a constant in
 * gtoken; observed with google-auth-library 10.5.0 and gtoken 8.0.0).
 */
export const googleTokenUrl = 'https://oauth2.googleapis.com/token';

export interface TokenEndpointDeps {
  organisation: Organisation;
  tokens: TokenStore;
  serviceAccounts: () => Map<string, KeyObject>;
  ownTokenUrl: () => string;
  delegationAllowed: () => boolean;
  /** Scopes the admin authorised for delegation; undefined = every scope. */
  delegatedScopes: () => ReadonlySet<string> | undefined;
  oauthClient: { clientId: string; clientSecret: string };
  nowMs: () => number;
}

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  headers: {
    'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
    pragma: 'no-cache',
  },
  body: { error, error_description: description },
});

// Bodies as Google sends them (401 unauthorized_client: google-api-php-client #2214; invalid_grant
// texts are the ones widely reported, e.g. google-api-php-client #783 for "Not a valid email.";
// others UNCONFIRMED, see README).
const problems: Record<AssertionProblem, Reply> = {
  malformed: oauthError(400, 'invalid_grant', 'Invalid JWT Signature.'),
  algorithm: oauthError(400, 'invalid_grant', 'Invalid JWT Signature.'),
  signature: oauthError(400, 'invalid_grant', 'Invalid JWT Signature.'),
  unknownIssuer: oauthError(400, 'invalid_grant', 'Invalid grant: account not found'),
  audience: oauthError(400, 'invalid_grant', 'Invalid JWT: Failed audience check.'),
  timeframe: oauthError(
    400,
    'invalid_grant',
    'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
  ),
};

export const unauthorizedClient = oauthError(
  401,
  'unauthorized_client',
  'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
);

function formFields(ctx: ApiContext): URLSearchParams {
  const text = ctx.rawBody.toString('utf8');
  const type = String(ctx.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      return new URLSearchParams(
        Object.entries(parsed).flatMap(([k, v]): [string, string][] =>
          typeof v === 'string' ? [[k, v]] : [],
        ),
      );
    } catch {
      return new URLSearchParams();
    }
  }
  const fields = new URLSearchParams(text);
  for (const [k, v] of ctx.query) if (!fields.has(k)) fields.set(k, v);
  return fields;
}

/** `POST /token`: the JWT-bearer grant of service accounts and the refresh-token grant of user OAuth. */
export function tokenEndpoint(deps: TokenEndpointDeps) {
  return (ctx: ApiContext): Reply => {
    const fields = formFields(ctx);
    const grantType = fields.get('grant_type');
    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer')
      return jwtBearer(deps, ctx, fields.get('assertion') ?? '');
    if (grantType === 'refresh_token') return refreshGrant(deps, ctx, fields);
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  };
}

function jwtBearer(deps: TokenEndpointDeps, ctx: ApiContext, assertion: string): Reply {
  const checked = checkAssertion(assertion, {
    publicKeyFor: (issuer) => deps.serviceAccounts().get(issuer),
    audiences: [googleTokenUrl, deps.ownTokenUrl()],
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  if ('problem' in checked) return problems[checked.problem];
  const { claims } = checked;
  const scopes = (claims.scope ?? '').split(/\s+/).filter(Boolean);
  if (scopes.length === 0)
    return oauthError(400, 'invalid_scope', 'Empty or missing scope not allowed.');

  if (claims.sub === undefined || claims.sub === claims.iss) {
    ctx.tag('user', claims.iss);
    const token = deps.tokens.issueAccess(
      { user: claims.iss, via: 'serviceAccount', scopes },
      deps.nowMs(),
    );
    return { status: 200, body: { ...token, token_type: 'Bearer' } };
  }

  const subject = claims.sub.toLowerCase();
  ctx.tag('user', subject);
  if (!deps.delegationAllowed()) return unauthorizedClient;
  const authorised = deps.delegatedScopes();
  if (authorised && !scopes.every((s) => authorised.has(s))) return unauthorizedClient;
  const person = deps.organisation.person(subject);
  if (!person || !person.inDomain)
    return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
  const token = deps.tokens.issueAccess(
    { user: person.email, via: 'delegation', scopes },
    deps.nowMs(),
  );
  return { status: 200, body: { ...token, token_type: 'Bearer' } };
}

function refreshGrant(deps: TokenEndpointDeps, ctx: ApiContext, fields: URLSearchParams): Reply {
  let clientId = fields.get('client_id');
  let clientSecret = fields.get('client_secret');
  const basic = /^Basic (.+)$/i.exec(String(ctx.headers.authorization ?? ''));
  if (basic) {
    const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    clientId ??= id ?? null;
    clientSecret ??= secret ?? null;
  }
  if (clientId !== deps.oauthClient.clientId)
    return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (clientSecret !== deps.oauthClient.clientSecret)
    return oauthError(401, 'invalid_client', 'Unauthorized');
  const grant = deps.tokens.redeemRefresh(fields.get('refresh_token') ?? '');
  if (!grant) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
  ctx.tag('user', grant.email);
  const token = deps.tokens.issueAccess(
    { user: grant.email, via: 'userOAuth', scopes: grant.scopes },
    deps.nowMs(),
  );
  return { status: 200, body: { ...token, scope: grant.scopes.join(' '), token_type: 'Bearer' } };
}
