import { Counter, Gauge, type Registry } from 'prom-client';
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
  registers: Registry[],
  work: () => WorkSource | undefined,
  clock: () => Date,
): void {
  const withWork = (read: (w: WorkSource) => void) => {
    const w = work();
    if (w) read(w);
  };
  new Gauge({
    name: 'zoomlink_queue_bookings',
    help: 'Bookings in the work queue: queued (waiting for a worker), held (instances waiting for their master), in_flight (being worked on).',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      withWork((w) => {
        const queue = w.queue();
        this.set({ state: 'queued' }, queue.queued - queue.held);
        this.set({ state: 'held' }, queue.held);
        this.set({ state: 'in_flight' }, queue.inFlight);
      });
    },
  });
  new Gauge({
    name: 'zoomlink_queue_oldest_age_seconds',
    help: 'Seconds the longest-waiting queued booking has waited (0 when the queue is empty).',
    registers,
    collect() {
      this.reset();
      withWork((w) => {
        const oldest = w.queue().oldestQueuedAt;
        this.set(oldest ? Math.max(0, (clock().getTime() - Date.parse(oldest)) / 1000) : 0);
      });
    },
  });
  new Gauge({
    name: 'zoomlink_rate_limiter_wait_seconds',
    help: 'How long a call asked for now would wait for its rate limiter (Zoom per label, Google per project and, as one, per user: the longest).',
    labelNames: ['limiter'],
    registers,
    collect() {
      this.reset();
      withWork((w) => {
        for (const l of w.limiters()) this.set({ limiter: l.name }, l.waitMs / 1000);
      });
    },
  });
  new Gauge({
    name: 'zoomlink_rate_limiter_rate',
    help: 'Calls a second a rate limiter admits now: the configured rate, lower for a while after the upstream answered 429 or a 403 rate limit.',
    labelNames: ['limiter'],
    registers,
    collect() {
      this.reset();
      withWork((w) => {
        for (const l of w.limiters()) this.set({ limiter: l.name }, l.currentRatePerSecond);
      });
    },
  });
  const slowDownsSeen = new Map<string, number>();
  new Counter({
    name: 'zoomlink_rate_limiter_slow_downs_total',
    help: 'Times an upstream answer (429, 403 rate limit) slowed a rate limiter down.',
    labelNames: ['limiter'],
    registers,
    collect() {
      withWork((w) => {
        for (const l of w.limiters()) {
          const seen = slowDownsSeen.get(l.name) ?? 0;
          if (l.slowDowns > seen) this.inc({ limiter: l.name }, l.slowDowns - seen);
          slowDownsSeen.set(l.name, l.slowDowns);
        }
      });
    },
  });
  new Gauge({
    name: 'zoomlink_rate_limiter_admitted_calls',
    help: 'Calls a rate limiter has admitted since the start (zoomlink_api_calls_total shows their answers).',
    labelNames: ['limiter'],
    registers,
    collect() {
      this.reset();
      withWork((w) => {
        for (const l of w.limiters()) this.set({ limiter: l.name }, l.admitted);
      });
    },
  });
}
