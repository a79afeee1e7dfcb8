/**
 * `npm run bench daemon`: how fast the daemon's own pages answer on a large store — the status
 * page (read from SQLite and rendered, its week view included), a booking's page and `/metrics` —
 * over real HTTP on 127.0.0.1, for 200 rooms and 1,000 / 10,000 links (a tenth of them series, a
 * hundredth failed). The engine is idle here: only what a scrape or a page view costs is measured.
 * Besides wall-clock time, the CPU time of this process per request (server and client, which
 * share it): on a machine shared with other work, the steadier of the two. "Rendered afresh" is
 * a page past its cache time with the store as it was (between two polls: the week view's reading
 * serves again); "after a poll wrote" is one where the store changed since (the week is read
 * again, its unchanged bookings from their kept blocks). The first rendering, with nothing kept,
 * is the first row's max.
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
  zoomChanged: async () => ({ outcome: 'unknown_meeting' }),
};

export const room = (i: number) => `c_room${i}@resource.calendar.google.com`;

function seed(store: Store, links: number): void {
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

/** Before a request: nothing; move the clock past the page's cache time; also write as a poll does. */
type Before = 'none' | 'fresh' | 'afterPoll';

async function timed(
  url: string,
  runs: number,
  before: Before,
  store: Store,
): Promise<{ p50: number; max: number; cpu: number; bytes: number }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    if (before !== 'none') clock += 60_000;
    // What every poll writes (each room's poll times): the store has changed since the last page.
    if (before === 'afterPoll') store.rooms.recordPollSucceeded(room(i % ROOMS), new Date(clock));
    const started = performance.now();
    const used = process.cpuUsage();
    bytes = (await (await fetch(url)).text()).length;
    const { user, system } = process.cpuUsage(used);
    times.push(performance.now() - started);
    cpu.push((user + system) / 1000);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { p50: median(times), max: Math.max(...times), cpu: median(cpu), bytes };
}

export async function run(): Promise<void> {
  console.log('| links | endpoint | p50 ms | max ms | CPU ms (p50) | bytes |');
  console.log('|---:|---|---:|---:|---:|---:|');
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
    for (const [name, path, before] of [
      ['status page, rendered afresh', '', 'fresh'],
      ['status page, rendered afresh after a poll wrote', '', 'afterPoll'],
      ['status page, within its cache time', '', 'none'],
      ['a series booking’s page', 'bookings/ev10', 'none'],
      ['/metrics', 'metrics', 'none'],
      ['/readyz', 'readyz', 'none'],
    ] as const) {
      const r = await timed(`${daemon.url!}${path}`, 20, before, store);
      console.log(
        `| ${links} | ${name} | ${r.p50.toFixed(1)} | ${r.max.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.bytes} |`,
      );
    }
    await daemon.stop('bench over');
    clock = start.getTime();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
