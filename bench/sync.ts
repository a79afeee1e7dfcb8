/**
 * `npm run bench sync`: the sync engine over both emulators at the size of a large office —
 * 200 rooms × 50 bookings (a tenth of them weekly series, a tenth series with a moved and a
 * cancelled instance) — through the real clients over HTTP on 127.0.0.1: the first sync, the poll
 * that sees our own write-back, and a poll with no change. It reports events per second, the API
 * calls per booking against the minimum, the database size and, last, the engine's peak RSS.
 *
 * The emulators run in a process of their own (`child-emulators.ts`), and the engine in another
 * (`engine-process.ts`: compiled, as the daemon runs), so its time and memory are its own. On
 * loopback the emulators answer at once, so the upstreams' rate limiters are off here
 * (`rateLimits: false`): this measures the engine's own speed; `npm run bench realistic`
 * measures it at real latency and quotas. The bench database
 * uses `synchronous: 'normal'` (durable across a crash of the process, not of the machine); the
 * daemon uses `full`, which costs an fsync per transaction. `BENCH_SYNC_ROOMS` and
 * `BENCH_SYNC_BOOKINGS` change the size.
 */
import { startChildEmulators } from './child-emulators.js';
import { runInEngineProcess } from './engine-process.js';
import { mib } from './peak-rss.js';
import type { SyncResult } from './scenario-sync.js';

const ROOMS = Number(process.env.BENCH_SYNC_ROOMS ?? 200);
const BOOKINGS = Number(process.env.BENCH_SYNC_BOOKINGS ?? 50);
const NOW = '2030-03-04T08:00:00Z';
const PEOPLE = 20;

const routes = { googleToken: 'POST /token', zoomToken: 'POST /oauth/token' } as const;

export async function run(): Promise<void> {
  const emulators = await startChildEmulators({
    now: NOW,
    rooms: ROOMS,
    perRoom: BOOKINGS,
    people: PEOPLE,
  });
  try {
    const { seeded } = emulators.info;
    const result = await runInEngineProcess<
      SyncResult & {
        engine: { peakRssBytes: number; cpuMs: number; memoryAtEnd: NodeJS.MemoryUsage };
      }
    >({
      kind: 'sync',
      emulators: emulators.info,
    });
    const { first, writeBack, quiet, database } = result;
    const { bookings, singles, series, moved, cancelled } = seeded;
    const exceptionCount = moved + cancelled;
    // The least any client could do: a create, a read and a write of the organizer's copy per
    // booking; per exception a Zoom occurrence call; per moved instance a read and a write of its
    // own copy (made before the series had a link, so without the block; a cancelled one has no
    // copy); one events.list per room; one Zoom user lookup per organizer (zoom.alternativeHosts
    // is `organizer` by default).
    const minimum = 3 * bookings + exceptionCount + 2 * moved + ROOMS + Math.min(PEOPLE, bookings);
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
        `${(first.ms / 1000).toFixed(1)} s, ${first.summary.eventsSeen} events seen, ${Math.round(first.summary.eventsSeen / (first.ms / 1000))} events/s (sync.concurrency ${result.concurrency}, no rate limits)`,
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
        `${(quiet.ms / 1000).toFixed(2)} s; calls: ${JSON.stringify(quiet.calls)}`,
      ],
      ['engine CPU time (all three passes)', `${(result.engine.cpuMs / 1000).toFixed(1)} s`],
      [
        'engine RSS after start, before the first sync',
        `${mib(result.baselineRssBytes)} MiB (compiled JavaScript, as the daemon runs)`,
      ],
      [
        'database',
        `${(database.bytes / 2 ** 20).toFixed(1)} MiB (${database.links} links, ${database.auditEntries} audit entries, ${database.queued} queued; synchronous=normal)`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`| ${'measure'.padEnd(width)} | value |`);
    console.log(`| ${'-'.repeat(width)} | ----- |`);
    for (const [key, value] of rows) console.log(`| ${key.padEnd(width)} | ${value} |`);
    console.error(`engine memory at the end: ${JSON.stringify(result.engine.memoryAtEnd)}`);
    console.log(`engine peak RSS: ${mib(result.engine.peakRssBytes)} MiB`);
  } finally {
    await emulators.close();
  }
}
