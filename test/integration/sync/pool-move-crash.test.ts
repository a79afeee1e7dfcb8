import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../../src/emulators/org.js';
import type { App } from '../../../src/cli/app.js';
import { CrashPoint, startCrashProxy, type CrashProxy } from '../../support/crash-proxy.js';
import { berlin } from '../../support/time.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';

/**
 * A meeting moving to another pool host is crash-safe like a create (issue 15): the process dies
 * at the move's one call to Zoom — before Zoom got it, after Zoom did it but before the answer
 * came back, or (where Zoom does not move hosts) after the old meeting was deleted — and a new
 * process on the same database finishes the move: the booking ends linked to one meeting on the
 * host its link names, the move's journal is empty, no host holds two meetings at once, and no
 * meeting is left over or made twice.
 */

const POOL = ['zoom-boardroom@example.com', 'zoom-huddle@example.com'];

/** Dies at the first call `match` picks: before it reaches Zoom, or after Zoom answered it. */
class CrashAtCall extends CrashPoint {
  readonly died: Promise<void>;
  private signal: () => void = () => undefined;

  constructor(
    private readonly match: (call: { method: string; path: string }) => boolean,
    private readonly when: 'before' | 'after',
  ) {
    super();
    this.died = new Promise((resolve) => (this.signal = resolve));
  }

  override take(call?: { method: string; path: string }) {
    if (!this.isDead && call && this.match(call)) {
      if (this.when === 'before') {
        this.die();
        this.signal();
        return 'hold' as const;
      }
      void this.arm(1, false).then(this.signal);
    }
    return super.take(call);
  }
}

describe('a pool move interrupted by a crash is finished by the next process', () => {
  let h: SyncHarness;
  let dir: string;
  const proxies: CrashProxy[] = [];
  const abandoned: Promise<unknown>[] = [];

  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { zoom: 'moves-host', at: 'PATCH', when: 'before', how: 'the update never reached Zoom' },
    { zoom: 'moves-host', at: 'PATCH', when: 'after', how: 'Zoom moved it, the answer was lost' },
    { zoom: 'refused', at: 'DELETE', when: 'after', how: 'the old meeting was deleted' },
  ] as const;

  for (const c of cases)
    it(`${c.how} (scheduleForOnUpdate: ${c.zoom})`, async () => {
      dir = mkdtempSync(join(tmpdir(), 'zoomlink-pool-crash-'));
      const list = seedOrganisation.rooms.map((r) => ({
        calendarId: r.calendarId,
        name: r.resourceName,
      }));
      h = await startSyncHarness({
        rooms: { list, hostPool: POOL },
        database: { path: join(dir, 'zoomlink.db') },
      });
      await h.zoomControl('POST', '/switches', { scheduleForOnUpdate: c.zoom });
      const alice = h.people[0]!;
      const [board, huddle, training] = h.rooms.map((r) => r.calendarId) as [
        string,
        string,
        string,
      ];
      const x = await h.book(alice, [board], { summary: 'X', ...berlin(3, 9) });
      const y = await h.book(alice, [huddle], { summary: 'Y', ...berlin(3, 9) });
      await h.app.engine.poll();
      const z = await h.book(alice, [training], { summary: 'Z', ...berlin(3, 11) });
      await h.app.engine.poll();
      const before = h.app.store.links.get(z.id)!;
      const zHost = before.zoomHost!;
      // The earlier-booked one of X and Y on Z's host moves onto Z's hour: Z has to leave.
      const earlier = h.app.store.links.get(x.id)!.zoomHost === zHost ? x : y;
      await h.patchEvent(alice, alice, earlier.id, { ...berlin(3, 11, 60, 30) });
      h.app.close();

      // The process that moves Z dies at the move's call.
      const crash = new CrashAtCall(
        (call) =>
          call.method === c.at && call.path.startsWith(`/v2/meetings/${before.zoomMeetingId}`),
        c.when,
      );
      const { info } = h.emulators;
      const proxy = await startCrashProxy(new URL(info.zoom.apiUrl).origin, crash);
      proxies.push(proxy);
      const via = (url: string) => url.replace(new URL(url).origin, proxy.url);
      const doomed = h.restart({
        zoom: { apiUrl: via(info.zoom.apiUrl), oauthUrl: via(info.zoom.oauthUrl) },
      });
      let outcome: 'killed' | 'completed' = 'completed';
      for (let pass = 0; pass < 3 && outcome === 'completed'; pass += 1) {
        const polled = doomed.engine.poll();
        outcome = await Promise.race([
          polled.then(() => 'completed' as const),
          crash.died.then(() => 'killed' as const),
        ]);
        if (outcome === 'killed') abandoned.push(polled.catch(() => undefined));
      }
      expect(outcome).toBe('killed');
      // What the process writes before its next call happens; then it is gone.
      await new Promise((resolve) => setTimeout(resolve, 20));
      doomed.close();
      const journal = (app: App) => app.store.pool.getMove(z.id);

      const app = h.restart();
      try {
        if (c.when === 'before' || c.zoom === 'moves-host')
          expect(journal(app)).toMatchObject({ fromHost: zHost });
        await app.engine.poll();
        await app.engine.poll();
        const after = app.store.links.get(z.id)!;
        expect(after.state).toBe('linked');
        expect(after.zoomHost).not.toBe(zHost);
        const state = (await h.zoomControl('GET', '/state')) as {
          users: { id: string; email: string }[];
        };
        const emailOf = (id: string) => state.users.find((u) => u.id === id)?.email ?? id;
        const meetings = await h.meetings();
        // X, Y and Z: one meeting each, no more.
        expect(meetings).toHaveLength(3);
        const zMeeting = meetings.find((m) => m.id === after.zoomMeetingId)!;
        expect(emailOf(zMeeting.host_id).toLowerCase()).toBe(after.zoomHost!.toLowerCase());
        if (c.zoom === 'moves-host') expect(after.zoomMeetingId).toBe(before.zoomMeetingId);
        else {
          expect(after.zoomMeetingId).not.toBe(before.zoomMeetingId);
          const copy = await h.copy(alice, z.id);
          expect(copy?.description).toContain(after.joinUrl!);
        }
        // No host holds two meetings at once.
        const byHost = new Map<string, Array<[number, number]>>();
        for (const m of meetings) {
          const start = Date.parse(m.start_time!);
          const spans = byHost.get(m.host_id) ?? [];
          spans.push([start, start + (m.duration ?? 60) * 60_000]);
          byHost.set(m.host_id, spans);
        }
        for (const spans of byHost.values()) {
          spans.sort((a, b) => a[0] - b[0]);
          for (let i = 1; i < spans.length; i += 1)
            expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
        }
        expect(app.store.links.listByState('failed')).toEqual([]);
        expect(journal(app)).toBeUndefined();
      } finally {
        app.close();
      }
    });
});
