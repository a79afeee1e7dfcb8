import { auth } from 'googleapis/build/src/apis/calendar/index.js';
import type { GoogleCredentials } from './credentials.js';
import type { GoogleScope } from './scopes.js';

/** What googleapis accepts as `auth` for a call (a JWT is an OAuth2Client too). */
export type AuthClient = InstanceType<typeof auth.OAuth2>;

/** The token URL google-auth-library's JWT client always posts to: a constant in gtoken. */
export const googleTokenUrl = 'https://oauth2.googleapis.com/token';

export interface AuthClients {
  /** The client acting as `subject` with `scope`; one per pair, reused (its token is cached). */
  clientFor(subject: string, scope: GoogleScope): AuthClient;
  /** Forgets a client whose token Google no longer accepts, so the next call gets a new one. */
  forget(subject: string, scope: GoogleScope): void;
  /** Every URL a token request may go to (to tell token failures from API failures). */
  readonly tokenUrls: readonly string[];
}

/**
 * Auth clients per Workspace user. A service account signs a JWT with `sub` = the user (domain-wide
 * delegation) and the one scope the call needs; user OAuth has a single client, since it can only
 * ever act as its own user. Token requests go to `tokenUrl`: the JWT client hard-codes Google's URL
 * and ignores `token_uri`, so a request interceptor on its transporter (a Gaxios instance) rewrites
 * it (observed with google-auth-library 10.5.0, gaxios 7.3.1). Token requests are also kept from
 * retrying inside gaxios, so our retry layer is the only one and call counts stay exact, and get
 * the same timeout as API calls (gtoken sets none).
 */
export function createAuthClients(
  credentials: GoogleCredentials,
  tokenUrl: string,
  timeoutMs: number,
): AuthClients {
  const tokenUrls = [...new Set([googleTokenUrl, tokenUrl])];
  const cache = new Map<string, AuthClient>();
  const key = (subject: string, scope: GoogleScope) =>
    credentials.kind === 'userOAuth' ? 'user' : `${subject.toLowerCase()} ${scope}`;

  const create = (subject: string, scope: GoogleScope): AuthClient => {
    const client: AuthClient =
      credentials.kind === 'serviceAccount'
        ? new auth.JWT({
            email: credentials.clientEmail,
            key: credentials.privateKey,
            scopes: [scope],
            subject,
          })
        : new auth.OAuth2({
            clientId: credentials.clientId,
            clientSecret: credentials.clientSecret,
            endpoints: { oauth2TokenUrl: tokenUrl },
          });
    if (credentials.kind === 'userOAuth')
      client.setCredentials({ refresh_token: credentials.refreshToken });
    routeTokenRequests(client, tokenUrls, tokenUrl, timeoutMs);
    return client;
  };

  return {
    tokenUrls,
    clientFor(subject, scope) {
      const k = key(subject, scope);
      let client = cache.get(k);
      if (!client) {
        client = create(subject, scope);
        cache.set(k, client);
      }
      return client;
    },
    forget(subject, scope) {
      cache.delete(key(subject, scope));
    },
  };
}

function routeTokenRequests(
  client: AuthClient,
  from: readonly string[],
  to: string,
  timeoutMs: number,
): void {
  client.transporter.interceptors.request.add({
    resolved: async (options) => {
      // gaxios 7 hands the URL over as a URL object (a string in older versions).
      if (options.url !== undefined && from.includes(String(options.url))) {
        options.url = new URL(to);
        // gaxios turns `timeout` into a signal before interceptors run; give the signal itself.
        options.signal ??= AbortSignal.timeout(timeoutMs);
        options.retry = false;
        options.retryConfig = { ...options.retryConfig, retry: 0, noResponseRetries: 0 };
      }
      return options;
    },
  });
}
