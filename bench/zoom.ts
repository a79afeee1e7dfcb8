/**
 * `npm run bench zoom`: requests per second through the Zoom client against the Zoom emulator,
 * and what the client costs over a bare HTTP call to the same emulator (same token, same
 * endpoint, same concurrency): node:http with a keep-alive agent, and fetch.
 *
 * The client's extra work per call: token cache, concurrency slot, retry wrapper, axios,
 * JSON parse and zod parse of the answer, error mapping, budget bookkeeping (creates).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { configSchema } from '../src/config/index.js';
import { startZoomEmulator, type ZoomEmulator } from '../src/emulators/zoom/index.js';
import { createLogger } from '../src/log.js';
import { createZoomClient, type ZoomClient } from '../src/zoom/index.js';

const SEQUENTIAL = 600;
const CONCURRENT = 2000;
const CONCURRENCY = 8;
const CREATES = 150;

interface Measured {
  what: string;
  via: string;
  requests: number;
  parallel: number;
  seconds: number;
  latenciesMs: number[];
}

type Call = () => Promise<unknown>;

async function measure(what: string, via: string, total: number, parallel: number, call: Call) {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) {
        next += 1;
        const t = performance.now();
        await call();
        latenciesMs.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { what, via, requests: total, parallel, seconds, latenciesMs } satisfies Measured;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);

/** A bare request on a keep-alive agent: no retries, no parsing beyond reading the body. */
function bareHttp(agent: http.Agent, token: string) {
  return (method: string, url: string, body?: unknown) =>
    new Promise<string>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request(
        url,
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
}

async function fetchToken(emulator: ZoomEmulator): Promise<string> {
  const basic = Buffer.from(`${emulator.clientId}:${emulator.clientSecret}`).toString('base64');
  const response = await fetch(`${emulator.oauthUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'account_credentials',
      account_id: emulator.accountId,
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function table(rows: Measured[]): string {
  const header = [
    'request',
    'via',
    'requests',
    'in flight',
    'req/s',
    'mean ms',
    'p50 ms',
    'p95 ms',
  ];
  const body = rows.map((r) => [
    r.what,
    r.via,
    String(r.requests),
    String(r.parallel),
    (r.requests / r.seconds).toFixed(0),
    mean(r.latenciesMs).toFixed(2),
    percentile(r.latenciesMs, 50).toFixed(2),
    percentile(r.latenciesMs, 95).toFixed(2),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

export async function run(): Promise<void> {
  const hosts = Array.from({ length: 4 }, (_, i) => `bench${i}@example.com`);
  const emulator = await startZoomEmulator({ users: hosts.map((email) => ({ email })) });
  const config = {
    ...configSchema.parse({}).zoom,
    accountId: emulator.accountId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    apiUrl: emulator.apiUrl,
    oauthUrl: emulator.oauthUrl,
    concurrency: CONCURRENCY,
  };
  // The daemon's default level: what an operator runs with.
  const quiet = createLogger({ level: 'info' });
  const client: ZoomClient = createZoomClient(config, {
    rateLimits: false,
    now: () => emulator.server.clock.now(),
    logger: quiet,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const bare = bareHttp(agent, await fetchToken(emulator));
  const token = await fetchToken(emulator);

  try {
    const start = new Date(emulator.server.clock.now().getTime() + 7 * 86_400_000)
      .toISOString()
      .slice(0, 19);
    const request = {
      type: 2 as const,
      topic: 'Bench',
      start_time: start,
      timezone: 'UTC',
      duration: 30,
    };
    const meeting = await client.createMeeting(hosts[0]!, request);
    const meetingUrl = `${emulator.apiUrl}/meetings/${meeting.id}`;

    const get: Record<string, Call> = {
      client: () => client.getMeeting(meeting.id),
      'node:http': () => bare('GET', meetingUrl),
      fetch: async () =>
        (await fetch(meetingUrl, { headers: { authorization: `Bearer ${token}` } })).text(),
    };
    for (const call of Object.values(get)) for (let i = 0; i < 50; i += 1) await call(); // warm-up

    const rows: Measured[] = [];
    for (const [via, call] of Object.entries(get)) {
      rows.push(await measure('GET /meetings/{id}', via, SEQUENTIAL, 1, call));
    }
    for (const [via, call] of Object.entries(get)) {
      rows.push(await measure('GET /meetings/{id}', via, CONCURRENT, CONCURRENCY, call));
    }
    // Creates spend the hosts' daily budget (100 each): client and bare use different hosts.
    let n = 0;
    rows.push(
      await measure('POST /users/{id}/meetings', 'client', CREATES, 1, () =>
        client.createMeeting(hosts[n++ % 2]!, request),
      ),
    );
    rows.push(
      await measure('POST /users/{id}/meetings', 'node:http', CREATES, 1, () =>
        bare('POST', `${emulator.apiUrl}/users/${hosts[2 + (n++ % 2)]}/meetings`, request),
      ),
    );

    console.log(table(rows));
    console.log('');
    const overhead = (what: string, parallel: number) => {
      const of = (via: string) =>
        rows.find((r) => r.what === what && r.via === via && r.parallel === parallel)!;
      const c = of('client');
      const b = of('node:http');
      return `| ${what} | ${parallel} | ${(mean(c.latenciesMs) - mean(b.latenciesMs)).toFixed(2)} | ${(
        ((b.requests / b.seconds - c.requests / c.seconds) / (b.requests / b.seconds)) *
        100
      ).toFixed(1)}% |`;
    };
    console.log(
      '| client overhead vs node:http | in flight | extra ms per request (mean) | throughput lost |',
    );
    console.log('| --- | --- | --- | --- |');
    console.log(overhead('GET /meetings/{id}', 1));
    console.log(overhead('GET /meetings/{id}', CONCURRENCY));
    console.log(overhead('POST /users/{id}/meetings', 1));
  } finally {
    agent.destroy();
    await emulator.close();
  }
}
