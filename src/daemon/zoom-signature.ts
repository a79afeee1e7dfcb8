import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Zoom's webhook signatures (developers.zoom.us/docs/api/webhooks/, "Verify webhook events"):
 * every call carries `x-zm-request-timestamp` and `x-zm-signature: v0=<hex HMAC-SHA256 of
 * "v0:{timestamp}:{raw body}" under the app's Secret Token>`; the `endpoint.url_validation` call
 * is answered with `{plainToken, encryptedToken: hex HMAC-SHA256 of plainToken}`. Pure: the time
 * is an argument.
 */

/** How old (or how far ahead, clocks differ) a signed call may be: 5 minutes, as Zoom advises. */
export const zoomSignatureMaxAgeMs = 5 * 60_000;

export type ZoomSignatureVerdict = 'ok' | 'missing' | 'bad_signature' | 'stale_timestamp';

export function hmacHex(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/** `v0=` + HMAC-SHA256 of `v0:{timestamp}:{raw body}`: what Zoom sends, what we recompute. */
export function zoomSignature(secret: string, timestamp: string, rawBody: Buffer): string {
  return `v0=${hmacHex(secret, Buffer.concat([Buffer.from(`v0:${timestamp}:`), rawBody]))}`;
}

/**
 * Whether a call is Zoom's: both headers present, the signature equal (constant-time, over the
 * raw bytes as received: a body parsed and serialised again would not match), and the timestamp
 * within 5 minutes of `now`. The timestamp is epoch seconds; a value in milliseconds is read as
 * such too (integrators' samples disagree, and 13 digits cannot be seconds of this century).
 */
export function verifyZoomSignature(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  now: Date;
}): ZoomSignatureVerdict {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return 'missing';
  const expected = Buffer.from(zoomSignature(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  // timingSafeEqual needs equal lengths; a length differing says nothing about the secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
  const ms = timestampMs(timestamp);
  if (ms === undefined || Math.abs(input.now.getTime() - ms) > zoomSignatureMaxAgeMs)
    return 'stale_timestamp';
  return 'ok';
}

function timestampMs(timestamp: string): number | undefined {
  if (!/^\d{1,16}$/.test(timestamp)) return undefined;
  const n = Number(timestamp);
  return n >= 1e12 ? n : n * 1000;
}

/** The answer to `endpoint.url_validation`. */
export function urlValidationAnswer(
  secret: string,
  plainToken: string,
): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: hmacHex(secret, plainToken) };
}
