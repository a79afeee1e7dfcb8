import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import {
  authChallenges,
  checkAuthorization,
  isLoopbackHost,
  isLoopbackHostHeader,
} from './auth.js';
import { DaemonError } from './daemon-error.js';
import { serveInbound, type InboundRoutes } from './inbound.js';
import { statusPageStyleHash } from './status-page.js';

/**
 * The daemon's HTTP server: `/healthz` (process and scheduler alive), `/readyz` (every room polled
 * recently), `/metrics` (Prometheus text), the status page at `/` and a page per booking at
 * `/bookings/<eventId>`. Read-only: GET and HEAD only, but for the `inbound` POST routes of upstream services (`inbound.ts`). Nothing it serves loads anything from elsewhere, and its headers forbid it to.
 */
export interface JsonAnswer {
  ok: boolean;
  body: Record<string, unknown>;
}

export interface Endpoints {
  health(): JsonAnswer;
  ready(): JsonAnswer;
  metrics(): Promise<{ contentType: string; body: string }>;
  statusPage(): string;
  /** The page of the booking with exactly this event id; `found: false` is the 404 page. */
  bookingPage(eventId: string): { found: boolean; html: string };
}

export interface HttpServerOptions {
  host: string;
  port: number;
  /** Required when `host` is not loopback; when set, guards everything but `/healthz`. */
  token: string;
  endpoints: Endpoints;
  logger: Logger;
  /** POST endpoints for upstream services, each authenticating its own calls (`inbound.ts`). */
  inbound?: InboundRoutes;
  /** Tests only: tighter limits than `serverLimits`. */
  limits?: Partial<ServerLimits>;
}

export interface ServerLimits {
  /** Connections open at once; more are closed as they come (a browser opens about six). */
  maxConnections: number;
  /** Time a client has to send its request headers (slowloris). */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often Node looks for connections past those timeouts (its default is 30 s). */
  checkIntervalMs: number;
}

export const serverLimits: ServerLimits = {
  maxConnections: 64,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

export interface RunningHttpServer {
  /** e.g. `http://127.0.0.1:8787/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const pageSecurityPolicy = [
  "default-src 'none'",
  `style-src '${statusPageStyleHash}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const commonHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export function assertServerProtected(host: string, token: string): void {
  if (token === '' && !isLoopbackHost(host)) {
    throw new DaemonError(
      'DAEMON_SERVER_UNPROTECTED',
      `server.host is ${host}, beyond loopback, but server.token is empty: the status page shows every booking's join link. Set server.token (ZOOMLINK_HTTP_TOKEN) to a long random string, or bind to 127.0.0.1 and reach it through a reverse proxy or an SSH tunnel.`,
    );
  }
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  assertServerProtected(options.host, options.token);
  const limits = { ...serverLimits, ...options.limits };
  const server = createServer(
    { connectionsCheckingInterval: limits.checkIntervalMs },
    (request, response) => {
      handle(request, response, options).catch((error: unknown) => {
        options.logger.error('http request failed', {
          path: request.url,
          error: describeError(error),
        });
        if (!response.headersSent)
          send(response, 500, 'text/plain; charset=utf-8', 'internal error\n');
        else response.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  server.requestTimeout = limits.requestTimeoutMs;
  server.headersTimeout = limits.headersTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new DaemonError(
            'DAEMON_PORT_IN_USE',
            `port ${port} on ${host} is already in use (another zoomlink, or another program). Stop it, or set server.port (ZOOMLINK_HTTP_PORT) to a free port; 0 picks any free port.`,
            { cause: error },
          ),
        );
      } else {
        reject(
          new DaemonError(
            'DAEMON_LISTEN_FAILED',
            `cannot listen on ${host}:${port}: ${error.message}. Check server.host (ZOOMLINK_HTTP_HOST) names an address of this machine, and that the port is allowed for this user (below 1024 needs privileges).`,
            { cause: error },
          ),
        );
      }
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: HttpServerOptions,
): Promise<void> {
  const method = request.method ?? 'GET';
  const inbound = options.inbound?.get(pathOf(request.url) ?? '');
  if (inbound) return serveInbound(request, response, inbound);
  if (options.token === '' && !isLoopbackHostHeader(request.headers.host)) {
    // DNS rebinding: a page from elsewhere whose name now points at 127.0.0.1 sends its own name.
    options.logger.debug('http request for another host refused', {
      host: request.headers.host,
    });
    const address = request.socket.localAddress ?? '127.0.0.1';
    const here = `http://${address.includes(':') ? `[${address}]` : address}:${request.socket.localPort}/`;
    return send(
      response,
      421,
      'text/plain; charset=utf-8',
      `without server.token zoomlink answers only requests for localhost or a loopback address: open ${here}, or set server.token\n`,
    );
  }
  const path = pathOf(request.url);
  if (path === undefined) {
    options.logger.debug('http bad request', { method, url: request.url });
    return send(response, 400, 'text/plain; charset=utf-8', 'bad request: malformed URL\n');
  }
  options.logger.debug('http request', { method, path });
  if (method !== 'GET' && method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return send(response, 405, 'text/plain; charset=utf-8', 'only GET and HEAD\n');
  }
  const { endpoints } = options;
  if (path === '/healthz') return sendJson(response, endpoints.health());

  const decision = checkAuthorization(request.headers.authorization, options.token);
  if (decision !== 'allowed') {
    response.setHeader('www-authenticate', authChallenges);
    return send(
      response,
      401,
      'text/plain; charset=utf-8',
      decision === 'missing'
        ? 'this endpoint needs server.token: send "Authorization: Bearer <token>"\n'
        : 'wrong token\n',
    );
  }

  if (path.startsWith(bookingsPrefix)) {
    // A malformed id is the 404 page too, with no lookup at all.
    const page = endpoints.bookingPage(bookingIdOf(path) ?? '');
    response.setHeader('content-security-policy', pageSecurityPolicy);
    return send(response, page.found ? 200 : 404, 'text/html; charset=utf-8', page.html);
  }

  switch (path) {
    case '/':
      response.setHeader('content-security-policy', pageSecurityPolicy);
      return send(response, 200, 'text/html; charset=utf-8', endpoints.statusPage());
    case '/readyz':
      return sendJson(response, endpoints.ready());
    case '/metrics': {
      const metrics = await endpoints.metrics();
      return send(response, 200, metrics.contentType, metrics.body);
    }
    case '/favicon.ico':
      return send(response, 204, 'text/plain; charset=utf-8', '');
    default:
      return send(
        response,
        404,
        'text/plain; charset=utf-8',
        'not found: try /, /bookings/<eventId>, /healthz, /readyz or /metrics\n',
      );
  }
}

const bookingsPrefix = '/bookings/';

/**
 * The event id of `/bookings/<id>`: one path segment, percent-decoded (the status page encodes
 * every id it links to), looked up exactly as it is. Undefined when it is no single segment or
 * not valid percent-encoding.
 */
function bookingIdOf(path: string): string | undefined {
  const segment = path.slice(bookingsPrefix.length);
  if (segment === '' || segment.includes('/')) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The path of a request target, or undefined when it is no URL (`//`, `http://`). */
function pathOf(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, answer: JsonAnswer): void {
  send(
    response,
    answer.ok ? 200 : 503,
    'application/json; charset=utf-8',
    `${JSON.stringify(answer.body)}\n`,
  );
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, {
    ...commonHeaders,
    'content-type': type,
    'content-length': bytes.length,
  });
  response.end(response.req.method === 'HEAD' ? undefined : bytes);
}
