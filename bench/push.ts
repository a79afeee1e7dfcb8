/**
 * `npm run bench push`: booking -> link latency through the emulators, with Google push on and
 * with polling only (a poll every 60 s, no jitter), at the realistic bench's API latency (Google
 * 100 ms ± 30, Zoom 200 ms ± 60). The emulators run in a process of their own; the daemon
 * (scheduler, HTTP server, push channels, engine) in this one, its server on loopback as the
 * public URL. Each probe is a booking inserted into a room calendar as a person would; its latency
 * is the time until the store has it linked (meeting made, link written back). Push probes come
 * every 1.5 s; polling probes at random points of the poll cycle, so a real minute of polling is
 * measured, not assumed (about three minutes in all). `BENCH_PUSH_PROBES` (default 20) per mode.
 * One line on stdout, exactly the issue's; the probes' times on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startDaemon } from '../src/daemon/daemon.js';
import { createDaemonMetrics } from '../src/daemon/metrics.js';
import { benchApp, quietLogger } from './bench-app.js';
import { startChildEmulators } from './child-emulators.js';
import { emulatorControl, type EmulatorsInfo } from './emulator-control.js';
import { berlinAt } from './seed-bookings.js';
import { freePort } from '../src/util/free-port.js';

const PROBES = Number(process.env.BENCH_PUSH_PROBES ?? 20);
const POLL_SECONDS = 60;

/** The nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const seconds = (ms: number) => {
  const s = ms / 1000;
  return s >= 10 ? s.toFixed(0) : s.toFixed(1);
};

async function measure(
  info: EmulatorsInfo,
  push: boolean,
  spacing: (i: number) => number,
): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), `zoomlink-bench-push-`));
  const port = await freePort();
  const app = benchApp(info, dir, {
    config: {
      sync: { schedule: '* * * * *', jitterSeconds: 0 },
      server: { port, ...(push ? { publicUrl: `http://127.0.0.1:${port}` } : {}) },
    },
  });
  const daemon = await startDaemon({
    config: app.config,
    mode: 'live',
    version: 'bench',
    engine: app.engine,
    store: app.store,
    metrics: createDaemonMetrics({ version: 'bench', mode: 'live' }),
    logger: quietLogger,
    now: app.now,
    googleChannels: app.google,
  });
  const control = emulatorControl(info);
  const { seeded } = info;
  try {
    await daemon.firstPoll;
    // The seeded bookings linked first: the probes measure a daemon at rest.
    while (app.store.links.countByState().linked < seeded.bookings) await sleep(100);
    if (push) while (app.store.pushChannels.list().length < seeded.rooms.length) await sleep(50);
    const probes: Array<{ id: string; at: number; linkedAt?: number }> = [];
    // Watched from the first probe on, beside the inserts.
    const watch = setInterval(() => {
      for (const probe of probes)
        if (probe.linkedAt === undefined && app.store.links.get(probe.id)?.state === 'linked')
          probe.linkedAt = performance.now();
    }, 10);
    try {
      for (let i = 0; i < PROBES; i += 1) {
        await sleep(spacing(i));
        const room = seeded.rooms[i % seeded.rooms.length]!;
        // At 21:00, a day each: never the time of another booking in the room (the seeded ones are
        // by day; a room declines an overlap, and a declined booking gets no link).
        const at = berlinAt(info.clock, 1 + (push ? 0 : PROBES) + i, 21, 30);
        const event = (await control.control('google', 'POST', '/events', {
          as: seeded.newcomer,
          calendarId: seeded.newcomer,
          event: {
            summary: `Probe ${push ? 'push' : 'poll'} ${i}`,
            ...at,
            attendees: [{ email: room.calendarId, resource: true }],
          },
        })) as { id: string };
        probes.push({ id: event.id, at: performance.now() });
      }
      const deadline = performance.now() + (POLL_SECONDS + 60) * 1000;
      while (!probes.every((p) => p.linkedAt !== undefined)) {
        if (performance.now() > deadline)
          throw new Error(
            `push bench: a probe was never linked: ${probes
              .map((p) => `${p.id} ${app.store.links.get(p.id)?.state ?? 'unseen'}`)
              .join(', ')}`,
          );
        await sleep(20);
      }
    } finally {
      clearInterval(watch);
    }
    return probes.map((p) => p.linkedAt! - p.at);
  } finally {
    await daemon.stop('bench over');
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const emulators = await startChildEmulators({
    now: '2030-03-04T08:00:00Z',
    rooms: 5,
    perRoom: 2,
    people: 5,
    latency: {
      google: { latencyMs: 100, latencyJitterMs: 30 },
      zoom: { latencyMs: 200, latencyJitterMs: 60 },
    },
    switches: { google: { pushAddress: 'http-allowed' } },
  });
  try {
    const pushed = await measure(emulators.info, true, () => 1500);
    // Spread over two poll cycles at random points of the cycle.
    const polled = await measure(emulators.info, false, () =>
      Math.round((Math.random() * 2 * POLL_SECONDS * 1000) / PROBES),
    );
    console.log(
      `push: booking -> link p50 ${seconds(percentile(pushed, 50))} s, p95 ${seconds(percentile(pushed, 95))} s; polling only: p50 ${seconds(percentile(polled, 50))} s, p95 ${seconds(percentile(polled, 95))} s (poll every ${POLL_SECONDS} s)`,
    );
    process.stderr.write(
      [
        `push probes (s): ${pushed.map((ms) => (ms / 1000).toFixed(2)).join(', ')}`,
        `polling probes (s): ${polled.map((ms) => (ms / 1000).toFixed(1)).join(', ')}`,
        '',
      ].join('\n'),
    );
  } finally {
    await emulators.close();
  }
}
