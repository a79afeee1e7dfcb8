import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomApiError } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

// Faults injected through the emulator's control API: 429 with Retry-After, 5xx, dropped
// connections, slow answers, and what each costs in calls.
const NOW = '2030-03-14T08:00:00Z';
const host = 'room1@example.com';
const meetingPath = (id: number) => `/v2/meetings/${id}`;

describe('Zoom client: transient failures', () => {
  let zoom: ZoomHarness;
  let meetingId: number;
  /** The delays the client waited, in order (recorded by its sleep hook, then really slept). */
  const slept: number[] = [];
  const retryHooks = {
    sleep: async (ms: number) => {
      slept.push(ms);
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));
    },
  };

  beforeAll(async () => {
    // The default request timeout (5 s) here: a short one would turn any slow answer on a
    // loaded machine into a retry and change the counts. The timeout test sets its own.
    zoom = await startZoomHarness();
    await zoom.setClock(NOW);
    zoom.client = zoom.newClient({}, { retryHooks });
    meetingId = (
      await zoom.client.createMeeting(host, {
        type: 2,
        topic: 'Fault target',
        start_time: wallTime(NOW, 1),
        timezone: 'Europe/Berlin',
        duration: 30,
      })
    ).id;
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => {
    await settle();
    await zoom.resetCalls();
    await zoom.control('DELETE', '/faults');
    slept.length = 0;
    zoom.observed.retries.length = 0;
  });

  /** Waits until no call is still on its way (a delayed answer is counted when it is sent). */
  async function settle() {
    let last = -1;
    for (;;) {
      const total = (await zoom.calls()).total;
      if (total === last) return;
      last = total;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  const request = () => ({
    type: 2 as const,
    topic: 'Made under fire',
    start_time: wallTime(NOW, 2),
    timezone: 'Europe/Berlin',
    duration: 30,
  });

  it('waits what a 429 Retry-After (seconds) asks, then succeeds', async () => {
    await zoom.fault({
      path: meetingPath(meetingId),
      kind: 'status',
      status: 429,
      retryAfter: '1',
    });
    expect((await zoom.client.getMeeting(meetingId))?.id).toBe(meetingId);
    expect(slept).toEqual([1000]);
    expect(await zoom.count(routes.get)).toBe(2);
    expect(zoom.observed.retries).toMatchObject([{ attempt: 1, delayMs: 1000, reason: '429' }]);
  });

  it('a 429 with Retry-After holds back the other calls to Zoom until it has passed', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const waits: number[] = [];
    const client = zoom.newClient(
      {},
      {
        retryHooks: {
          sleep: (ms: number) => {
            waits.push(ms);
            return released;
          },
        },
      },
    );
    await client.getMeeting(meetingId); // its token, outside the measurement
    await zoom.resetCalls();
    await zoom.fault({
      path: meetingPath(meetingId),
      kind: 'status',
      status: 429,
      retryAfter: '1',
    });
    const first = client.getMeeting(meetingId);
    while (waits.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // Zoom asked for a second's rest: a call that starts meanwhile waits for it too.
    const second = client.getMeeting(meetingId);
    const early = await Promise.race([
      second.then(() => 'answered'),
      new Promise((resolve) => setTimeout(() => resolve('held back'), 300)),
    ]);
    expect(early).toBe('held back');
    expect(await zoom.count(routes.get)).toBe(1);
    release();
    await Promise.all([first, second]);
    expect(waits).toEqual([1000]);
    expect(await zoom.count(routes.get)).toBe(3);
  });

  it('waits until a 429 Retry-After given as an ISO instant, then succeeds', async () => {
    const { now } = (await zoom.control('GET', '/clock')) as { now: string };
    await zoom.fault({
      path: meetingPath(meetingId),
      kind: 'status',
      status: 429,
      retryAfter: new Date(Date.parse(now) + 1500).toISOString(),
    });
    await zoom.client.getMeeting(meetingId);
    expect(slept).toHaveLength(1);
    // Measured on the emulator's clock, which runs on while the call is made.
    expect(slept[0]).toBeGreaterThan(1000);
    expect(slept[0]).toBeLessThanOrEqual(1500);
    expect(await zoom.count(routes.get)).toBe(2);
  });

  it('does not wait for a Retry-After beyond retryMaxMs: the caller gets the 429', async () => {
    await zoom.fault({
      path: meetingPath(meetingId),
      kind: 'status',
      status: 429,
      retryAfter: '3600',
    });
    const error = await rejection(zoom.client.getMeeting(meetingId));
    expect((error as ZoomApiError).code).toBe('ZOOM_RATE_LIMITED');
    expect((error as ZoomApiError).retryable).toBe(true);
    expect((error as ZoomApiError).retryAfterMs).toBe(3_600_000);
    expect(slept).toEqual([]);
    expect(await zoom.count(routes.get)).toBe(1);
  });

  it('retries 5xx with growing, jittered backoff, then succeeds', async () => {
    await zoom.fault({ path: meetingPath(meetingId), kind: 'status', status: 500, count: 2 });
    expect((await zoom.client.getMeeting(meetingId))?.id).toBe(meetingId);
    expect(await zoom.count(routes.get)).toBe(3);
    expect(slept).toHaveLength(2);
    expect(slept[0]).toBeLessThanOrEqual(5);
    expect(slept[1]).toBeLessThanOrEqual(10);
    expect(zoom.observed.retries.map((r) => r.reason)).toEqual(['500', '500']);
  });

  it('gives up after maxRetries with a retryable ZOOM_UNAVAILABLE', async () => {
    await zoom.fault({ path: meetingPath(meetingId), kind: 'status', status: 503, count: 10 });
    const error = await rejection(zoom.client.updateMeeting(meetingId, { topic: 'x' }));
    expect(error).toBeInstanceOf(ZoomApiError);
    expect((error as ZoomApiError).code).toBe('ZOOM_UNAVAILABLE');
    expect((error as ZoomApiError).status).toBe(503);
    expect((error as ZoomApiError).retryable).toBe(true);
    expect(await zoom.count(routes.update)).toBe(1 + zoom.config.maxRetries);
  });

  it('retries a dropped connection, then succeeds', async () => {
    await zoom.fault({ path: meetingPath(meetingId), kind: 'drop' });
    expect((await zoom.client.getMeeting(meetingId))?.id).toBe(meetingId);
    const calls = await zoom.calls();
    expect(calls.byRoute[routes.get]).toBe(2);
    expect(calls.log.map((c) => c.fault ?? 'ok')).toEqual(['drop', 'ok']);
    expect(zoom.observed.retries.map((r) => r.reason)).toEqual(['network']);
  });

  it('retries an answer slower than requestTimeoutMs, then succeeds', async () => {
    const impatient = zoom.newClient({ requestTimeoutMs: 300 }, { retryHooks });
    await impatient.getMeeting(meetingId); // its token, outside the measurement
    await zoom.resetCalls();
    zoom.observed.retries.length = 0;
    await zoom.fault({ path: meetingPath(meetingId), kind: 'delay', delayMs: 1_500 });
    expect((await impatient.getMeeting(meetingId))?.id).toBe(meetingId);
    expect(zoom.observed.retries.map((r) => r.reason)).toEqual(['network']);
    // The abandoned first call is counted when the emulator answers it, 1.5 s after it came.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await settle();
    expect(await zoom.count(routes.get)).toBe(2);
  });

  it('does not repeat a create whose connection dropped: the outcome is unknown', async () => {
    const before = await zoom.count(routes.create);
    await zoom.fault({ path: '/v2/users/:userId/meetings', method: 'POST', kind: 'drop' });
    const error = await rejection(zoom.client.createMeeting(host, request()));
    expect((error as ZoomApiError).code).toBe('ZOOM_UNAVAILABLE');
    expect((error as ZoomApiError).outcomeUnknown).toBe(true);
    expect((error as ZoomApiError).retryable).toBe(true);
    expect(await zoom.count(routes.create)).toBe(before + 1);
  });

  it('does not repeat a create answered 500, but does repeat one answered 429', async () => {
    await zoom.fault({
      path: '/v2/users/:userId/meetings',
      method: 'POST',
      kind: 'status',
      status: 500,
    });
    const error = await rejection(zoom.client.createMeeting(host, request()));
    expect((error as ZoomApiError).outcomeUnknown).toBe(true);
    expect(await zoom.count(routes.create)).toBe(1);

    await zoom.fault({
      path: '/v2/users/:userId/meetings',
      method: 'POST',
      kind: 'status',
      status: 429,
      retryAfter: '1',
    });
    const made = await zoom.client.createMeeting(host, request());
    expect(made.topic).toBe('Made under fire');
    expect(await zoom.count(routes.create)).toBe(3);
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const client = zoom.newClient({ concurrency: 2 });
    await client.getMeeting(meetingId); // the token, outside the measurement
    await zoom.resetCalls();
    await zoom.fault({ path: meetingPath(meetingId), kind: 'delay', delayMs: 150, count: 6 });
    await Promise.all(Array.from({ length: 6 }, () => client.getMeeting(meetingId)));
    const arrivals = (await zoom.calls()).log.map((c) => Date.parse(c.at)).sort((a, b) => a - b);
    expect(arrivals).toHaveLength(6);
    // With two slots, the third call cannot arrive before the first one's 150 ms answer.
    for (let i = 2; i < arrivals.length; i += 1) {
      expect(arrivals[i]! - arrivals[i - 2]!).toBeGreaterThanOrEqual(140);
    }
  });
});
