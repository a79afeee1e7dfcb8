/**
 * `npm run bench realistic`: the sync engine at real API latency and quotas. The emulators run in
 * a process of their own, answering Google calls in 100 ms ± 30 and Zoom calls in 200 ms ± 60,
 * with Google's per-user (600) and per-project (10,000) minute quotas and Zoom's per-second
 * limits of a Business account on; the engine runs in another (compiled, as the daemon runs), its
 * CPU and memory its own. 100 rooms × 20 bookings (`BENCH_REALISTIC_ROOMS`,
 * `BENCH_REALISTIC_BOOKINGS`), sync.concurrency 32 (`BENCH_REALISTIC_CONCURRENCY`).
 *
 * It prints the first sync's time against the quota-bound minimum (for each limiter, the calls
 * it admitted for the first sync divided by its quota's rate; the largest), the time from the
 * insert of a booking made during the backlog to its link (a poll every 10 s), and the engine's
 * peak RSS — three lines on stdout; what they are made of goes to stderr.
 */
import { startChildEmulators } from './child-emulators.js';
import { runInEngineProcess } from './engine-process.js';
import { mib } from './peak-rss.js';
import type { RealisticResult } from './scenario-realistic.js';

const ROOMS = Number(process.env.BENCH_REALISTIC_ROOMS ?? 100);
const BOOKINGS = Number(process.env.BENCH_REALISTIC_BOOKINGS ?? 20);
/**
 * Workers: at 200 ms a Zoom call and 100 ms a Google one, a booking takes about half a second,
 * so keeping Zoom's 60 creates a second busy takes about 30 of them (the default, 16, keeps
 * about 30 a second).
 */
const CONCURRENCY = Number(process.env.BENCH_REALISTIC_CONCURRENCY ?? 32);
const POLL_INTERVAL_MS = 10_000;

/** The nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

export async function run(): Promise<void> {
  const emulators = await startChildEmulators({
    now: '2030-03-04T08:00:00Z',
    rooms: ROOMS,
    perRoom: BOOKINGS,
    people: 20,
    latency: {
      google: { latencyMs: 100, latencyJitterMs: 30 },
      zoom: { latencyMs: 200, latencyJitterMs: 60 },
    },
    switches: {
      google: { userRateLimitPerMinute: 600, projectRateLimitPerMinute: 10_000 },
      zoom: { perSecondLimits: true, accountPlan: 'business' },
    },
  });
  try {
    const result = await runInEngineProcess<
      RealisticResult & { engine: { peakRssBytes: number; cpuMs: number } }
    >({
      kind: 'realistic',
      emulators: emulators.info,
      pollIntervalMs: POLL_INTERVAL_MS,
      probes: 12,
      probeEveryMs: 2500,
      concurrency: CONCURRENCY,
      ...(process.env.BENCH_REALISTIC_ZOOM_CONCURRENCY
        ? { zoomConcurrency: Number(process.env.BENCH_REALISTIC_ZOOM_CONCURRENCY) }
        : {}),
    });
    const latencies = result.probeLatenciesMs;
    const ratio = result.firstSyncMs / 1000 / result.minimumSeconds;
    console.log(
      `realistic first sync: ${seconds(result.firstSyncMs)} s for ${result.bookings} bookings; quota-bound minimum ${result.minimumSeconds.toFixed(1)} s; ratio ${ratio.toFixed(2)}`,
    );
    console.log(
      `booking made during the backlog -> link: p50 ${seconds(percentile(latencies, 50))} s, p95 ${seconds(percentile(latencies, 95))} s (poll interval ${POLL_INTERVAL_MS / 1000} s)`,
    );
    console.log(`engine peak RSS: ${mib(result.engine.peakRssBytes)} MiB`);

    const details = [
      `${ROOMS} rooms × ${BOOKINGS} bookings; sync.concurrency ${result.concurrency}; ${result.polls} polls; engine CPU ${seconds(result.engine.cpuMs)} s`,
      ...result.limiters.map(
        (l) =>
          `  ${l.name}: ${l.calls} calls at ${l.quotaPerSecond.toFixed(1)}/s = ${l.seconds.toFixed(1)} s`,
      ),
      `  probes: ${latencies.length} (${result.probesDuringBacklog} made during the first sync), link after ${latencies.map((ms) => seconds(ms)).join(', ')} s`,
      `  calls answered: ${JSON.stringify(result.callsByRoute)}`,
    ];
    process.stderr.write(`${details.join('\n')}\n`);
  } finally {
    await emulators.close();
  }
}
