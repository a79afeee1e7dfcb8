import { describe, expect, it } from 'vitest';
import {
  RateLimiter,
  RateLimiterGroup,
  perMinuteQuota,
  type RateLimiterOptions,
} from '../../../src/util/rate-limiter.js';

/** Virtual time: `sleep` resolves when the test moves the clock past its end. */
function virtualTime() {
  let now = 0;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  return {
    clock: () => now,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + ms, resolve });
      }),
    /** Moves time forward in steps, letting every waiter that is due run. */
    async advance(ms: number, step = 1) {
      const end = now + ms;
      for (let i = 0; i < 5; i += 1) await Promise.resolve();
      while (now < end) {
        now = Math.min(end, now + step);
        for (const timer of timers.filter((t) => t.at <= now)) {
          timers.splice(timers.indexOf(timer), 1);
          timer.resolve();
        }
        for (let i = 0; i < 5; i += 1) await Promise.resolve();
      }
    },
  };
}

/** Asks for `n` calls at once; records when each was admitted. */
function ask(limiter: RateLimiter, n: number, time: { clock: () => number }): number[] {
  const admitted: number[] = [];
  for (let i = 0; i < n; i += 1) void limiter.acquire().then(() => admitted.push(time.clock()));
  return admitted;
}

function limiter(time: ReturnType<typeof virtualTime>, options: Partial<RateLimiterOptions> = {}) {
  return new RateLimiter({
    name: 'test',
    ratePerSecond: 10,
    clock: time.clock,
    sleep: time.sleep,
    ...options,
  });
}

describe('RateLimiter', () => {
  it('spaces calls evenly at its rate, first come first served', async () => {
    const time = virtualTime();
    const admitted = ask(limiter(time), 5, time);
    await time.advance(1000);
    expect(admitted).toEqual([0, 100, 200, 300, 400]);
  });

  it('admits a burst at once after a quiet spell, then spaces the rest', async () => {
    const time = virtualTime();
    const admitted = ask(limiter(time, { burst: 3 }), 5, time);
    await time.advance(1000);
    expect(admitted).toEqual([0, 0, 0, 100, 200]);
  });

  it('halves its rate on a slow-down, once per episode, and climbs back over recoverMs', async () => {
    const time = virtualTime();
    const limit = limiter(time, { recoverMs: 10_000 });
    limit.slowDown();
    limit.slowDown(); // the same episode: no second halving
    expect(limit.status().currentRatePerSecond).toBe(5);
    expect(limit.status().slowDowns).toBe(1);
    const admitted = ask(limit, 3, time);
    await time.advance(1000);
    // 5 per second: 200 ms apart (the rate climbs a little meanwhile).
    expect(admitted[1]! - admitted[0]!).toBeGreaterThanOrEqual(190);
    await time.advance(10_000, 50);
    expect(limit.status().currentRatePerSecond).toBe(10);
  });

  it('admits nothing before a Retry-After has passed, calls already waiting included', async () => {
    const time = virtualTime();
    const limit = limiter(time);
    const admitted = ask(limit, 3, time);
    await time.advance(1);
    expect(admitted).toEqual([0]);
    limit.slowDown(2000);
    expect(limit.status().waitMs).toBe(2000);
    await time.advance(3000);
    expect(admitted.slice(1).every((at) => at >= 2001)).toBe(true);
    expect(limit.status()).toMatchObject({ admitted: 3, waiting: 0 });
  });

  it('never admits more than its window’s limit in any window, also after a late wake-up', async () => {
    const time = virtualTime();
    const limit = limiter(time, { burst: 5, window: { limit: 3, ms: 1000 } });
    const admitted = ask(limit, 7, time);
    await time.advance(3000);
    expect(admitted).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    for (const at of admitted)
      expect(
        admitted.filter((other) => other >= at && other < at + 1000).length,
      ).toBeLessThanOrEqual(3);
  });

  it('tells how long a call asked for now would wait and how long calls waited', async () => {
    const time = virtualTime();
    const limit = limiter(time);
    ask(limit, 4, time);
    expect(limit.status()).toMatchObject({ waiting: 3, waitMs: 400 });
    await time.advance(1000);
    expect(limit.status()).toMatchObject({ waiting: 0, admitted: 4, waitedMs: 600 });
  });
});

describe('RateLimiterGroup', () => {
  it('keeps one limiter per key, case-insensitively, and sums them up', async () => {
    const time = virtualTime();
    const group = new RateLimiterGroup({
      name: 'google.user',
      ratePerSecond: 10,
      clock: time.clock,
      sleep: time.sleep,
    });
    expect(group.for('Ann@example.com')).toBe(group.for('ann@example.com'));
    ask(group.for('ann@example.com'), 2, time);
    ask(group.for('bob@example.com'), 1, time);
    await time.advance(500);
    group.for('bob@example.com').slowDown();
    expect(group.summary()).toMatchObject({
      name: 'google.user',
      keys: 2,
      admitted: 3,
      slowDowns: 1,
      currentRatePerSecond: 5,
    });
  });
});

describe('perMinuteQuota', () => {
  it('spaces calls at the quota’s rate, a second’s worth at once, at most the quota a minute', () => {
    expect(perMinuteQuota('google.user', 600)).toMatchObject({
      ratePerSecond: 10,
      burst: 10,
      window: { limit: 600, ms: 60_000 },
    });
    expect(perMinuteQuota('q', 30)).toMatchObject({ ratePerSecond: 0.5, burst: 1 });
  });
});
