import { sleep as realSleep } from './retry.js';

/**
 * A rate limiter shaped like an upstream's quota: at most `ratePerSecond` calls a second, spaced
 * evenly (a generic cell rate algorithm: each call reserves the next free slot, so waiters go
 * first come, first served, and a wait costs one timer), with `burst` calls admitted at once after
 * a quiet spell; and, when the quota is a count per window (Zoom: per second; Google: per
 * minute), never more than `window.limit` calls in any `window.ms` — also when a busy event loop
 * wakes several waiters late at once. The upstream's own answer is the last word: `slowDown` (a
 * 429, or a 403 rate-limit answer) halves the rate — once per second however many calls were
 * refused together — and, with a Retry-After, admits nothing until it has passed; the rate then
 * climbs back to `ratePerSecond` over `recoverMs`.
 */

export interface RateLimiterOptions {
  /** Names the limiter in the status page and metrics (`zoom.Medium`, `google.user`…). */
  name: string;
  ratePerSecond: number;
  /** Calls admitted at once after a quiet spell (1 = evenly spaced from the first call). */
  burst?: number;
  /** The lowest rate slowing down goes to; `ratePerSecond / 64` by default. */
  minRatePerSecond?: number;
  /** How long the rate takes to climb back from a slow-down to `ratePerSecond`; 30 s by default. */
  recoverMs?: number;
  /** The quota as a count per sliding window: never more than `limit` calls in any `ms`. */
  window?: { limit: number; ms: number };
  /** Tests: the clock (ms) and the wait. */
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiterStatus {
  name: string;
  /** The rate the upstream allows (from the configuration). */
  ratePerSecond: number;
  /** The rate admitted now: lower after a slow-down, until it has recovered. */
  currentRatePerSecond: number;
  /** How long a call asked for now would wait for its slot, in ms. */
  waitMs: number;
  /** Calls waiting for their slot now. */
  waiting: number;
  /** Calls admitted since the start. */
  admitted: number;
  /** The time calls have spent waiting, added up, in ms. */
  waitedMs: number;
  /** Times the upstream's answer slowed this limiter down. */
  slowDowns: number;
}

/** A slow-down within this long of the last one is the same episode: it does not halve again. */
const SLOW_DOWN_EPISODE_MS = 1000;

export class RateLimiter {
  readonly name: string;
  private readonly nominal: number;
  private readonly burst: number;
  private readonly minRate: number;
  private readonly recoverMs: number;
  private readonly window: { limit: number; ms: number } | undefined;
  /** The admissions of the last window, oldest first (a ring of `window.limit`). */
  private readonly admissions: number[] = [];
  private oldest = 0;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The theoretical time the next slot is free (ms). */
  private tat = 0;
  private heldUntil = 0;
  private slowed: { at: number; rate: number } | undefined;
  private waiting = 0;
  private admitted = 0;
  private waitedMs = 0;
  private slowDowns = 0;

