import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/cli/app.js';
import { readRollout } from '../../../src/daemon/status-rollout.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/**
 * Issue 13, hosts that can host and privacy: the organizer as alternative host (looked up once),
 * meeting settings per room merged over the global ones, a change of settings updating each
 * future meeting once within the host's daily quota, and private bookings' titles kept from Zoom.
 */
describe('rollout: hosts, settings and privacy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-hosts-'));
  let h: SyncHarness;
  let app: App;
  let board: { calendarId: string; zoomHost: string };
  let huddle: { calendarId: string; zoomHost: string };
  let alice: string;
  let bob: string;
  let carol: string;

  const settingsFor = (boardSettings: Record<string, unknown>) => ({
    zoom: { alternativeHosts: 'organizer', meetingSettings: { mute_upon_entry: true } },
    rooms: {
      list: h.rooms.map((room, i) =>
        i === 0
          ? { ...room, meetingSettings: boardSettings }
          : i === 1
            ? { ...room, meetingSettings: { join_before_host: true }, invitationLang: 'zh-TW' }
            : room,
      ),
    },
  });
  const meetingOf = async (eventId: string) => {
    const id = app.store.links.get(eventId)?.zoomMeetingId;
    return (await h.meetings()).find((m) => m.id === id);
  };

  beforeAll(async () => {
    h = await startSyncHarness({ database: { path: join(dir, 'zoomlink.db') } });
    [board, huddle] = [h.rooms[0]!, h.rooms[1]!];
    [alice, bob, carol] = h.people as [string, string, string];
    await h.zoomControl('POST', '/users', [
      { email: alice, firstName: 'Alice', lastName: 'Chen' },
      { email: carol, firstName: 'Carol', lastName: 'Lin', type: 1 },
    ]);
    app = h.app;
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turned on, the organizer becomes the alternative host of a meeting made before: one update', async () => {
    const before = await h.book(alice, [huddle.calendarId], {
      summary: 'Before',
      ...berlin(1, 17),
    });
    await app.engine.poll();
    expect((await meetingOf(before.id))?.settings?.alternative_hosts).toBe('');
    app.close();
    app = h.restart(settingsFor({ waiting_room: true }));
    h.app = app;
    h.resetCalls();
    const summary = await app.engine.poll();
    expect(summary).toMatchObject({ meetingsUpdated: 1, meetingsCreated: 0, failed: 0 });
    expect((await meetingOf(before.id))?.settings).toMatchObject({
      alternative_hosts: alice,
      join_before_host: true,
      mute_upon_entry: true,
    });
    expect(h.calls()[routes.user]).toBe(1);
    h.resetCalls();
  });

  it('a licensed organizer becomes the alternative host, looked up once; one who is not a user, or not licensed, does not', async () => {
    const first = await h.book(alice, [board.calendarId], { summary: 'A1', ...berlin(1, 9) });
    const second = await h.book(alice, [board.calendarId], { summary: 'A2', ...berlin(1, 11) });
    const bobs = await h.book(bob, [board.calendarId], { summary: 'B1', ...berlin(1, 13) });
    const bobs2 = await h.book(bob, [huddle.calendarId], { summary: 'B2', ...berlin(1, 15) });
    const carols = await h.book(carol, [huddle.calendarId], { summary: 'C1', ...berlin(2, 9) });

    const summary = await app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 5, failed: 0 });
    // One lookup per organizer (Alice's was made already); Bob's 404 is an answer, not an error,
    // and is not asked again.
    expect(h.calls()[routes.user]).toBe(2);
    expect((await meetingOf(first.id))?.settings?.alternative_hosts).toBe(alice);
    expect((await meetingOf(second.id))?.settings?.alternative_hosts).toBe(alice);
    for (const id of [bobs.id, bobs2.id, carols.id])
      expect((await meetingOf(id))?.settings?.alternative_hosts).toBe('');
    expect(app.store.zoomUsers.get(bob)).toMatchObject({ eligible: false });
    expect(app.store.zoomUsers.get(carol)?.detail).toMatch(/Basic/);

    h.resetCalls();
    await h.book(bob, [board.calendarId], { summary: 'B3', ...berlin(2, 11) });
    await app.engine.poll();
    expect(h.calls()[routes.user]).toBeUndefined();
  });

  it("the room's meeting settings are merged over zoom.meetingSettings", async () => {
    const inBoard = await h.book(alice, [board.calendarId], { summary: 'S1', ...berlin(2, 13) });
    const inHuddle = await h.book(alice, [huddle.calendarId], { summary: 'S2', ...berlin(2, 15) });
    await app.engine.poll();
    expect((await meetingOf(inBoard.id))?.settings).toMatchObject({
      waiting_room: true,
      mute_upon_entry: true,
      join_before_host: false,
    });
    expect((await meetingOf(inHuddle.id))?.settings).toMatchObject({
      waiting_room: false,
      mute_upon_entry: true,
      join_before_host: true,
    });
  });

  it('a private booking never sends its title or description to Zoom; its topic is the stand-in, in the room’s language', async () => {
    const secret = await h.book(alice, [board.calendarId], {
      summary: 'Merger with Initech',
      description: 'Term sheet v3 attached',
      visibility: 'private',
      ...berlin(3, 9),
    });
    const secretZh = await h.book(alice, [huddle.calendarId], {
      summary: '併購案討論',
      visibility: 'confidential',
      ...berlin(3, 11),
    });
    const later = await h.book(alice, [board.calendarId], {
      summary: 'Layoff plan',
      ...berlin(3, 13),
    });
    await app.engine.poll();
    expect((await meetingOf(secret.id))?.topic).toBe('Private booking');
    expect((await meetingOf(secretZh.id))?.topic).toBe('私人預約');
    expect((await meetingOf(later.id))?.topic).toBe('Layoff plan');
    // The block written back is the same as for any booking.
    const copy = await h.copy(alice, secret.id);
    expect(copy?.description).toContain('Term sheet v3 attached');
    expect(copy?.description).toContain((await meetingOf(secret.id))!.join_url);
    // The huddle writes its block in Traditional Chinese, as Zoom's own invitations word it.
    const zh = (await h.copy(alice, secretZh.id))?.description ?? '';
    const zhMeeting = (await meetingOf(secretZh.id))!;
    expect(zh).toContain(`加入 Zoom 會議\n${zhMeeting.join_url}\n\n會議 ID:`);
    expect(copy?.description).toContain('Join Zoom Meeting\n');

    // A booking that becomes private has its Zoom topic replaced.
    await h.patchEvent(alice, alice, later.id, { visibility: 'private' });
    const summary = await app.engine.poll();
    expect(summary.meetingsUpdated).toBe(1);
    expect((await meetingOf(later.id))?.topic).toBe('Private booking');

    const zoomState = JSON.stringify(await h.zoomControl('GET', '/state'));
    for (const secretText of ['Merger with Initech', 'Term sheet', '併購案討論', 'Layoff plan'])
      expect(zoomState).not.toContain(secretText);
  });

  it('a change of settings updates each future meeting once, within the host’s daily quota, spread over days', async () => {
    await app.engine.poll();
    const boardLinks = app.store.links
      .listByRoom(board.calendarId)
      .filter((l) => l.state === 'linked' && l.zoomMeetingId !== null);
    expect(boardLinks.length).toBeGreaterThanOrEqual(5);
    // The host's quota runs out after two more updates today.
    await h.zoomFault({
      path: `/v2/meetings/`,
      method: 'PATCH',
      kind: 'status',
      status: 429,
      skip: 2,
      count: 1,
      // Zoom's daily-limit answer, told by its header (the body is the emulator's own 429).
      headers: { 'X-RateLimit-Type': 'Daily-limit', 'Retry-After': '2030-03-05T00:00:00Z' },
    });
    app.close();
    // One worker: the fault refuses the third PATCH only, where Zoom refuses every call after it;
    // with several workers the PATCHes already sent when the host is parked would pass.
    app = h.restart({
      ...settingsFor({ waiting_room: true, auto_recording: 'cloud' }),
      sync: { concurrency: 1 },
    });
    h.app = app;
    h.resetCalls();
    const today = await app.engine.poll();
    expect(today).toMatchObject({ meetingsUpdated: 2, failed: 0 });
    expect(today.deferred).toBe(boardLinks.length - 2);
    const view = readRollout(app.store, h.emulators.clock.now());
    expect(view.waiting).toEqual([
      { host: board.zoomHost, bookings: boardLinks.length - 2, until: '2030-03-05T00:00:00.000Z' },
    ]);

    h.advance(17 * 3600_000); // past 00:00 UTC
    const tomorrow = await app.engine.poll();
    expect(tomorrow).toMatchObject({
      meetingsUpdated: boardLinks.length - 2,
      failed: 0,
      deferred: 0,
    });
    for (const link of boardLinks)
      expect((await meetingOf(link.eventId))?.settings).toMatchObject({ auto_recording: 'cloud' });
    // Each meeting once: a PATCH answered for each, none twice; the huddle's meetings untouched.
    const patched = h.emulators.zoom.server.calls
      .summary()
      .log.filter((c) => c.method === 'PATCH' && c.status === 204)
      .map((c) => c.path);
    expect(patched).toHaveLength(boardLinks.length);
    expect(new Set(patched).size).toBe(boardLinks.length);
    h.resetCalls();
    await app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });
  });
});
