import { Counter } from 'prom-client';
import type { MetricsOn } from './metric-kit.js';
import type { QueueStatus } from '../sync/index.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';

/** Where the work queue's and the rate limiters' gauges read from (the engine, the app). */
export interface WorkSource {
  queue: () => QueueStatus;
  limiters: () => RateLimiterStatus[];
}

/**
 * The work queue (bookings queued, held, in flight; the oldest one's wait) and each rate
 * limiter (its wait, its current rate, the calls it admitted, its slow-downs), read at scrape
 * time from `work` (undefined: nothing to report, e.g. once the store is closed).
 */
export function registerWorkGauges(
  m: MetricsOn,
  work: () => WorkSource | undefined,
  clock: () => Date,
): void {
  const workGauge = m.gaugesReading(work);
  /** One value per rate limiter. */
  const limiterGauge = (name: string, help: string, valueOf: (l: RateLimiterStatus) => number) =>
    workGauge(name, help, ['limiter'], (w, set) => {
      for (const l of w.limiters()) set({ limiter: l.name }, valueOf(l));
    });

  workGauge(
    'zoomlink_queue_bookings',
    'Bookings in the work queue: queued (waiting for a worker), held (instances waiting for their master), in_flight (being worked on).',
    ['state'],
    (w, set) => {
      const queue = w.queue();
      set({ state: 'queued' }, queue.queued - queue.held);
      set({ state: 'held' }, queue.held);
      set({ state: 'in_flight' }, queue.inFlight);
    },
  );
  workGauge(
    'zoomlink_queue_oldest_age_seconds',
    'Seconds the longest-waiting queued booking has waited (0 when the queue is empty).',
    [],
    (w, set) => {
      const oldest = w.queue().oldestQueuedAt;
      set({}, oldest ? Math.max(0, (clock().getTime() - Date.parse(oldest)) / 1000) : 0);
    },
  );
  limiterGauge(
    'zoomlink_rate_limiter_wait_seconds',
    'How long a call asked for now would wait for its rate limiter (Zoom per label, Google per project and, as one, per user: the longest).',
    (l) => l.waitMs / 1000,
  );
  limiterGauge(
    'zoomlink_rate_limiter_rate',
    'Calls a second a rate limiter admits now: the configured rate, lower for a while after the upstream answered 429 or a 403 rate limit.',
    (l) => l.currentRatePerSecond,
  );
  const slowDownsSeen = new Map<string, number>();
  new Counter({
    name: 'zoomlink_rate_limiter_slow_downs_total',
    help: 'Times an upstream answer (429, 403 rate limit) slowed a rate limiter down.',
    labelNames: ['limiter'],
    registers: m.registers,
    // Brought up to each limiter's own count at scrape time.
    collect() {
      for (const l of work()?.limiters() ?? []) {
        const seen = slowDownsSeen.get(l.name) ?? 0;
        if (l.slowDowns > seen) this.inc({ limiter: l.name }, l.slowDowns - seen);
        slowDownsSeen.set(l.name, l.slowDowns);
      }
    },
  });
  limiterGauge(
    'zoomlink_rate_limiter_admitted_calls',
    'Calls a rate limiter has admitted since the start (zoomlink_api_calls_total shows their answers).',
    (l) => l.admitted,
  );
}
