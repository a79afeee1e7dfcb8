import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../../../../src/emulators/kit/index.js';
import { startHarness, type Meeting, type ZoomHarness } from './zoom-harness.js';

const DAILY_MESSAGE =
  'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.';

describe('Zoom emulator: per-host daily create/update limit', () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  const createFor = (host: string, body: unknown = { topic: 't' }) =>
    h.call<Meeting>('POST', `/users/${host}/meetings`, body);

  it('counts creates and updates down from 100 in X-RateLimit-Remaining', async () => {
    const created = await createFor('room1@example.com');
    expect(created.headers.get('x-ratelimit-category')).toBe('Medium');
    expect(created.headers.get('x-ratelimit-limit')).toBe('100');
    expect(created.headers.get('x-ratelimit-remaining')).toBe('99');
    const patched = await h.call('PATCH', `/meetings/${created.body.id}`, { topic: 'u' });
    expect(patched.headers.get('x-ratelimit-category')).toBe('Light');
    expect(patched.headers.get('x-ratelimit-remaining')).toBe('98');
    const got = await h.call('GET', `/meetings/${created.body.id}`);
    expect(got.headers.get('x-ratelimit-category')).toBe('Light');
    expect(got.headers.get('x-ratelimit-remaining')).toBeNull();
    await h.call('DELETE', `/meetings/${created.body.id}`);
    expect((await createFor('room1@example.com')).headers.get('x-ratelimit-remaining')).toBe('97');
  });

  it("answers the 101st create/update of a host with Zoom's exact 429, until 00:00 UTC", async () => {
    const first = await createFor('room1@example.com');
    for (let i = 0; i < 99; i += 1)
      expect((await h.call('PATCH', `/meetings/${first.body.id}`, { topic: `t${i}` })).status).toBe(
        204,
      );
    const refused = await createFor('room1@example.com');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ code: 429, message: DAILY_MESSAGE });
    expect(refused.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('retry-after')).toBe('2024-03-07T00:00:00Z');
    const patch = await h.call('PATCH', `/meetings/${first.body.id}`, { topic: 'x' });
    expect(patch.status).toBe(429);
    expect(patch.body).toEqual({ code: 429, message: DAILY_MESSAGE });
    // Other hosts and other calls are not limited.
    expect((await createFor('room2@example.com')).status).toBe(201);
    expect((await h.call('GET', `/meetings/${first.body.id}`)).status).toBe(200);
    const state = await h.control<{ dailyCreateUpdate: Record<string, number> }>('GET', '/state');
    expect(state.body.dailyCreateUpdate).toEqual({
      'room1@example.com': 100,
      'room2@example.com': 1,
    });

    h.zoom.server.clock.set(new Date('2024-03-06T23:59:59Z'));
    h.token = await h.newToken();
    expect((await createFor('room1@example.com')).status).toBe(429);
    h.zoom.server.clock.set(new Date('2024-03-07T00:00:00Z'));
    const nextDay = await createFor('room1@example.com');
    expect(nextDay.status).toBe(201);
    expect(nextDay.headers.get('x-ratelimit-remaining')).toBe('99');
  });

  it('spends the budget on refused requests too, unless switched to successful ones only', async () => {
    const bad = await createFor('room1@example.com', { topic: 'x'.repeat(201) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-ratelimit-remaining')).toBe('99');
    await h.control('POST', '/switches', { dailyLimitCounts: 'successful' });
    const badAgain = await createFor('room1@example.com', { topic: 'x'.repeat(201) });
    expect(badAgain.headers.get('x-ratelimit-remaining')).toBe('99');
  });

  it('counts deletes toward the limit only when switched to', async () => {
    await h.control('POST', '/switches', { deleteCountsTowardDailyLimit: true });
    const created = await createFor('room1@example.com');
    await h.call('DELETE', `/meetings/${created.body.id}`);
    const state = await h.control<{ dailyCreateUpdate: Record<string, number> }>('GET', '/state');
    expect(state.body.dailyCreateUpdate['room1@example.com']).toBe(2);
  });
});

/** A clock that stands still, so "the same second" is certain. */
class FrozenClock extends Clock {
  private at = Date.parse('2024-03-06T12:00:00Z');
  override now(): Date {
    return new Date(this.at);
  }
  override nowMs(): number {
    return this.at;
  }
  override advance(ms: number): void {
    this.at += ms;
  }
  override set(at: Date): void {
    this.at = at.getTime();
  }
}

describe('Zoom emulator: per-second limits (switch perSecondLimits)', () => {
  let h: ZoomHarness;
  afterEach(() => h.close());

  it('are off by default', async () => {
    h = await startHarness({ clock: new FrozenClock(), switches: { accountPlan: 'free' } });
    for (let i = 0; i < 5; i += 1)
      expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
  });

  it("refuse the third Medium call in one second on the Free plan, with Zoom's QPS 429", async () => {
    const clock = new FrozenClock();
    h = await startHarness({ clock, switches: { accountPlan: 'free', perSecondLimits: true } });
    const list = () => h.call('GET', '/users/room1@example.com/meetings');
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(200);
    const refused = await list();
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      code: 429,
      message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
    });
    expect(refused.headers.get('x-ratelimit-type')).toBe('QPS');
    // Light is counted apart from Medium.
    expect((await h.call('GET', '/meetings/12345678901')).status).toBe(404);
    clock.advance(1000);
    expect((await list()).status).toBe(200);
  });
});
