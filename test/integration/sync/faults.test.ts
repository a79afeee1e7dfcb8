import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallLog, FaultSpec } from '../../../src/emulators/kit/index.js';
import { expectConsistent } from './consistency.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';

/**
 * Faults injected at random during a multi-room run (issue 5): Zoom and Google answering 429 and
 * 5xx, connections dropped (a create whose answer never came included), Google refusing every
 * sync token (410), while bookings keep changing. The polls go on; failures stay with their
 * booking and are retried; once the faults stop, both sides are consistent with the store.
 */
describe('sync engine under faults', () => {
  let h: SyncHarness;

  beforeAll(async () => {
    h = await startSyncHarness({
      zoom: { maxRetries: 2, requestTimeoutMs: 2000 },
      google: { maxRetries: 2 },
      sync: { roomParallelism: 3, retryBaseSeconds: 1, retryMaxSeconds: 2 },
    });
  });
  afterAll(() => h.close());

  it('ends with both sides consistent after 429, 5xx, 410 and dropped connections at random', async () => {
    // mulberry32: the same faults in the same places on every run.
    let seed = 20300304;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const rooms = h.rooms.map((r) => r.calendarId);
    const people = h.people;

    const zoomFaults: FaultSpec[] = [
      { path: '/v2/users', method: 'POST', kind: 'status', status: 429, retryAfter: '1' },
      { path: '/v2/users', method: 'POST', kind: 'status', status: 503 },
      { path: '/v2/users', method: 'POST', kind: 'drop' },
      { path: '/v2/meetings', method: 'PATCH', kind: 'status', status: 500 },
      { path: '/v2/meetings', method: 'PATCH', kind: 'drop' },
      { path: '/v2/meetings', method: 'DELETE', kind: 'status', status: 502 },
      { path: '/v2/meetings', method: 'DELETE', kind: 'drop' },
      { path: '/v2/users', method: 'GET', kind: 'status', status: 500 },
    ];
    const googleFaults: FaultSpec[] = [
      { path: '/calendar/v3/calendars', method: 'GET', kind: 'status', status: 503 },
      { path: '/calendar/v3/calendars', method: 'GET', kind: 'status', status: 429 },
      { path: '/calendar/v3/calendars', method: 'GET', kind: 'drop' },
      { path: '/calendar/v3/calendars', method: 'PATCH', kind: 'status', status: 500 },
      { path: '/calendar/v3/calendars', method: 'PATCH', kind: 'drop' },
      { path: '/calendar/v3/calendars', method: 'PATCH', kind: 'status', status: 412 },
    ];

    const ids: { id: string; as: string }[] = [];
    const book = async (i: number, recurring: boolean) => {
      const as = people[i % people.length]!;
      const held = i % 5 === 0 ? [rooms[0]!, rooms[2]!] : [rooms[i % rooms.length]!];
      const { id } = await h.book(as, held, {
        summary: `Booking ${i}`,
        ...berlin(1 + (i % 9), 7 + Math.floor(i / 9)),
        ...(recurring ? { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] } : {}),
      });
      ids.push({ id, as });
    };
    for (let i = 0; i < 18; i += 1) await book(i, i % 4 === 1);

    let failures = 0;
    for (let round = 0; round < 6; round += 1) {
      for (let f = 0; f < 5; f += 1) {
        const spec = { ...pick([...zoomFaults, ...googleFaults]) };
        spec.skip = Math.floor(random() * 10);
        spec.count = 1 + Math.floor(random() * 3);
        if (spec.path.startsWith('/v2')) await h.zoomFault(spec);
        else await h.googleFault(spec);
      }
      if (round % 2 === 1) await h.googleControl('POST', '/sync-tokens/invalidate', {});
      // Meanwhile people change their bookings.
      const { id, as } = pick(ids);
      await h.patchEvent(as, as, id, { summary: `Changed in round ${round}` });
      if (round === 2) await h.deleteEvent(ids[3]!.as, ids[3]!.as, ids[3]!.id);
      if (round === 4) await book(100 + round, false);
      const summary = await h.app.engine.poll();
      failures += summary.failed + summary.roomsFailed;
      // Past the backoff (1-2 s here) and past any create whose answer was lost.
      h.advance(5_000);
    }
    expect(failures).toBeGreaterThan(0);
    // What was injected and answered: drops (a create among them), 429s, 5xx and 410s.
    const fired = (server: { calls: CallLog }) =>
      server.calls
        .summary()
        .log.filter((c) => c.fault !== undefined || c.status === 410)
        .map((c) => `${c.method} ${c.status}`);
    const zoomFired = fired(h.emulators.zoom.server);
    const googleFired = fired(h.emulators.google.server);
    expect(zoomFired).toContain('POST 0');
    expect(zoomFired).toContain('POST 429');
    expect(zoomFired.some((f) => / 5\d\d$/.test(f))).toBe(true);
    expect(googleFired).toContain('GET 410');
    expect(googleFired).toContain('GET 0');
    expect(googleFired.some((f) => / 5\d\d$/.test(f))).toBe(true);

    await h.zoomControl('DELETE', '/faults');
    await h.googleControl('DELETE', '/faults');
    for (let round = 0; round < 4; round += 1) {
      await h.app.engine.poll();
      h.advance(5_000);
    }
    const last = await h.app.engine.poll();
    expect(last).toMatchObject({ failed: 0, roomsFailed: 0, deferred: 0, meetingsCreated: 0 });
    await expectConsistent({
      zoomControlUrl: h.emulators.zoom.controlUrl,
      googleControlUrl: h.emulators.google.controlUrl,
      rooms,
      store: h.app.store,
    });
  });
});
