import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';

/**
 * A Zoom host whose daily create/update budget is spent (Zoom's daily-limit 429) is parked until
 * 00:00 UTC: its bookings wait without failing and without a call, the other hosts' bookings go
 * on, and after the reset the waiting ones get their meetings — also after a restart.
 */
describe('sync engine: a host whose daily Zoom quota is spent', () => {
  let h: SyncHarness;

  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-quota-'));
  beforeAll(async () => {
    // One worker: the first refused create parks the host before the next booking is planned
    // (the fault refuses one call; Zoom would refuse every parallel one the same way).
    h = await startSyncHarness({
      database: { path: join(dir, 'zoomlink.db') },
      sync: { concurrency: 1 },
    });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Zoom calls for one host's meetings (by path: a faulted call carries no host tag). */
  const hostCalls = (host: string) =>
    h.emulators.zoom.server.calls
      .summary()
      .log.filter((c) => c.path.includes(host))
      .map((c) => `${c.method} ${c.status}`);

  it('parks the host until 00:00 UTC, defers its bookings, and makes them after the reset', async () => {
    const [board, huddle] = h.rooms;
    const alice = h.people[0]!;
    await h.zoomFault({
      path: `/v2/users/${board!.zoomHost}/meetings`,
      method: 'POST',
      kind: 'status',
      status: 429,
      count: 1,
      headers: { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': '2030-03-05T00:00:00Z' },
      body: {
        code: 429,
        message:
          'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
      },
    });
    const waiting = await h.book(alice, [board!.calendarId], {
      summary: 'Waits',
      ...berlin(3, 10),
    });
    const second = await h.book(alice, [board!.calendarId], {
      summary: 'Waits too',
      ...berlin(3, 12),
    });
    const other = await h.book(alice, [huddle!.calendarId], {
      summary: 'Goes on',
      ...berlin(3, 10),
    });

    const first = await h.app.engine.poll();
    expect(first).toMatchObject({ meetingsCreated: 1, deferred: 2, failed: 0, roomsFailed: 0 });
    expect(hostCalls(board!.zoomHost)).toEqual(['POST 429']);
    expect(h.app.store.hosts.parked(h.emulators.clock.now()).map((p) => p.parkedUntil)).toEqual([
      '2030-03-05T00:00:00.000Z',
    ]);
    expect(h.app.store.links.get(waiting.id)).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: '2030-03-05T00:00:00.000Z',
    });
    expect(h.app.store.links.get(other.id)?.state).toBe('linked');

    // Later polls, and a restart (a new Zoom client) before the reset: no call for that host.
    h.resetCalls();
    await h.app.engine.poll();
    const restarted = h.restart();
    try {
      expect(restarted.zoom.parkedHosts().map((p) => p.host)).toEqual([board!.zoomHost]);
      await restarted.engine.poll();
    } finally {
      restarted.close();
    }
    expect(hostCalls(board!.zoomHost)).toEqual([]);

    // Past midnight UTC the waiting bookings are due: made, and linked.
    h.advance(16 * 3600_000 + 60_000);
    const after = await h.app.engine.poll();
    expect(after.meetingsCreated).toBe(2);
    for (const id of [waiting.id, second.id])
      expect(h.app.store.links.get(id)?.state).toBe('linked');
    expect(h.app.store.hosts.parked(h.emulators.clock.now())).toEqual([]);
  });

  it('a host the Zoom client parks is parked for the engine at once: one model, in the store', async () => {
    const huddle = h.rooms[1]!;
    const alice = h.people[0]!;
    const now = h.emulators.clock.now();
    const until = new Date(now.getTime() + 3 * 3600_000);
    h.app.zoom.parkHost(huddle.zoomHost, until);
    expect(h.app.store.hosts.parked(now).map((p) => p.host)).toEqual([huddle.zoomHost]);

    const booking = await h.book(alice, [huddle.calendarId], {
      summary: 'Waits for its host',
      ...berlin(4, 9),
    });
    h.resetCalls();
    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 0, deferred: 1, failed: 0 });
    expect(hostCalls(huddle.zoomHost)).toEqual([]);
    // Refused before anything was journaled: no create was begun for it.
    expect(h.app.store.intents.findOpen(booking.id)).toBeUndefined();
    expect(h.app.store.intents.listOpen()).toEqual([]);
    expect(h.app.store.links.get(booking.id)?.nextAttemptAt).toBe(until.toISOString());
  });
});
