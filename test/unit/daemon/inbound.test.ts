import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../../src/daemon/http-server.js';
import { inboundBodyLimit, type InboundRequest } from '../../../src/daemon/inbound.js';
import { quietLogger } from './fakes.js';

/**
 * The server's inbound POST routes (Zoom's webhooks): they authenticate their own calls, so the
 * server token and the loopback-name rule that guard the pages do not apply to them; nothing
 * else of the server accepts a POST.
 */
describe('inbound routes', () => {
  let server: RunningHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const seen: InboundRequest[] = [];
  async function start(token: string) {
    seen.length = 0;
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      token,
      logger: quietLogger,
      endpoints: {
        health: () => ({ ok: true, body: {} }),
        ready: () => ({ ok: true, body: {} }),
        metrics: async () => ({ contentType: 'text/plain', body: '' }),
        statusPage: () => '<p>page</p>',
        bookingPage: () => ({ found: false, html: '' }),
      },
      inbound: new Map([
        [
          '/webhooks/zoom',
          (request: InboundRequest) => {
            seen.push(request);
            return { status: 200, body: { bytes: request.rawBody.length } };
          },
        ],
      ]),
    });
    return server;
  }

  function send(path: string, method: string, body: Buffer, host = 'zoomlink.example.org') {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${server!.url.replace(/\/$/, '')}${path}`,
        { method, headers: { host, 'content-type': 'application/json' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('hands the raw body to the route, without the server token and for any host name', async () => {
    await start('a-server-token-of-some-length');
    const raw = Buffer.from('{"event":"x", "spaced" : 1}');
    const answer = await send('/webhooks/zoom', 'POST', raw);
    expect(answer).toEqual({ status: 200, body: `{"bytes":${raw.length}}\n` });
    expect(seen[0]!.rawBody.equals(raw)).toBe(true);
    expect(seen[0]!.headers.host).toBe('zoomlink.example.org');
  });

  it('answers only POST there, refuses a body over the limit, and leaves every other path as it was', async () => {
    await start('');
    expect((await send('/webhooks/zoom', 'GET', Buffer.alloc(0), '127.0.0.1')).status).toBe(405);
    expect(
      (await send('/webhooks/zoom', 'POST', Buffer.alloc(inboundBodyLimit + 1, 32))).status,
    ).toBe(413);
    expect((await send('/webhooks/other', 'POST', Buffer.from('{}'), '127.0.0.1')).status).toBe(
      405,
    );
    // Other paths keep the loopback-name rule.
    expect((await send('/', 'GET', Buffer.alloc(0))).status).toBe(421);
    expect(seen).toHaveLength(0);
  });
});
