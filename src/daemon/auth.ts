import { createHash, timingSafeEqual } from 'node:crypto';
import { isLoopbackHost } from '../config/loopback.js';

export { isLoopbackHost };

/**
 * Who may read the daemon's endpoints. With `server.token` set, every endpoint but `/healthz`
 * wants it, as `Authorization: Bearer <token>` (scripts, Prometheus `authorization`) or as the
 * password of HTTP Basic (so a browser's own login prompt opens the status page; the user name
 * is ignored). Without a token, the server must stay on loopback: the page shows join links.
 */
export type AuthDecision = 'allowed' | 'missing' | 'wrong';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares in constant time (over digests, so the lengths leak nothing either). */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function checkAuthorization(header: string | undefined, token: string): AuthDecision {
  if (token === '') return 'allowed';
  if (!header) return 'missing';
  const match = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header);
  if (!match) return 'wrong';
  const [, scheme, credential] = match as unknown as [string, string, string];
  if (scheme.toLowerCase() === 'bearer') return sameSecret(credential, token) ? 'allowed' : 'wrong';
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'wrong';
  return sameSecret(decoded.slice(colon + 1), token) ? 'allowed' : 'wrong';
}

/**
 * Whether a request's `Host` header names this machine: `localhost` or a loopback address, with
 * any port or none (an SSH tunnel may forward another local port). A web page that rebinds its
 * own name to 127.0.0.1 still sends its own name here, so without a token only these are served.
 */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header ?? '');
  return match !== null && isLoopbackHost(match[1]!);
}

/** The `WWW-Authenticate` challenges of a 401 (Basic first, so browsers show their prompt). */
export const authChallenges = [
  'Basic realm="zoomlink", charset="UTF-8"',
  'Bearer realm="zoomlink"',
];
