import { describe, expect, it } from 'vitest';
import { toGoogleFailure } from '../../../src/google/http-failure.js';

const tokenUrls = ['https://oauth2.googleapis.com/token', 'http://127.0.0.1:9/token'];
const now = new Date('2026-03-02T10:00:00Z');

/** Shaped like gaxios 7's GaxiosError: fetch Headers, parsed data, the request config. */
function gaxiosError(
  status: number,
  data: unknown,
  url: string,
  headers: Record<string, string> = {},
) {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    config: { url: new URL(url) },
    response: { status, data, headers: new Headers(headers) },
  });
}

describe('toGoogleFailure', () => {
  it('reads status, JSON body and Retry-After (seconds or a date) from an API error', () => {
    const body = { error: { code: 429, message: 'Rate Limit Exceeded', errors: [] } };
    const failure = toGoogleFailure(
      gaxiosError(429, body, 'http://127.0.0.1:9/calendar/v3/calendars/x/events', {
        'Retry-After': '3',
      }),
      tokenUrls,
      now,
    );
    expect(failure).toMatchObject({
      status: 429,
      body,
      fromTokenEndpoint: false,
      retryAfterMs: 3000,
    });
    const dated = toGoogleFailure(
      gaxiosError(503, 'x', 'http://127.0.0.1:9/a', {
        'retry-after': 'Mon, 02 Mar 2026 10:00:05 GMT',
      }),
      tokenUrls,
      now,
    );
    expect(dated.retryAfterMs).toBe(5000);
  });

  it('recognises the token endpoint by URL or by an OAuth error body', () => {
    const byUrl = toGoogleFailure(
      gaxiosError(500, 'oops', 'http://127.0.0.1:9/token'),
      tokenUrls,
      now,
    );
    expect(byUrl.fromTokenEndpoint).toBe(true);
    const byBody = toGoogleFailure(
      gaxiosError(401, { error: 'unauthorized_client', error_description: 'no' }, 'http://other/'),
      tokenUrls,
      now,
    );
    expect(byBody).toMatchObject({ fromTokenEndpoint: true, status: 401 });
  });

  it('parses a JSON body gaxios left as text', () => {
    const failure = toGoogleFailure(
      gaxiosError(410, '{"error":{"code":410}}', 'http://x/'),
      tokenUrls,
      now,
    );
    expect(failure.body).toEqual({ error: { code: 410 } });
  });

  it('a thrown error without a response is status 0 with the network detail', () => {
    const reset = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      config: { url: 'http://x/' },
    });
    expect(toGoogleFailure(reset, tokenUrls, now)).toMatchObject({
      status: 0,
      networkDetail: 'ECONNRESET: socket hang up',
      fromTokenEndpoint: false,
    });
    expect(toGoogleFailure('weird', tokenUrls, now)).toMatchObject({
      status: 0,
      networkDetail: 'weird',
    });
  });
});
