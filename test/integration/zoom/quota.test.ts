import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ZoomQuotaExhaustedError, type ZoomClient } from '../../../src/zoom/index.js';
import { rejection, startZoomHarness, wallTime, type ZoomHarness } from './zoom-harness.js';
import { zoomRoutes as routes } from '../../support/routes.js';

// Zoom's 100 meeting creates/updates per host per day, reset 00:00 UTC, against the emulator's
// counter and clock. The client shares the emulator's clock, so "until midnight" is testable.
const EVENING = '2030-03-14T22:00:00Z';
const MIDNIGHT = '2030-03-15T00:00:00.000Z';
const spent = 'room1@example.com';
const other = 'room2@example.com';

describe('Zoom client: daily create/update budget per host', () => {
  let zoom: ZoomHarness;
  let firstMeetingId: number;

  const request = (n: number) => ({
    type: 2 as const,
    topic: `Booking ${n}`,
    start_time: wallTime(EVENING, 3),
    timezone: 'Europe/Berlin',
    duration: 30,
  });
  const creates = async (host: string) =>
    (await zoom.calls()).byTag.host?.[host]?.[routes.create] ?? 0;
  const updates = async (host: string) =>
    (await zoom.calls()).byTag.host?.[host]?.[routes.update] ?? 0;

  beforeAll(async () => {
    zoom = await startZoomHarness();
    await zoom.setClock(EVENING);
    // Spend the budget through the client: 99 creates and one update.
    for (let n = 0; n < 99; n += 1) {
      const made = await zoom.client.createMeeting(spent, request(n));
      firstMeetingId ??= made.id;
    }
    expect(zoom.client.remainingBudget(spent)).toBe(1);
    expect(await zoom.client.updateMeeting(firstMeetingId, { topic: 'Renamed' })).toBe('updated');
  });
  afterAll(async () => zoom.close());
  beforeEach(async () => zoom.resetCalls());

  it('parks the host when X-RateLimit-Remaining reaches 0, and calls Zoom no more for it', async () => {
    expect(zoom.client.remainingBudget(spent)).toBe(0);
    expect(zoom.client.parkedHosts()).toEqual([{ host: spent, until: new Date(MIDNIGHT) }]);
    expect(zoom.observed.quota.at(-1)).toEqual({
      service: 'zoom',
      host: spent,
      remaining: 0,
      parkedUntil: new Date(MIDNIGHT),
    });

    const error = await rejection(zoom.client.createMeeting(spent, request(100)));
    expect(error).toBeInstanceOf(ZoomQuotaExhaustedError);
    expect((error as ZoomQuotaExhaustedError).code).toBe('ZOOM_QUOTA_EXHAUSTED');
    expect((error as ZoomQuotaExhaustedError).host).toBe(spent);
    expect((error as ZoomQuotaExhaustedError).until.toISOString()).toBe(MIDNIGHT);
    expect((error as ZoomQuotaExhaustedError).message).toContain(
      `quota exhausted until ${MIDNIGHT}`,
    );
    expect((error as ZoomQuotaExhaustedError).retryable).toBe(true);
    // Updates of its meetings wait too; reads and other hosts do not.
    await expect(zoom.client.updateMeeting(firstMeetingId, { topic: 'x' })).rejects.toBeInstanceOf(
      ZoomQuotaExhaustedError,
    );
    expect((await zoom.client.getMeeting(firstMeetingId))?.topic).toBe('Renamed');
    await zoom.client.createMeeting(other, request(0));

    expect(await creates(spent)).toBe(0);
    expect(await updates(spent)).toBe(0);
    expect(await creates(other)).toBe(1);
  });

  it("turns Zoom's daily-limit 429 into the clear error, then stops calling for that host", async () => {
    // A client that does not know the budget is spent (a restart before the engine seeds it).
    const restarted: ZoomClient = zoom.newClient();
    const error = await rejection(restarted.createMeeting(spent, request(101)));
    expect(error).toBeInstanceOf(ZoomQuotaExhaustedError);
    expect((error as ZoomQuotaExhaustedError).until.toISOString()).toBe(MIDNIGHT);
    expect((error as ZoomQuotaExhaustedError).message).toMatch(
      /quota exhausted until 2030-03-15T00:00:00/,
    );
    const calls = await zoom.calls();
    const answer = calls.log.find((c) => c.route === routes.create);
    expect(answer?.status).toBe(429);

    await expect(restarted.createMeeting(spent, request(102))).rejects.toBeInstanceOf(
      ZoomQuotaExhaustedError,
    );
    expect(await creates(spent)).toBe(1);
  });

  it('reads the 429 body alone (no Retry-After) as the daily limit too', async () => {
    // DF-18928: the per-host 429 was seen without X-RateLimit-Type and Retry-After; the body is
    // what says "daily". (The emulator's injected 429 even says X-RateLimit-Type: QPS.)
    await zoom.fault({
      path: '/v2/users/:userId/meetings',
      method: 'POST',
      kind: 'status',
      status: 429,
      body: {
        code: 429,
        message:
          'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
      },
    });
    const restarted = zoom.newClient();
    const error = await rejection(restarted.createMeeting(other, request(1)));
    expect(error).toBeInstanceOf(ZoomQuotaExhaustedError);
    expect((error as ZoomQuotaExhaustedError).host).toBe(other);
    expect((error as ZoomQuotaExhaustedError).until.toISOString()).toBe(MIDNIGHT);
    await expect(restarted.createMeeting(other, request(2))).rejects.toBeInstanceOf(
      ZoomQuotaExhaustedError,
    );
    expect(await creates(other)).toBe(0); // the fault answered before the handler tagged a host
    expect(await zoom.count(routes.create)).toBe(1);
  });

  it('finds the host of an update it knows nothing of (one GET), and parks it', async () => {
    const restarted = zoom.newClient();
    const error = await rejection(restarted.updateMeeting(firstMeetingId, { topic: 'again' }));
    expect(error).toBeInstanceOf(ZoomQuotaExhaustedError);
    expect((error as ZoomQuotaExhaustedError).host).toBe(spent);
    expect(restarted.parkedHosts().map((p) => p.host)).toEqual([spent]);
    await expect(restarted.createMeeting(spent, request(103))).rejects.toBeInstanceOf(
      ZoomQuotaExhaustedError,
    );
    expect(await updates(spent)).toBe(1);
    expect(await zoom.count(routes.get)).toBe(1);
    expect(await creates(spent)).toBe(0);
  });

  it('starts parked from what the engine persisted (parkHost), without asking Zoom', async () => {
    const restarted = zoom.newClient();
    restarted.parkHost(spent, new Date(MIDNIGHT));
    expect(restarted.parkedHosts()).toEqual([{ host: spent, until: new Date(MIDNIGHT) }]);
    await expect(restarted.createMeeting(spent, request(104))).rejects.toBeInstanceOf(
      ZoomQuotaExhaustedError,
    );
    // A park that is already over is ignored.
    restarted.parkHost(other, new Date('2030-03-14T00:00:00Z'));
    expect(restarted.parkedHosts().map((p) => p.host)).toEqual([spent]);
    expect((await zoom.calls()).total).toBe(0);
  });

  it('calls Zoom for the host again from 00:00 UTC', async () => {
    await zoom.setClock('2030-03-14T23:59:59Z');
    await expect(zoom.client.createMeeting(spent, request(105))).rejects.toBeInstanceOf(
      ZoomQuotaExhaustedError,
    );
    expect(await creates(spent)).toBe(0);

    await zoom.setClock('2030-03-15T00:00:01Z');
    const made = await zoom.client.createMeeting(spent, request(106));
    expect(made.topic).toBe('Booking 106');
    expect(await zoom.client.updateMeeting(firstMeetingId, { topic: 'New day' })).toBe('updated');
    expect(zoom.client.parkedHosts()).toEqual([]);
    expect(zoom.client.remainingBudget(spent)).toBe(98);
    expect(await creates(spent)).toBe(1);
    expect(await updates(spent)).toBe(1);
  });
});
