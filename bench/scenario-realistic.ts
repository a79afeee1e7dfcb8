/**
 * The realistic bench's scenario, in the engine's process, as the daemon runs: a poll every
 * `pollIntervalMs` that only reads and queues (a poll still running is not started again), the
 * workers applying the queue under the rate limiters of a Business Zoom account and Google's
 * default quotas. While the first sync runs, a person with no booking yet books a single meeting
 * in a room already read, every `probeEveryMs`; each probe's time from its insert to its link
 * (written into the organizer's copy: the link is `linked` only after that write) is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RateLimiterStatus } from '../src/util/rate-limiter.js';
import { benchApp } from './bench-app.js';
import { emulatorControl, type EmulatorsInfo } from './emulator-control.js';
import { berlinAt } from './seed-bookings.js';

export interface RealisticSpec {
  emulators: EmulatorsInfo;
  pollIntervalMs: number;
  probes: number;
  probeEveryMs: number;
  concurrency?: number;
  zoomConcurrency?: number;
}

export interface LimiterUse {
  name: string;
  /** The quota's rate (calls a second), as the configuration gives it. */
  quotaPerSecond: number;
  /** Calls the limiter admitted for the first sync's own work. */
  calls: number;
  seconds: number;
}

export interface RealisticResult {
  bookings: number;
  firstSyncMs: number;
  limiters: LimiterUse[];
  minimumSeconds: number;
  probeLatenciesMs: number[];
  /** Probes made before the first sync was over. */
  probesDuringBacklog: number;
  polls: number;
  concurrency: number;
  callsByRoute: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runRealisticScenario(spec: RealisticSpec): Promise<RealisticResult> {
  const { emulators: info } = spec;
  const { seeded } = info;
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-bench-realistic-'));
  const emulators = emulatorControl(info);
  // Reads of the polls after the first one: the latency probes' cost, not the first sync's.
  let firstReadDone = false;
  let laterReads = 0;
  const app = benchApp(info, dir, {
    config: {
      zoom: {
        plan: 'business',
        ...(spec.zoomConcurrency ? { concurrency: spec.zoomConcurrency } : {}),
      },
      ...(spec.concurrency ? { sync: { concurrency: spec.concurrency } } : {}),
    },
    app: {
      observer: {
        call: (event) => {
          if (firstReadDone && event.operation === 'events.list') laterReads += 1;
        },
      },
    },
  });
  try {
    const started = performance.now();
    const readRooms: string[] = [];
    let polls = 0;
    let polling: Promise<unknown> | undefined;
    const poll = () => {
      polls += 1;
      polling = app.engine
        .poll({
          background: true,
          onRoomDone: (result) => {
            if (polls === 1 && result.ok) readRooms.push(result.calendarId);
          },
        })
        .finally(() => {
          firstReadDone = true;
          polling = undefined;
        });
    };
    poll();
    const schedule = setInterval(() => {
      if (!polling) poll();
    }, spec.pollIntervalMs);

    const probes: Array<{ id: string; at: number; linkedAt?: number; during: boolean }> = [];
    let firstSyncMs: number | undefined;
    let limiters: RateLimiterStatus[] = [];
    let users: RateLimiterStatus[] = [];
    let probesCreated = 0;
    let readsBeforeEnd = 0;
    const isProbe = new Set<string>();
    let nextProbeAt = started + 2000;

    for (;;) {
      const now = performance.now();
      if (probes.length < spec.probes && now >= nextProbeAt && readRooms.length > 0) {
        nextProbeAt += spec.probeEveryMs;
        const room = readRooms[(probes.length * 7) % readRooms.length]!;
        const at = berlinAt(info.clock, 0, 14, 30);
        const event = (await emulators.control('google', 'POST', '/events', {
          as: seeded.newcomer,
          calendarId: seeded.newcomer,
          event: {
            summary: `Booked during the backlog ${probes.length}`,
            ...at,
            attendees: [{ email: room, resource: true }],
          },
        })) as { id: string };
        probes.push({ id: event.id, at: performance.now(), during: firstSyncMs === undefined });
        isProbe.add(event.id);
      }
      for (const probe of probes) {
        if (probe.linkedAt === undefined && app.store.links.get(probe.id)?.state === 'linked')
          probe.linkedAt = performance.now();
      }
      if (firstSyncMs === undefined) {
        const linked = app.store.links.countByState().linked;
        const probesLinked = probes.filter((p) => p.linkedAt !== undefined).length;
        if (linked - probesLinked >= seeded.bookings) {
          firstSyncMs = performance.now() - started;
          limiters = app.limiters();
          users = app.google.userRateLimits();
          readsBeforeEnd = laterReads;
          probesCreated = probes.filter(
            (p) => (app.store.links.get(p.id)?.zoomMeetingId ?? null) !== null,
          ).length;
        }
      }
      const probesDone =
        probes.length >= spec.probes && probes.every((p) => p.linkedAt !== undefined);
      if (firstSyncMs !== undefined && probesDone) break;
      if (performance.now() - started > 15 * 60_000) throw new Error('realistic bench: timed out');
      await sleep(50);
    }
    clearInterval(schedule);
    await polling;
    await app.engine.stop();

    const uses = quotaUses(limiters, users, {
      admin: seeded.admin,
      newcomer: seeded.newcomer,
      laterReads: readsBeforeEnd,
      probesCreated,
      perUserPerMinute: app.config.google.quotaPerUserPerMinute,
      perProjectPerMinute: app.config.google.quotaPerProjectPerMinute,
    });
    return {
      bookings: seeded.bookings,
      firstSyncMs: firstSyncMs!,
      limiters: uses,
      minimumSeconds: Math.max(...uses.map((u) => u.seconds)),
      probeLatenciesMs: probes.map((p) => p.linkedAt! - p.at),
      probesDuringBacklog: probes.filter((p) => p.during).length,
      polls,
      concurrency: app.config.sync.concurrency,
      callsByRoute: await emulators.calls(),
    };
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What each quota's limiter admitted for the first sync's own work, and how long that takes at
 * the quota's rate: the reads of the later polls and the probes' calls (their own organizer, a
 * create each) are left out. Zoom's rates are the plan's.
 */
function quotaUses(
  limiters: RateLimiterStatus[],
  users: RateLimiterStatus[],
  extra: {
    admin: string;
    newcomer: string;
    laterReads: number;
    probesCreated: number;
    perUserPerMinute: number;
    perProjectPerMinute: number;
  },
): LimiterUse[] {
  const admitted = (name: string) => limiters.find((l) => l.name === name)?.admitted ?? 0;
  const user = (email: string) =>
    users.find((u) => u.name === `google.user:${email.toLowerCase()}`)?.admitted ?? 0;
  const use = (name: string, calls: number, quotaPerSecond: number): LimiterUse => ({
    name,
    quotaPerSecond,
    calls,
    seconds: calls / quotaPerSecond,
  });
  const perUser = extra.perUserPerMinute / 60;
  const organizers = users
    .filter((u) => ![extra.admin, extra.newcomer].some((e) => u.name.endsWith(e.toLowerCase())))
    .sort((a, b) => b.admitted - a.admitted);
  const busiest = organizers[0];
  return [
    use('zoom.Medium', admitted('zoom.Medium') - extra.probesCreated, 60),
    use('zoom.Light', admitted('zoom.Light'), 80),
    use(
      'google.project',
      admitted('google.project') - extra.laterReads - user(extra.newcomer),
      extra.perProjectPerMinute / 60,
    ),
    use(`google.user ${extra.admin} (room reads)`, user(extra.admin) - extra.laterReads, perUser),
    ...(busiest
      ? [
          use(
            `google.user ${busiest.name.split(':')[1]} (busiest organizer)`,
            busiest.admitted,
            perUser,
          ),
        ]
      : []),
  ];
}