  constructor(options: RateLimiterOptions) {
    if (!(options.ratePerSecond > 0))
      throw new RangeError(`rate limiter ${options.name}: ratePerSecond must be above 0`);
    this.name = options.name;
    this.nominal = options.ratePerSecond;
    this.burst = Math.max(1, Math.floor(options.burst ?? 1));
    this.minRate = Math.min(this.nominal, options.minRatePerSecond ?? this.nominal / 64);
    this.recoverMs = options.recoverMs ?? 30_000;
    if (options.window && !(options.window.limit >= 1 && options.window.ms > 0))
      throw new RangeError(`rate limiter ${options.name}: window needs a limit >= 1 and ms > 0`);
    this.window = options.window;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves when this call may be sent. */
  async acquire(): Promise<void> {
    const asked = this.clock();
    this.waiting += 1;
    try {
      for (;;) {
        const now = this.clock();
        if (now < this.heldUntil) {
          await this.sleep(this.heldUntil - now);
          continue;
        }
        const admitAt = this.reserve(now);
        if (admitAt > now) await this.sleep(admitAt - now);
        // A Retry-After that came while this call waited holds it too (its slot is given up).
        if (this.clock() < this.heldUntil) continue;
        const full = this.windowFullFor(this.clock());
        if (full > 0) {
          await this.sleep(full);
          if (this.windowFullFor(this.clock()) > 0 || this.clock() < this.heldUntil) continue;
        }
        this.admit(this.clock());
        break;
      }
    } finally {
      this.waiting -= 1;
    }
    this.admitted += 1;
    this.waitedMs += Math.max(0, this.clock() - asked);
  }

  /**
   * The upstream refused a call for its rate: halve the rate (once per episode) and, with a
   * Retry-After, admit nothing before it has passed.
   */
  slowDown(retryAfterMs?: number): void {
    const now = this.clock();
    if (retryAfterMs !== undefined && retryAfterMs > 0) {
      this.heldUntil = Math.max(this.heldUntil, now + retryAfterMs);
      // Slots reserved before the hold are given up: after it, calls are spaced again.
      this.tat = this.heldUntil;
    }
    if (this.slowed && now - this.slowed.at < SLOW_DOWN_EPISODE_MS) return;
    this.slowDowns += 1;
    this.slowed = { at: now, rate: Math.max(this.minRate, this.rateAt(now) / 2) };
  }

  /** How long until the window has room for one more call (0: it has). */
  private windowFullFor(now: number): number {
    if (!this.window || this.admissions.length < this.window.limit) return 0;
    return Math.max(0, this.admissions[this.oldest]! + this.window.ms - now);
  }

  private admit(now: number): void {
    if (!this.window) return;
    if (this.admissions.length < this.window.limit) this.admissions.push(now);
    else {
      this.admissions[this.oldest] = now;
      this.oldest = (this.oldest + 1) % this.window.limit;
    }
  }

  status(): RateLimiterStatus {
    const now = this.clock();
    const rate = this.rateAt(now);
    const tolerance = ((this.burst - 1) * 1000) / rate;
    return {
      name: this.name,
      ratePerSecond: this.nominal,
      currentRatePerSecond: rate,
      waitMs: Math.max(
        0,
        this.heldUntil - now,
        this.tat - tolerance - now,
        this.windowFullFor(now),
      ),
      waiting: this.waiting,
      admitted: this.admitted,
      waitedMs: this.waitedMs,
      slowDowns: this.slowDowns,
    };
  }

  /** Takes the next slot: when this call may go, given the calls before it. */
  private reserve(now: number): number {
    const interval = 1000 / this.rateAt(now);
    const tolerance = (this.burst - 1) * interval;
    const tat = Math.max(this.tat, now);
    this.tat = tat + interval;
    return Math.max(now, tat - tolerance);
  }

  private rateAt(now: number): number {
    if (!this.slowed) return this.nominal;
    const climbed = ((now - this.slowed.at) / this.recoverMs) * this.nominal;
    const rate = this.slowed.rate + Math.max(0, climbed);
    if (rate >= this.nominal) {
      this.slowed = undefined;
      return this.nominal;
    }
    return rate;
  }
}

/**
 * One limiter per key (Google's per-user quota: one per impersonated user), made on first use
 * with the same options. Keys are compared case-insensitively.
 */
export class RateLimiterGroup {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly options: RateLimiterOptions) {}

  for(key: string): RateLimiter {
    const id = key.toLowerCase();
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiter({ ...this.options, name: `${this.options.name}:${id}` });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** Each key's status. */
  statuses(): RateLimiterStatus[] {
    return [...this.limiters.values()].map((limiter) => limiter.status());
  }

  /**
   * The group as one line: calls admitted and waited in all, the longest wait now and the lowest
   * current rate among its keys (a status page cannot list every user).
   */
  summary(): RateLimiterStatus & { keys: number } {
    const all = this.statuses();
    const sum = (pick: (s: RateLimiterStatus) => number) =>
      all.reduce((total, s) => total + pick(s), 0);
    return {
      name: this.options.name,
      ratePerSecond: this.options.ratePerSecond,
      currentRatePerSecond: Math.min(
        this.options.ratePerSecond,
        ...all.map((s) => s.currentRatePerSecond),
      ),
      waitMs: Math.max(0, ...all.map((s) => s.waitMs)),
      waiting: sum((s) => s.waiting),
      admitted: sum((s) => s.admitted),
      waitedMs: sum((s) => s.waitedMs),
      slowDowns: sum((s) => s.slowDowns),
      keys: all.length,
    };
  }
}

/**
 * A sliding one-minute quota (Google: 600 per user, 10,000 per project): calls spaced at the
 * quota's rate, a second's worth at once after a quiet spell, and never more than the quota in
 * any minute.
 */
export function perMinuteQuota(
  name: string,
  perMinute: number,
): Pick<RateLimiterOptions, 'name' | 'ratePerSecond' | 'burst' | 'recoverMs' | 'window'> {
  return {
    name,
    ratePerSecond: perMinute / 60,
    burst: Math.max(1, Math.floor(perMinute / 60)),
    recoverMs: 60_000,
    window: { limit: perMinute, ms: 60_000 },
  };
}
