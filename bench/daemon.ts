/**
 * `npm run bench daemon`: how fast the daemon's own pages answer on a large store — the status
 * page (read from SQLite and rendered) and `/metrics` — over real HTTP on 127.0.0.1, for 200
 * rooms and 1,000 / 10,000 links (a tenth of them series, a hundredth failed). The engine is idle
 * here: only what a scrape or a page view costs is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { configSchema } from '../src/config/index.js';
import { startDaemon } from '../src/daemon/daemon.js';
import { createDaemonMetrics } from '../src/daemon/metrics.js';
import type { LiveEvent } from '../src/domain/calendar-event.js';
import { createLogger } from '../src/log.js';
import { openStore, type Store } from '../src/store/index.js';
import { emptyCounts } from '../src/sync/apply/counts.js';
import type { PassSummary, SyncEngine } from '../src/sync/plan/engine-types.js';

const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });
const start = new Date('2030-03-04T08:00:00Z');
/** The daemon's clock: moved on between requests when each must render the page afresh. */
let clock = start.getTime();
const now = start;
const ROOMS = 200;

const idleSummary: PassSummary = {
  rooms: 0,
  roomsFailed: 0,
  results: [],
  durationMs: 0,
  ...emptyCounts(),
};
const idleEngine: SyncEngine = {
  poll: async () => idleSummary,
  moveWindows: async () => idleSummary,
  reconcile: async () => ({ checked: 0, findings: [] }),
  stop: async () => undefined,
  queueStatus: () => ({ queued: 0, held: 0, inFlight: 0, oldestQueuedAt: null }),
  onWorked: () => () => undefined,
};

function seed(store: Store, links: number): void {
  const room = (i: number) => `c_room${i}@resource.calendar.google.com`;
  store.transaction(() => {
    for (let i = 0; i < ROOMS; i += 1) {
      store.rooms.upsert({
        calendarId: room(i),
        name: `Room ${i}`,
        zoomHost: `zoom-${i}@example.com`,
      });
      store.rooms.recordPollSucceeded(room(i), new Date(now.getTime() - 20_000));
    }
    for (let i = 0; i < links; i += 1) {
      const start = new Date(now.getTime() + (i % 500) * 3_600_000);
      const series = i % 10 === 0;
      const event: LiveEvent = {
        kind: series ? 'master' : 'single',
        calendarId: room(i % ROOMS),
        eventId: `ev${i}`,
        iCalUID: `ev${i}@google.com`,
        etag: '"1"',
        updated: now.toISOString(),
        status: 'confirmed',
        summary: `Booking ${i} <with> "markup" & more`,
        description: 'x'.repeat(300),
        location: '',
        start: { dateTime: start.toISOString(), timeZone: 'Europe/Berlin' },
        end: {
          dateTime: new Date(start.getTime() + 3_600_000).toISOString(),
          timeZone: 'Europe/Berlin',
        },
        recurrence: series ? ['RRULE:FREQ=WEEKLY;COUNT=20'] : [],
        organizer: { email: `person${i % 300}@example.com` },
        rooms: [],
        roomResponse: 'accepted',
        allDay: false,
        eventType: 'default',
        privateProperties: {},
        sharedProperties: {},
        resource: {},
      };
      store.links.upsert({
        eventId: `ev${i}`,
        icalUid: `ev${i}@google.com`,
        organizerEmail: event.organizer.email,
        strategy: series ? 'series' : 'single',
        state: 'linked',
        zoomMeetingId: 80_000_000_000 + i,
        joinUrl: `https://zoom.us/j/${80_000_000_000 + i}?pwd=abc`,
        windowTo: series ? new Date(now.getTime() + 90 * 86_400_000) : null,
        rooms: [room(i % ROOMS)],
        eventSnapshot: event,
        // As the engine stores it: when the booking starts and its last occurrence ends.
        span: {
          startsAt: start,
          endsAt: new Date(start.getTime() + (series ? 19 * 7 * 86_400_000 : 0) + 3_600_000),
        },
      });
      if (i % 100 === 0)
        store.links.markFailed(`ev${i}`, 'ZOOM_UNAVAILABLE: Zoom answered 503', now);
    }
  });
}

async function timed(
  url: string,
  runs: number,
  fresh: boolean,
): Promise<{ p50: number; max: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    if (fresh) clock += 60_000;
    const started = performance.now();
    bytes = (await (await fetch(url)).text()).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times.at(-1)!, bytes };
}

export async function run(): Promise<void> {
  console.log('| links | endpoint | p50 ms | max ms | bytes |');
  console.log('|---:|---|---:|---:|---:|');
  for (const links of [1_000, 10_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'zoomlink-bench-daemon-'));
    const store = openStore({ path: join(dir, 'bench.db'), now: () => now, synchronous: 'normal' });
    seed(store, links);
    const daemon = await startDaemon({
      config: configSchema.parse({ server: { port: 0 } }),
      mode: 'live',
      version: 'bench',
      engine: idleEngine,
      store,
      metrics: createDaemonMetrics({ version: 'bench', mode: 'live' }),
      logger: quiet,
      now: () => new Date(clock),
      triggers: () => ({ stop: () => {}, nextRun: () => null }),
    });
    await daemon.firstPoll;
    for (const [name, path, fresh] of [
      ['status page, rendered afresh', '', true],
      ['status page, within its cache time', '', false],
      ['/metrics', 'metrics', false],
      ['/readyz', 'readyz', false],
    ] as const) {
      const r = await timed(`${daemon.url!}${path}`, 20, fresh);
      console.log(
        `| ${links} | ${name} | ${r.p50.toFixed(1)} | ${r.max.toFixed(1)} | ${r.bytes} |`,
      );
    }
    await daemon.stop('bench over');
    clock = start.getTime();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
