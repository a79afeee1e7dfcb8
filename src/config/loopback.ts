import { isIP } from 'node:net';

/**
 * 127.0.0.0/8, ::1 and `localhost`: names only this machine answers to. Given bare (`::1`) or as
 * in a URL (`[::1]`).
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (bare === '::1') return true;
  return isIP(bare) === 6 && bare.startsWith('::ffff:127.');
}
