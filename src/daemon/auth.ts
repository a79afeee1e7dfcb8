import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

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

/** 127.0.0.0/8, ::1 and `localhost`: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare === '::1') return true;
  return bare.startsWith('::ffff:127.');
}

/** The `WWW-Authenticate` challenges of a 401 (Basic first, so browsers show their prompt). */
export const authChallenges = [
  'Basic realm="zoomlink", charset="UTF-8"',
  'Bearer realm="zoomlink"',
];
