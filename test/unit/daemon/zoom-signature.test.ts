import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  urlValidationAnswer,
  verifyZoomSignature,
  zoomSignature,
} from '../../../src/daemon/zoom-signature.js';

const secret = 'wh-secret-token-0123';
const now = new Date('2030-03-04T10:00:00Z');
const seconds = (date: Date) => String(Math.floor(date.getTime() / 1000));
const body = Buffer.from('{"event":"meeting.deleted","payload":{"object":{"id":123}}}');

/** Zoom's documented recipe, written out here on its own (not through the module under test). */
const zoomSigns = (timestamp: string, raw: Buffer) =>
  `v0=${createHmac('sha256', secret)
    .update(`v0:${timestamp}:${raw.toString('utf8')}`)
    .digest('hex')}`;

describe('Zoom webhook signatures', () => {
  it('accepts what Zoom signs, with the timestamp in seconds or in milliseconds', () => {
    const ts = seconds(now);
    expect(zoomSignature(secret, ts, body)).toBe(zoomSigns(ts, body));
    expect(
      verifyZoomSignature({
        secret,
        signature: zoomSigns(ts, body),
        timestamp: ts,
        rawBody: body,
        now,
      }),
    ).toBe('ok');
    const ms = String(now.getTime());
    expect(
      verifyZoomSignature({
        secret,
        signature: zoomSigns(ms, body),
        timestamp: ms,
        rawBody: body,
        now,
      }),
    ).toBe('ok');
  });

  it('refuses a missing header, another secret, another body, and a timestamp over 5 minutes away', () => {
    const ts = seconds(now);
    const base = { secret, timestamp: ts, rawBody: body, now };
    expect(verifyZoomSignature({ ...base, signature: undefined })).toBe('missing');
    expect(
      verifyZoomSignature({ ...base, signature: zoomSigns(ts, body), timestamp: undefined }),
    ).toBe('missing');
    expect(
      verifyZoomSignature({ ...base, secret: 'another', signature: zoomSigns(ts, body) }),
    ).toBe('bad_signature');
    expect(
      verifyZoomSignature({
        ...base,
        signature: zoomSigns(ts, body),
        rawBody: Buffer.from(`${body} `),
      }),
    ).toBe('bad_signature');
    expect(verifyZoomSignature({ ...base, signature: 'v0=short' })).toBe('bad_signature');
    const old = seconds(new Date(now.getTime() - 5 * 60_000 - 1000));
    expect(verifyZoomSignature({ ...base, timestamp: old, signature: zoomSigns(old, body) })).toBe(
      'stale_timestamp',
    );
    const edge = seconds(new Date(now.getTime() - 5 * 60_000));
    expect(
      verifyZoomSignature({ ...base, timestamp: edge, signature: zoomSigns(edge, body) }),
    ).toBe('ok');
    const ahead = seconds(new Date(now.getTime() + 6 * 60_000));
    expect(
      verifyZoomSignature({ ...base, timestamp: ahead, signature: zoomSigns(ahead, body) }),
    ).toBe('stale_timestamp');
    expect(
      verifyZoomSignature({ ...base, timestamp: 'soon', signature: zoomSigns('soon', body) }),
    ).toBe('stale_timestamp');
  });

  it('accepts no signature but the right one (any other body, timestamp or header is refused)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (text, forged) => {
        const raw = Buffer.from(text);
        const ts = seconds(now);
        const right = zoomSigns(ts, raw);
        fc.pre(forged !== right);
        expect(
          verifyZoomSignature({ secret, signature: forged, timestamp: ts, rawBody: raw, now }),
        ).not.toBe('ok');
        expect(
          verifyZoomSignature({ secret, signature: right, timestamp: ts, rawBody: raw, now }),
        ).toBe('ok');
      }),
    );
  });

  it('answers the url_validation challenge with the HMAC of the plain token', () => {
    expect(urlValidationAnswer(secret, 'qgg8vlvZRS6UYooatFL8Aw')).toEqual({
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', secret).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });
});
