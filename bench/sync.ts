/**
 * `npm run bench sync`: the sync engine over both emulators at the size of a large office —
 * 200 rooms × 50 bookings (a tenth of them weekly series, a tenth series with a moved and a
 * cancelled instance) — through the real clients over HTTP on 127.0.0.1: the first sync, the poll
 * that sees our own write-back, and a poll with no change. It reports events per second, the API
 * calls per booking against the minimum, the database size and, last, the engine's peak RSS.
 *
 * The emulators run in a child process (`child-emulators.ts`), so this process holds the engine
 * alone: its time and memory are the engine's. On loopback the emulators answer at once, so the
 * upstreams' rate limiters are off here (`rateLimits: false`): this measures the engine's own
 * speed; `npm run bench realistic` measures it at real latency and quotas. The bench database
 * uses `synchronous: 'normal'` (durable across a crash of the process, not of the machine); the
 * daemon uses `full`, which costs an fsync per transaction. `BENCH_SYNC_ROOMS` and
 * `BENCH_SYNC_BOOKINGS` change the size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { clockFrom, createApp } from '../src/cli/app.js';
import { configSchema } from '../src/config/index.js';
import { createLogger } from '../src/log.js';
import type { PassSummary } from '../src/sync/plan/engine-types.js';
import { peakRssBytes, startChildEmulators } from './child-emulators.js';

const ROOMS = Number(process.env.BENCH_SYNC_ROOMS ?? 200);
const BOOKINGS = Number(process.env.BENCH_SYNC_BOOKINGS ?? 50);
const NOW = '2030-03-04T08:00:00Z';
const PEOPLE = 20;
const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

const routes = { googleToken: 'POST /token', zoomToken: 'POST /oauth/token' } as const;
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

export async function run(): Promise<void> {
  const emulators = await startChildEmulators({
    now: NOW,
    rooms: ROOMS,
    perRoom: BOOKINGS,
    people: PEOPLE,
  });
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-bench-sync-'));
  try {
    const { seeded } = emulators;
    const config = configSchema.parse({
      mode: 'live',
      database: { path: join(dir, 'bench.db') },
      zoom: {
        accountId: emulators.zoom.accountId,
        clientId: emulators.zoom.clientId,
        clientSecret: emulators.zoom.clientSecret,
        apiUrl: emulators.zoom.apiUrl,
        oauthUrl: emulators.zoom.oauthUrl,
      },
      google: {
        serviceAccountKeyFile: emulators.google.keyFile,
        adminSubject: seeded.admin,
        domains: [emulators.domain],
        calendarRootUrl: emulators.google.rootUrl,
        directoryRootUrl: emulators.google.rootUrl,
        tokenUrl: emulators.google.tokenUrl,
      },
      rooms: { list: seeded.rooms },
    });
    const app = createApp(config, {
      now: clockFrom(new Date(emulators.clock)),
      logger: quiet,
      synchronous: 'normal',
      rateLimits: false,
    });
    const baselineRss = process.memoryUsage().rss;

    const pass = async (): Promise<{
      summary: PassSummary;
      ms: number;
      calls: Record<string, number>;
    }> => {
      await emulators.resetCalls();
      const started = performance.now();
      const summary = await app.engine.poll();
      const ms = performance.now() - started;
      return { summary, ms, calls: await emulators.calls() };
    };

    const first = await pass();
    const writeBack = await pass();
    const quietPass = await pass();
    const stats = app.store.stats();
    app.close();

    const { bookings, singles, series, moved, cancelled } = seeded;
    const exceptionCount = moved + cancelled;
    // The least any client could do: a create, a read and a write of the organizer's copy per
    // booking; per exception a Zoom occurrence call; per moved instance a read and a write of its
    // own copy (made before the series had a link, so without the block; a cancelled one has no
    // copy); one events.list per room.
    const minimum = 3 * bookings + exceptionCount + 2 * moved + ROOMS;
    const apiCalls = (c: Record<string, number>) =>
      Object.entries(c)
        .filter(([route]) => route !== routes.googleToken && route !== routes.zoomToken)
        .reduce((sum, [, n]) => sum + n, 0);

    const rows: [string, string][] = [
      [
        'rooms × bookings',
        `${ROOMS} × ${BOOKINGS} = ${bookings} (${singles} single, ${series} series, ${series / 2} of them with ${exceptionCount} exceptions)`,
      ],
      ['seeding the emulators (their own process)', `${(seeded.seedMs / 1000).toFixed(1)} s`],
      [
        'first sync',
        `${(first.ms / 1000).toFixed(1)} s, ${first.summary.eventsSeen} events seen, ${Math.round(first.summary.eventsSeen / (first.ms / 1000))} events/s (sync.concurrency ${config.sync.concurrency}, no rate limits)`,
      ],
      [
        '  meetings created / occurrences changed',
        `${first.summary.meetingsCreated} / ${first.summary.occurrencesChanged}`,
      ],
      [
        '  links written / failed / rooms failed',
        `${first.summary.linksWritten} / ${first.summary.failed} / ${first.summary.roomsFailed}`,
      ],
      [
        '  API calls (tokens apart)',
        `${apiCalls(first.calls)}; minimum ${minimum}; ${(apiCalls(first.calls) / bookings).toFixed(2)} per booking against ${(minimum / bookings).toFixed(2)}`,
      ],
      [
        '  by route',
        Object.entries(first.calls)
          .map(([r, n]) => `${r} ${n}`)
          .join('; '),
      ],
      [
        'poll seeing our write-back',
        `${(writeBack.ms / 1000).toFixed(1)} s, ${writeBack.summary.eventsSeen} events seen; calls: ${JSON.stringify(writeBack.calls)}`,
      ],
      [
        'no-change poll',
        `${(quietPass.ms / 1000).toFixed(2)} s; calls: ${JSON.stringify(quietPass.calls)}`,
      ],
      [
        'engine RSS after start, before the first sync',
        `${mib(baselineRss)} MiB (the emulators are in their own process)`,
      ],
      [
        'database',
        `${((stats.databaseBytes + stats.walBytes) / 2 ** 20).toFixed(1)} MiB (${stats.links} links, ${stats.auditEntries} audit entries, ${stats.queuedBookings} queued; synchronous=normal)`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`| ${'measure'.padEnd(width)} | value |`);
    console.log(`| ${'-'.repeat(width)} | ----- |`);
    for (const [key, value] of rows) console.log(`| ${key.padEnd(width)} | ${value} |`);
    console.log(`engine peak RSS: ${mib(peakRssBytes())} MiB`);
  } finally {
    await emulators.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
