import { afterEach, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness, type ZoomMeetingState } from './sync-harness.js';
import { seedOrganisation } from '../../../src/emulators/org.js';
import { render } from '../../../src/cli/commands/pool.js';
import { poolReport } from '../../../src/sync/index.js';
import { berlin } from '../../support/time.js';

/**
 * A shared host pool (issue 15): two Zoom users serve three rooms. Through both emulators, with
 * the real app: overlapping bookings get different hosts, series and moved instances included;
 * a change that makes two bookings collide on a host moves the later-booked one (in place where
 * the emulator's `scheduleForOnUpdate` lets it, else replaced and the link rewritten); a third
 * overlapping booking fails alone with HOST_POOL_EXHAUSTED and gets its meeting once a host frees
 * up; a host whose daily budget is spent is passed over. After every poll no host holds two
 * meetings at once.
 */

const POOL = ['zoom-boardroom@example.com', 'zoom-huddle@example.com'];

/** Every live meeting time of every host, from the Zoom emulator's own state. */
function hostTimes(meetings: ZoomMeetingState[]): Map<string, Array<[number, number, number]>> {
  const byHost = new Map<string, Array<[number, number, number]>>();
  for (const m of meetings) {
    const spans: Array<[number, number]> =
      m.type === 8
        ? (m.occurrences ?? [])
            .filter((o) => o.status !== 'deleted')
            .map((o) => [Date.parse(o.start_time), o.duration])
        : m.type === 2 && m.start_time
          ? [[Date.parse(m.start_time), m.duration ?? 60]]
          : [];
    const list = byHost.get(m.host_id) ?? [];
    for (const [start, minutes] of spans) list.push([start, start + minutes * 60_000, m.id]);
    byHost.set(m.host_id, list);
  }
  return byHost;
}

async function expectNoHostDoubleBooked(h: SyncHarness): Promise<void> {
  for (const [host, spans] of hostTimes(await h.meetings())) {
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i += 1)
      expect(
        sorted[i]![0] >= sorted[i - 1]![1],
        `host ${host}: meeting ${sorted[i]![2]} overlaps meeting ${sorted[i - 1]![2]}`,
      ).toBe(true);
  }
}

