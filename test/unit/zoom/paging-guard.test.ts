import { afterEach, describe, expect, it } from 'vitest';
import { ZoomClient } from '../../../src/zoom/client.js';
import { ZoomHttp } from '../../../src/zoom/http.js';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { startStubServer, type StubServer } from '../../support/stub-server.js';

/**
 * A meeting list whose pages never end (a proxy or a Zoom fault handing out the same page token
 * again) stops with a clear error: a partial list would let recovery miss a meeting it made.
 */
describe('Zoom client: a meeting list that does not end', () => {
  let stub: StubServer | undefined;
  afterEach(async () => stub?.close());

  const clientOf = (server: StubServer) => {
    const now = () => new Date('2030-03-04T08:00:00Z');
    const http = new ZoomHttp({
      apiUrl: `${server.url}/v2`,
      timeoutMs: 5000,
      concurrency: 1,
      retry: { maxRetries: 2, baseMs: 1, maxMs: 5 },
      tokens: { token: async () => 'token', invalidate: () => undefined },
      now,
    });
    return new ZoomClient({ http, now, dailyCreateUpdateLimit: 100 });
  };

  it('stops with ZOOM_PAGING_LOOP when Zoom hands out a page token a second time', async () => {
    stub = await startStubServer(() => ({ body: { next_page_token: 'again', meetings: [] } }));
    const error = await clientOf(stub)
      .listMeetings('room1@example.com')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ZoomApiError);
    expect(error).toMatchObject({ code: 'ZOOM_PAGING_LOOP', operation: 'meetings.list' });
    expect((error as Error).message).toMatch(/page token .*again/i);
    expect(stub.requests).toHaveLength(2);
  });
});
