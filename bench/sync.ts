/**
 * `npm run bench sync`: the sync engine over both emulators at the size of a large office —
 * 200 rooms × 50 bookings (a tenth of them weekly series, a tenth series with a moved and a
 * cancelled instance) — through the real clients over HTTP on 127.0.0.1: the first sync, the poll
 * that sees our own write-back, and a poll with no change. It reports events per second, the API
 * calls per booking against the minimum, the peak RSS and the database size.
 *
 * The emulators run in this process, so time and memory include theirs (their baseline, after
 * seeding and before the first sync, is printed apart). The bench database uses
 * `synchronous: 'normal'` (durable across a crash of the process, not of the machine); the daemon
 * uses `full`, which costs an fsync per transaction. `BENCH_SYNC_ROOMS` and
 * `BENCH_SYNC_BOOKINGS` make it smaller for a quick look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { createApp } from '../src/cli/app.js';
import { configSchema } from '../src/config/index.js';
import { startEmulators } from '../src/emulators/index.js';
import { createLogger } from '../src/log.js';
import type { PassSummary } from '../src/sync/plan/engine-types.js';

const ROOMS = Number(process.env.BENCH_SYNC_ROOMS ?? 200);
const BOOKINGS = Number(process.env.BENCH_SYNC_BOOKINGS ?? 50);
const NOW = '2030-03-04T08:00:00Z';
const DOMAIN = 'example.com';
const PEOPLE = 20;
const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

const routes = {
  list: 'GET /calendar/v3/calendars/:calendarId/events',
  get: 'GET /calendar/v3/calendars/:calendarId/events/:eventId',
  patch: 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId',
  googleToken: 'POST /token',
  create: 'POST /v2/users/:userId/meetings',
  update: 'PATCH /v2/meetings/:meetingId',
  delete: 'DELETE /v2/meetings/:meetingId',
  zoomToken: 'POST /oauth/token',
} as const;

const pad = (n: number) => String(n).padStart(2, '0');
/** `hour`:`minute` Berlin time (UTC+1 before 2030-03-31) on day `day` after NOW. */
function at(day: number, hour: number, minutes: number, minute = 0) {
  const date = new Date(Date.parse(NOW) + day * 86_400_000).toISOString().slice(0, 10);
  const start = new Date(`${date}T${pad(hour)}:${pad(minute)}:00+01:00`);
  const end = new Date(start.getTime() + minutes * 60_000);
  return {
    start: { dateTime: start.toISOString(), timeZone: 'Europe/Berlin' },
    end: { dateTime: end.toISOString(), timeZone: 'Europe/Berlin' },
  };
}

