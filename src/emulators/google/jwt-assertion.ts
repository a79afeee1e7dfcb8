import { verify, type KeyObject } from 'node:crypto';

/** The claims gtoken (googleapis/node-gtoken v8.0.0) puts into a JWT-bearer assertion. */
export interface AssertionClaims {
  iss: string;
  scope?: string;
  aud: string;
  iat: number;
  exp: number;
  sub?: string;
}

export type AssertionProblem =
  'malformed' | 'algorithm' | 'unknownIssuer' | 'signature' | 'audience' | 'timeframe';

/** Reads a compact JWS without trusting it: header, claims, and the bytes that were signed. */
export function decodeAssertion(
  assertion: string,
):
  | { header: Record<string, unknown>; claims: AssertionClaims; signed: string; signature: Buffer }
  | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const claims = JSON.parse(
      Buffer.from(parts[1]!, 'base64url').toString('utf8'),
    ) as AssertionClaims;
    if (typeof claims !== 'object' || claims === null || typeof claims.iss !== 'string')
      return undefined;
    return {
      header,
      claims,
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Checks an RS256 assertion the way Google's token endpoint does: known issuer, valid signature
 * over `header.claims`, an audience of a token URL, and a short-lived `iat`/`exp` (at most one
 * hour, within a few minutes of now). `nowSeconds` is the caller's wall clock: clients sign with
 * theirs, whatever the emulator's movable clock says.
 */
export function checkAssertion(
  assertion: string,
  options: {
    publicKeyFor: (issuer: string) => KeyObject | undefined;
    audiences: string[];
    nowSeconds: number;
  },
): { claims: AssertionClaims } | { problem: AssertionProblem } {
  const decoded = decodeAssertion(assertion);
  if (!decoded) return { problem: 'malformed' };
  if (decoded.header.alg !== 'RS256') return { problem: 'algorithm' };
  const key = options.publicKeyFor(decoded.claims.iss);
  if (!key) return { problem: 'unknownIssuer' };
  if (!verify('RSA-SHA256', Buffer.from(decoded.signed), key, decoded.signature))
    return { problem: 'signature' };
  const { aud, iat, exp } = decoded.claims;
  if (typeof aud !== 'string' || !options.audiences.includes(aud)) return { problem: 'audience' };
  const skew = 300;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp <= iat ||
    exp - iat > 3600 ||
    iat > options.nowSeconds + skew ||
    exp < options.nowSeconds - skew
  )
    return { problem: 'timeframe' };
  return { claims: decoded.claims };
}
