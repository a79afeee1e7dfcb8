import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '../../../src/daemon/http-server.js';
import { createLogger } from '../../../src/log.js';

/**
 * The HTTP server on its own (real sockets on 127.0.0.1), with endpoints that answer at once:
 * who it answers (DNS rebinding), how many connections it keeps, how long a client may take to
 * send its headers, and what a malformed request costs.
 */

const statusPage = '<p>Boardroom: https://zoom.us/j/81234567890?pwd=secret</p>';

function capturingLogger() {
  const records: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: 'debug',
    format: 'json',
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          records.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
  return { logger, records };
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** The event ids the fake endpoints were asked for, in order. */
const asked: string[] = [];

/** One request with the headers exactly as given (fetch will not send another `Host`). */
function get(
  server: RunningHttpServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** What comes back on a raw socket until the server closes it (or `''` when it sends nothing). */
function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(text));
  });
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('the HTTP server', () => {
  let server: RunningHttpServer | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await server?.close();
    server = undefined;
  });

  async function start(
    options: { token?: string; limits?: Parameters<typeof startHttpServer>[0]['limits'] } = {},
  ) {
    const { logger, records } = capturingLogger();
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      token: options.token ?? '',
      logger,
      endpoints: {
        health: () => ({ ok: true, body: { status: 'ok' } }),
        ready: () => ({ ok: true, body: { status: 'ready' } }),
        metrics: async () => ({ contentType: 'text/plain', body: 'zoomlink_info 1\n' }),
        statusPage: () => statusPage,
        bookingPage: (eventId) => {
          asked.push(eventId);
          return eventId === 'ev/1 ü'
            ? { found: true, html: '<p>the booking</p>' }
            : { found: false, html: '<p>no such booking</p>' };
        },
      },
      ...(options.limits ? { limits: options.limits } : {}),
    });
    return { server, records };
  }

  describe('without a token (loopback only): DNS rebinding', () => {
    it.each(['localhost', '127.0.0.1', '[::1]', 'LOCALHOST', '127.0.0.1:8787', 'localhost:9000'])(
      'answers Host %s (with any port: an SSH tunnel may use another)',
      async (host) => {
        const { server } = await start();
        const answer = await get(server, '/', { host });
        expect(answer.status).toBe(200);
        expect(answer.body).toContain('Boardroom');
      },
    );

    it.each([
      'attacker.example:8787',
      'attacker.example',
      'localhost.attacker.example:8787',
      '127.0.0.1.nip.io:8787',
      'zoomlink-host:8787',
      'localhost:80@attacker.example',
    ])('refuses Host %s with 421 and shows nothing, on every path', async (host) => {
      const { server } = await start();
      for (const path of ['/', '/readyz', '/metrics', '/healthz']) {
        const answer = await get(server, path, { host });
        expect(answer.status, `${host} ${path}`).toBe(421);
        expect(answer.body).not.toContain('Boardroom');
        expect(answer.body).not.toContain('zoomlink_info');
        expect(answer.body).toMatch(/http:\/\/127\.0\.0\.1:\d+\/.*server\.token/);
      }
    });

    it('with a token, answers any Host (the token guards it)', async () => {
      const token = 'a-long-random-token-0123456789';
      const { server } = await start({ token });
      const answer = await get(server, '/', {
        host: 'zoomlink.internal:8787',
        authorization: `Bearer ${token}`,
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('Boardroom');
    });
  });

  it('serves /bookings/<id> with the id percent-decoded and looked up exactly, under the CSP', async () => {
    const { server } = await start();
    asked.length = 0;
    const found = await get(server, '/bookings/ev%2F1%20%C3%BC');
    expect(found).toMatchObject({ status: 200, body: '<p>the booking</p>' });
    expect(found.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(found.headers?.['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    const unknown = await get(server, '/bookings/EV%2F1%20%C3%BC');
    expect(unknown).toMatchObject({ status: 404, body: '<p>no such booking</p>' });
    expect(unknown.headers?.['content-security-policy']).toMatch(/^default-src 'none'/);
    // Not one segment, or not percent-encoding: the 404 page, without looking anything up.
    for (const path of ['/bookings/ev/1', '/bookings/%E0%A4%A', '/bookings/'])
      expect((await get(server, path)).status, path).toBe(404);
    expect(asked).toEqual(['ev/1 ü', 'EV/1 ü', '', '', '']);
  });

  it('answers a malformed URL (GET //) with 400 and logs it at debug, not as an error', async () => {
    const { server, records } = await start();
    const answer = await get(server, '//', { host: `127.0.0.1:${server.port}` });
    expect(answer.status).toBe(400);
    expect(records.filter((r) => r.level === 'error')).toEqual([]);
    expect(records).toContainEqual(
      expect.objectContaining({ level: 'debug', message: 'http bad request' }),
    );
  });

  it('keeps at most maxConnections connections open, and closes the next ones at once', async () => {
    const { server } = await start({ limits: { maxConnections: 2 } });
    // Two connections the server has taken (each answered once, kept alive).
    for (let i = 0; i < 2; i += 1) {
      const socket = await openSocket(server.port);
      sockets.push(socket);
      const answered = new Promise<void>((resolve) => socket.once('data', () => resolve()));
      socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      await answered;
    }
    const extra = await openSocket(server.port);
    sockets.push(extra);
    const seen = readUntilClosed(extra);
    extra.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(await seen).toBe('');
  });

  it('cuts off a client that never finishes its headers (408, connection closed)', async () => {
    const { server } = await start({
      limits: { headersTimeoutMs: 200, requestTimeoutMs: 400, checkIntervalMs: 50 },
    });
    const socket = await openSocket(server.port);
    sockets.push(socket);
    const seen = readUntilClosed(socket);
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    expect(await seen).toMatch(/^HTTP\/1\.1 408 /);
  }, 5000);
});
