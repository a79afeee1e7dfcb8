import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/index.js';
import { CalendarApiError, createGoogleAdapter } from '../../../src/google/index.js';
import { createLogger } from '../../../src/log.js';
import { startStubServer, type StubServer } from '../../support/stub-server.js';

const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

/**
 * `events.list` pages that never end (the same page token again) stop with a clear error instead
 * of reading for ever: the room's poll fails and is tried again, the other rooms go on.
 */
describe('Google adapter: pages that do not end', () => {
  let stub: StubServer | undefined;
  afterEach(async () => stub?.close());

  it('stops with GOOGLE_PAGING_LOOP when Google hands out a page token a second time', async () => {
    stub = await startStubServer((request) =>
      request.url === '/token'
        ? { body: { access_token: 'ya29.stub', expires_in: 3600, token_type: 'Bearer' } }
        : { body: { items: [], nextPageToken: 'again' } },
    );
    const config = configSchema.parse({
      google: {
        oauthClientId: 'client',
        oauthClientSecret: 'secret',
        oauthRefreshToken: 'refresh',
        calendarRootUrl: `${stub.url}/`,
        tokenUrl: `${stub.url}/token`,
      },
    });
    const adapter = createGoogleAdapter(config, { logger: quiet });
    const read = async () => {
      for await (const page of adapter.readChanges('room@resource.calendar.google.com', null))
        void page;
    };
    const error = await read().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalendarApiError);
    expect(error).toMatchObject({ code: 'GOOGLE_PAGING_LOOP', operation: 'events.list' });
    expect(stub.requests.filter((r) => r.startsWith('GET '))).toHaveLength(2);
  }, 10_000);
});