describe('a shared host pool: 2 Zoom users for 3 rooms', () => {
  let h: SyncHarness;
  let alice: string;
  let rooms: string[];

  async function start(switches: Record<string, unknown> = {}) {
    // The seeded rooms, without hosts of their own: each takes its hosts from the pool.
    const list = seedOrganisation.rooms.map((r) => ({
      calendarId: r.calendarId,
      name: r.resourceName,
    }));
    h = await startSyncHarness({ rooms: { list, hostPool: POOL } });
    if (Object.keys(switches).length > 0) await h.zoomControl('POST', '/switches', switches);
    alice = h.people[0]!;
    rooms = h.rooms.map((r) => r.calendarId);
  }
  afterEach(async () => {
    await h?.close();
  });

  const hostOf = (eventId: string) => h.app.store.links.get(eventId)?.zoomHost;
  const hostEmail = async (id: string) => {
    const state = (await h.zoomControl('GET', '/state')) as {
      users: { id: string; email: string }[];
    };
    return state.users.find((u) => u.id === id)?.email ?? id;
  };

  it('gives overlapping bookings and series different hosts, and never double-books one', async () => {
    await start();
    const [board, huddle, training] = rooms as [string, string, string];
    const a = await h.book(alice, [board], { summary: 'A', ...berlin(1, 9) });
    const b = await h.book(alice, [huddle], { summary: 'B', ...berlin(1, 9, 60, 30) });
    const c = await h.book(alice, [training], { summary: 'C', ...berlin(1, 13) });
    const series = await h.book(alice, [training], {
      summary: 'Weekly S',
      ...berlin(2, 9),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    const other = await h.book(alice, [board], {
      summary: 'Weekly T',
      ...berlin(2, 9, 60, 30),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    const first = await h.app.engine.poll();
    expect(first).toMatchObject({ meetingsCreated: 5, failed: 0 });
    expect(hostOf(a.id)).not.toBe(hostOf(b.id));
    expect(hostOf(series.id)).not.toBe(hostOf(other.id));
    expect(POOL).toContain(hostOf(c.id));
    await expectNoHostDoubleBooked(h);

    // `zoomlink pool`: per host its bookings, the peak (A and B at once on 03-05, S and T each
    // Wednesday) and the hosts the pool needs.
    const report = poolReport(h.app.store, h.config, h.emulators.clock.now(), 30);
    expect(report.hosts.map((x) => x.host)).toEqual(POOL);
    expect(report.hosts.flatMap((x) => x.bookings.map((b) => b.title)).sort()).toEqual([
      'A',
      'B',
      'C',
      'Weekly S',
      'Weekly T',
    ]);
    expect(report).toMatchObject({ peak: 2, hostsNeeded: 2, waiting: [] });
    expect(report.hosts.reduce((sum, x) => sum + (x.minutesByDay['2030-03-06'] ?? 0), 0)).toBe(120);
    const text = render(report);
    expect(text).toContain('the pool needs at least 2 host(s) (it has 2)');
    expect(text).toContain('Weekly S  4 occurrence(s)');
    // Seen again: no call, nobody moves.
    await h.app.engine.poll();
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.callsFor('host', POOL[0]!)).toEqual({});
    expect(h.callsFor('host', POOL[1]!)).toEqual({});
  });

  it('a moved instance that lands on an earlier booking of its host moves its whole series to the other host', async () => {
    await start();
    const [board, huddle, training] = rooms as [string, string, string];
    // E takes the first host (both idle), D the second (the less loaded), and the series T the
    // second too: both are free at its times, and the first holds three hours already.
    const e = await h.book(alice, [board], { summary: 'E', ...berlin(25, 9, 180) });
    await h.app.engine.poll();
    const d = await h.book(alice, [huddle], { summary: 'D', ...berlin(17, 12) });
    await h.app.engine.poll();
    const t = await h.book(alice, [training], {
      summary: 'Weekly T',
      ...berlin(3, 9),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    await h.app.engine.poll();
    expect([hostOf(e.id), hostOf(d.id), hostOf(t.id)]).toEqual([POOL[0], POOL[1], POOL[1]]);

    // T's third Thursday (2030-03-21 09:00) moves to 12:00, onto D, which was booked first.
    await h.patchEvent(alice, alice, `${t.id}_20300321T080000Z`, { ...berlin(17, 12) });
    await h.app.engine.poll();
    await expectNoHostDoubleBooked(h);
    await h.app.engine.poll();
    await expectNoHostDoubleBooked(h);
    expect(hostOf(d.id)).toBe(POOL[1]);
    expect(hostOf(t.id)).toBe(POOL[0]);
    const link = h.app.store.links.get(t.id)!;
    expect(link.state).toBe('linked');
    const meeting = (await h.meetings()).find((m) => m.id === link.zoomMeetingId)!;
    expect(
      meeting.occurrences?.filter((o) => o.status !== 'deleted').map((o) => o.start_time),
    ).toEqual([
      '2030-03-07T08:00:00Z',
      '2030-03-14T08:00:00Z',
      '2030-03-21T11:00:00Z',
      '2030-03-28T08:00:00Z',
    ]);
    expect(h.app.store.links.listByState('failed')).toEqual([]);
  });

  for (const [switchValue, how] of [
    ['moves-host', 'in place (same meeting, same join link)'],
    ['refused', 'replaced (a new meeting, the link rewritten)'],
  ] as const)
    it(`moves the later-booked meeting when a change makes two collide on a host: ${how}`, async () => {
      await start({ scheduleForOnUpdate: switchValue });
      const [board, huddle, training] = rooms as [string, string, string];
      const x = await h.book(alice, [board], { summary: 'X', ...berlin(3, 9) });
      const y = await h.book(alice, [huddle], { summary: 'Y', ...berlin(3, 9) });
      await h.app.engine.poll();
      const z = await h.book(alice, [training], { summary: 'Z', ...berlin(3, 11) });
      await h.app.engine.poll();
      const zHost = hostOf(z.id)!;
      const zBefore = h.app.store.links.get(z.id)!;
      // The one of X and Y that shares Z's host (both were booked before Z) moves onto Z's hour.
      const earlier = hostOf(x.id) === zHost ? x : y;
      const earlierRoom = earlier === x ? board : huddle;
      await h.patchEvent(alice, alice, earlier.id, { ...berlin(3, 11, 60, 30) });
      expect(earlierRoom).toBeTruthy();
      await h.app.engine.poll();
      await h.app.engine.poll();
      await expectNoHostDoubleBooked(h);
      expect(hostOf(earlier.id)).toBe(zHost);
      const zAfter = h.app.store.links.get(z.id)!;
      expect(zAfter.zoomHost).not.toBe(zHost);
      expect(zAfter.state).toBe('linked');
      const meeting = (await h.meetings()).find((m) => m.id === zAfter.zoomMeetingId)!;
      expect((await hostEmail(meeting.host_id)).toLowerCase()).toBe(zAfter.zoomHost!.toLowerCase());
      if (switchValue === 'moves-host') {
        expect(zAfter.zoomMeetingId).toBe(zBefore.zoomMeetingId);
        expect(zAfter.joinUrl).toBe(zBefore.joinUrl);
      } else {
        expect(zAfter.zoomMeetingId).not.toBe(zBefore.zoomMeetingId);
        expect((await h.meetings()).some((m) => m.id === zBefore.zoomMeetingId)).toBe(false);
        const copy = await h.copy(alice, z.id);
        expect(copy?.description).toContain(zAfter.joinUrl!);
        expect(copy?.description).not.toContain(zBefore.joinUrl!);
      }
      expect(h.app.store.pool.getMove(z.id)).toBeUndefined();
    });

  it('fails a third overlapping booking alone with HOST_POOL_EXHAUSTED, and links it once a host frees up', async () => {
    await start();
    const [board, huddle, training] = rooms as [string, string, string];
    const a = await h.book(alice, [board], { summary: 'Board meeting', ...berlin(4, 10) });
    const b = await h.book(alice, [huddle], { summary: 'Huddle', ...berlin(4, 10, 30) });
    const c = await h.book(alice, [training], { summary: 'Training', ...berlin(4, 10, 60, 15) });
    const polled = await h.app.engine.poll();
    expect(polled).toMatchObject({ meetingsCreated: 2, failed: 1, roomsFailed: 0 });
    const failed = h.app.store.links.get(c.id)!;
    expect(failed.state).toBe('failed');
    expect(failed.lastError).toMatch(/^HOST_POOL_EXHAUSTED: /);
    expect(failed.lastError).toContain('"Board meeting"');
    expect(failed.lastError).toContain('"Huddle"');
    expect(failed.zoomMeetingId).toBeNull();
    await expectNoHostDoubleBooked(h);

    // The huddle is cancelled: its host frees up and the training gets its meeting next poll.
    await h.deleteEvent(alice, alice, b.id);
    await h.app.engine.poll();
    await h.app.engine.poll();
    const linked = h.app.store.links.get(c.id)!;
    expect(linked.state).toBe('linked');
    expect(linked.zoomHost).not.toBe(hostOf(a.id));
    await expectNoHostDoubleBooked(h);
  });

  it('reconcile looks for orphans on every pool host, and deletes only the one it made', async () => {
    await start();
    const [board, huddle] = rooms as [string, string, string];
    const kept = await h.book(alice, [board], { summary: 'Kept', ...berlin(6, 9) });
    const lost = await h.book(alice, [huddle], { summary: 'Lost', ...berlin(6, 9) });
    await h.app.engine.poll();
    // Both hosts hold one meeting; the second booking's link is lost, its meeting left in Zoom.
    expect(new Set([hostOf(kept.id), hostOf(lost.id)])).toEqual(new Set(POOL));
    const orphan = h.app.store.links.get(lost.id)!;
    h.app.store.links.markDeleted(lost.id);
    h.app.store.links.update(lost.id, { zoomMeetingId: null });
    const report = await h.app.engine.reconcile({ fix: true });
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: 'orphan_meeting',
        meetingId: orphan.zoomMeetingId,
        host: orphan.zoomHost,
        fixed: true,
      }),
    ]);
    const left = (await h.meetings()).map((m) => m.id);
    expect(left).toEqual([h.app.store.links.get(kept.id)!.zoomMeetingId]);
  });

  it('never names a pool host its own alternative host', async () => {
    // The organizer is a Zoom user of the account, and the pool's only host: the meeting is hers,
    // so she is not added as its alternative host (as for a room with its own host).
    const admin = seedOrganisation.admin.email;
    const list = seedOrganisation.rooms.map((r) => ({
      calendarId: r.calendarId,
      name: r.resourceName,
    }));
    h = await startSyncHarness({
      rooms: { list, hostPool: [admin] },
      zoom: { alternativeHosts: 'organizer' },
    });
    const own = await h.book(admin, [h.rooms[0]!.calendarId], { summary: 'Own', ...berlin(7, 9) });
    await h.app.engine.poll();
    await h.app.engine.poll();
    const link = h.app.store.links.get(own.id)!;
    expect(link).toMatchObject({ state: 'linked', zoomHost: admin });
    const meeting = (await h.meetings()).find((m) => m.id === link.zoomMeetingId)!;
    expect(meeting.settings?.alternative_hosts ?? '').toBe('');
    // Nobody to look up, and the meeting made once, never updated to name her.
    expect(h.callsFor('host', admin)).toEqual({ 'POST /v2/users/:userId/meetings': 1 });
    expect(h.calls()['PATCH /v2/meetings/:meetingId']).toBeUndefined();
  });

  it('passes over a pool host whose daily budget is spent', async () => {
    await start();
    const [board, huddle] = rooms as [string, string, string];
    await h.zoomFault({
      path: `/v2/users/${POOL[0]}/meetings`,
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
    const first = await h.book(alice, [board], { summary: 'First', ...berlin(5, 9) });
    const polled = await h.app.engine.poll();
    // Both hosts were free: the first in the pool's order was tried, refused for the day, and
    // the booking went to the other one in the same pass.
    expect(polled).toMatchObject({ meetingsCreated: 1, failed: 0, deferred: 0 });
    expect(hostOf(first.id)).toBe(POOL[1]);
    expect(h.app.store.hosts.parked(h.emulators.clock.now()).map((p) => p.host)).toEqual([POOL[0]]);
    // A booking at another time also goes to the host with budget left, though the spent one
    // holds nothing.
    const second = await h.book(alice, [huddle], { summary: 'Second', ...berlin(5, 14) });
    h.resetCalls();
    await h.app.engine.poll();
    expect(hostOf(second.id)).toBe(POOL[1]);
    expect(h.callsFor('host', POOL[0]!)).toEqual({});
  });
});