export async function run(): Promise<void> {
  const running = await startEmulators({ seed: 'none', now: new Date(NOW) });
  const { google, zoom, clock } = running.handles;
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-bench-sync-'));
  try {
    const admin = `admin@${DOMAIN}`;
    google.addPerson({ email: admin, admin: true });
    const people = Array.from({ length: PEOPLE }, (_, i) => `person${i}@${DOMAIN}`);
    for (const email of people) google.addPerson({ email });
    const rooms = Array.from({ length: ROOMS }, (_, i) => ({
      calendarId: `c_bench${String(i).padStart(4, '0')}@resource.calendar.google.com`,
      name: `Room ${i}`,
      zoomHost: `zoom-room${i}@${DOMAIN}`,
    }));
    for (const room of rooms) {
      google.addRoom({ calendarId: room.calendarId, resourceName: room.name });
      zoom.addUser({ email: room.zoomHost, timezone: 'Europe/Berlin' });
    }

    // 50 bookings per room: 40 singles (one a day at 10-17 h), 5 weekly series at 7 h and 5 at
    // 8 h, each of the latter with one instance moved to 19 h and one cancelled.
    const seedStarted = performance.now();
    let seriesCount = 0;
    let movedCount = 0;
    let cancelledCount = 0;
    for (const [r, room] of rooms.entries()) {
      const series = Math.max(0, Math.round(BOOKINGS / 10));
      const singles = BOOKINGS - 2 * series;
      for (let b = 0; b < singles; b += 1) {
        const organizer = people[(r + b) % PEOPLE]!;
        await google.insertEventAs(organizer, organizer, {
          summary: `Booking ${r}.${b}`,
          description: 'Agenda: see the shared document.',
          ...at(1 + (b % 40), 10 + Math.floor(b / 40), 45),
          attendees: [{ email: room.calendarId, resource: true }],
        });
      }
      for (let s = 0; s < 2 * series; s += 1) {
        const organizer = people[(r + s) % PEOPLE]!;
        const withExceptions = s >= series;
        const day = 1 + (s % series);
        const event = (await google.insertEventAs(organizer, organizer, {
          summary: `Series ${r}.${s}`,
          ...at(day, withExceptions ? 8 : 7, 45),
          recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
          attendees: [{ email: room.calendarId, resource: true }],
        })) as { id: string };
        seriesCount += 1;
        if (!withExceptions) continue;
        const second = at(day + 7, 8, 45)
          .start.dateTime.replace(/[-:]/g, '')
          .replace('.000', '');
        const third = at(day + 14, 8, 45)
          .start.dateTime.replace(/[-:]/g, '')
          .replace('.000', '');
        const control = `${google.controlUrl}/events/${encodeURIComponent(organizer)}`;
        await fetch(`${control}/${event.id}_${second}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ as: organizer, event: at(day + 7, 19, 45) }),
        });
        await fetch(`${control}/${event.id}_${third}?as=${encodeURIComponent(organizer)}`, {
          method: 'DELETE',
        });
        movedCount += 1;
        cancelledCount += 1;
      }
    }
    const seedMs = performance.now() - seedStarted;

    const config = configSchema.parse({
      mode: 'live',
      database: { path: join(dir, 'bench.db') },
      zoom: {
        accountId: zoom.accountId,
        clientId: zoom.clientId,
        clientSecret: zoom.clientSecret,
        apiUrl: zoom.apiUrl,
        oauthUrl: zoom.oauthUrl,
      },
      google: {
        serviceAccountKeyFile: google.writeServiceAccountKeyFile(dir),
        adminSubject: admin,
        domains: [DOMAIN],
        calendarRootUrl: google.rootUrl,
        directoryRootUrl: google.rootUrl,
        tokenUrl: google.tokenUrl,
      },
      rooms: { list: rooms },
    });
    const app = createApp(config, {
      now: () => clock.now(),
      logger: quiet,
      synchronous: 'normal',
    });

    let peakRss = process.memoryUsage().rss;
    const baselineRss = peakRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);

    const calls = () => {
      const out: Record<string, number> = {};
      for (const server of [google.server, zoom.server])
        for (const [route, n] of Object.entries(server.calls.summary({ log: false }).byRoute))
          out[route] = (out[route] ?? 0) + n;
      return out;
    };
    const resetCalls = () => {
      google.server.calls.clear();
      zoom.server.calls.clear();
    };
    const pass = async (): Promise<{
      summary: PassSummary;
      ms: number;
      calls: Record<string, number>;
    }> => {
      resetCalls();
      const started = performance.now();
      const summary = await app.engine.poll();
      const ms = performance.now() - started;
      return { summary, ms, calls: calls() };
    };

    const first = await pass();
    const writeBack = await pass();
    const quietPass = await pass();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const stats = app.store.stats();
    app.close();

    const bookings = ROOMS * BOOKINGS;
    const singles = bookings - seriesCount;
    const seriesWithExceptions = seriesCount / 2;
    const exceptionCount = movedCount + cancelledCount;
    // The least any client could do: a create, a read and a write of the organizer's copy per
    // booking; per exception a Zoom occurrence call; per moved instance a read and a write of its
    // own copy (made before the series had a link, so without the block; a cancelled one has no
    // copy); one events.list per room.
    const minimum = 3 * bookings + exceptionCount + 2 * movedCount + ROOMS;
    const apiCalls = (c: Record<string, number>) =>
      Object.entries(c)
        .filter(([route]) => route !== routes.googleToken && route !== routes.zoomToken)
        .reduce((sum, [, n]) => sum + n, 0);

    const rows: [string, string][] = [
      [
        'rooms × bookings',
        `${ROOMS} × ${BOOKINGS} = ${bookings} (${singles} single, ${seriesCount} series, ${seriesWithExceptions} of them with ${exceptionCount} exceptions)`,
      ],
      ['seeding the emulators', `${(seedMs / 1000).toFixed(1)} s`],
      [
        'first sync',
        `${(first.ms / 1000).toFixed(1)} s, ${first.summary.eventsSeen} events seen, ${Math.round(first.summary.eventsSeen / (first.ms / 1000))} events/s`,
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
        'peak RSS (this process: emulators + engine)',
        `${(peakRss / 2 ** 20).toFixed(0)} MiB; ${(baselineRss / 2 ** 20).toFixed(0)} MiB after seeding, before the first sync`,
      ],
      [
        'database',
        `${((stats.databaseBytes + stats.walBytes) / 2 ** 20).toFixed(1)} MiB (${stats.links} links, ${stats.auditEntries} audit entries; synchronous=normal)`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`| ${'measure'.padEnd(width)} | value |`);
    console.log(`| ${'-'.repeat(width)} | ----- |`);
    for (const [key, value] of rows) console.log(`| ${key.padEnd(width)} | ${value} |`);
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
