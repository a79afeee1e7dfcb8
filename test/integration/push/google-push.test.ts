import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RunningDaemon } from '../../../src/daemon/daemon.js';
import { ChannelKeeper } from '../../../src/daemon/push-channels.js';
import { syncRoutes as routes } from '../../support/routes.js';
import { berlin } from '../../support/time.js';
import { manualTriggers } from '../../unit/daemon/fakes.js';
import { startHarnessDaemon } from '../sync/harness-daemon.js';
import { quiet, startSyncHarness, type SyncHarness } from '../sync/sync-harness.js';
import { freePort } from '../../../src/util/free-port.js';

/**
 * Google push channels (issue 16) over real HTTP: the daemon opens a channel per room on the
 * Google emulator, which posts notifications to the daemon's /webhooks/google; a notification
 * makes a read of that room. Scheduled triggers are fired by hand, so a link that appears with no
 * trigger fired came through push. Tests wait for conditions, never for a time.
 */

interface EmulatedChannel {
  id: string;
  calendarId: string;
  address: string;
  stopped: boolean;
  expired: boolean;
  delivered: number;
  lost: number;
}

const weekMs = 7 * 24 * 3_600_000;

async function until<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 400; i += 1) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

describe('google push channels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-push-'));
  let h: SyncHarness | undefined;
  let daemon: RunningDaemon | undefined;
  let dbs = 0;
  afterEach(async () => {
    await daemon?.stop('test over');
    daemon = undefined;
    await h?.close();
    h = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(switches: Record<string, unknown> = {}) {
    dbs += 1;
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    h = await startSyncHarness({
      database: { path: join(dir, `push-${dbs}.db`) },
      server: { port, publicUrl },
      sync: { jitterSeconds: 0, roomParallelism: 1 },
    });
    await h.googleControl('POST', '/switches', { pushAddress: 'http-allowed', ...switches });
    const triggers = manualTriggers();
    const started = await startHarnessDaemon(h, { triggers, googleChannels: h.app.google });
    daemon = started.daemon;
    await started.daemon.firstPoll;
    // The first poll opens the channels after it (its afterPoll).
    await until('a channel per room', async () =>
      h!.app.store.pushChannels.list().length === h!.rooms.length ? true : undefined,
    );
    return { h, daemon: started.daemon, triggers, publicUrl, config: h.config };
  }

  const channels = async () => (await h!.googleControl('GET', '/channels')) as EmulatedChannel[];

  const booking = (summary: string) => ({ summary, ...berlin(1, 10) });

  /** The booking is linked and its link written back to Google. */
  const linked = (_calendarId: string, eventId: string) => async () => {
    const link = h!.app.store.links.get(eventId);
    return link?.state === 'linked' ? link : undefined;
  };

  it('opens a channel per room, gets its sync message, and links a booking on a notification alone', async () => {
    const { h } = await start();
    const open = await channels();
    expect(open.map((c) => c.calendarId).sort()).toEqual(
      h.rooms.map((r) => r.calendarId.toLowerCase()).sort(),
    );
    expect(open.every((c) => c.address.endsWith('/webhooks/google') && !c.stopped)).toBe(true);
    await until('the sync messages', async () =>
      (await channels()).every((c) => c.delivered >= 1) ? true : undefined,
    );
    const board = h.rooms[0]!.calendarId;
    const { id } = await h.book(h.people[0]!, [board], booking('Pushed'));
    await until('the link, through push only', linked(board, id));
    expect((await h.meetings()).map((m) => m.topic)).toEqual(['Pushed']);
  });

  it('refuses an unknown channel (404) and a wrong token (401), counts both and reads nothing', async () => {
    const { h, publicUrl, daemon } = await start();
    const channel = h.app.store.pushChannels.list()[0]!;
    h.resetCalls();
    const post = (headers: Record<string, string>) =>
      fetch(`${publicUrl}/webhooks/google`, { method: 'POST', headers });
    const base = {
      'x-goog-resource-state': 'exists',
      'x-goog-resource-id': channel.resourceId,
      'x-goog-message-number': '7',
    };
    expect(
      (await post({ ...base, 'x-goog-channel-id': 'nope', 'x-goog-channel-token': channel.token }))
        .status,
    ).toBe(404);
    expect(
      (
        await post({
          ...base,
          'x-goog-channel-id': channel.channelId,
          'x-goog-channel-token': `${channel.token}x`,
        })
      ).status,
    ).toBe(401);
    expect((await post({ ...base, 'x-goog-channel-id': channel.channelId })).status).toBe(401);
    const metrics = await (await fetch(`${daemon.url}metrics`)).text();
    expect(metrics).toContain('zoomlink_google_push_refused_total{reason="unknown_channel"} 1');
    expect(metrics).toContain('zoomlink_google_push_refused_total{reason="wrong_token"} 2');
    // A good one is taken and reads the room: the refused ones read nothing.
    expect(
      (
        await post({
          ...base,
          'x-goog-channel-id': channel.channelId,
          'x-goog-channel-token': channel.token,
        })
      ).status,
    ).toBe(200);
    await until('the read of the good one', async () => (h.calls()[routes.list] ?? 0) >= 1);
    expect(h.calls()[routes.list]).toBe(1);
  });

  it('makes one meeting from a burst of duplicate notifications', async () => {
    const { h } = await start({ pushDuplicates: 3 });
    const board = h.rooms[0]!.calendarId;
    const { id } = await h.book(h.people[0]!, [board], booking('Burst'));
    await until('the link', linked(board, id));
    const delivered = await until('the burst delivered', async () => {
      const c = (await channels()).find((x) => x.calendarId === board.toLowerCase())!;
      return c.delivered >= 5 ? c.delivered : undefined;
    });
    expect((await h.meetings()).map((m) => m.topic)).toEqual(['Burst']);
    // Debounced: fewer reads of the room than messages for it.
    expect(h.callsFor('calendar', board)[routes.list] ?? 0).toBeLessThan(delivered);
  });

  it('loses every notification and still converges on the polls', async () => {
    const { h, triggers, config } = await start({ pushLoss: 1 });
    const board = h.rooms[0]!.calendarId;
    const { id } = await h.book(h.people[0]!, [board], booking('Lost'));
    await until('the messages lost', async () =>
      (await channels()).some((c) => c.lost > 0) ? true : undefined,
    );
    expect(await linked(board, id)()).toBeUndefined();
    // Healthy channels: the poll on sync.schedule leaves the room to push...
    h.resetCalls();
    triggers.fire(config.sync.schedule);
    await until('the poll done', async () =>
      daemon!.scheduler.status().find((j) => j.name === 'poll')!.runs >= 2 ? true : undefined,
    );
    expect(h.callsFor('calendar', board)[routes.list] ?? 0).toBe(0);
    expect(await linked(board, id)()).toBeUndefined();
    // ...and the safety net on sync.pushPollSchedule reads every room.
    triggers.fire(config.sync.pushPollSchedule);
    triggers.fire(config.sync.schedule);
    await until('the link, through polling', linked(board, id));
  });

  it('renews a channel before it expires, and replaces an expired one; the room is polled meanwhile', async () => {
    const { h, triggers, config } = await start();
    const board = h.rooms[0]!.calendarId.toLowerCase();
    const first = (await channels()).find((c) => c.calendarId === board)!;
    const runs = () => daemon!.scheduler.status().find((j) => j.name === 'poll')!.runs;
    const poll = async () => {
      const before = runs();
      triggers.fire(config.sync.schedule);
      await until('a poll', async () => runs() > before);
    };

    // Within the last hour of a week: renewed (a new channel, then the old one stopped).
    h.advance(weekMs - 30 * 60_000);
    await poll();
    const renewed = await channels();
    expect(renewed.find((c) => c.id === first.id)!.stopped).toBe(true);
    const second = renewed.find((c) => c.calendarId === board && !c.stopped)!;
    expect(second.id).not.toBe(first.id);
    expect(h.app.store.pushChannels.list().map((c) => c.channelId)).toContain(second.id);

    // Past its expiration: the room is unhealthy, so the next poll reads it, and a new channel opens.
    h.advance(weekMs);
    h.resetCalls();
    await poll();
    expect(h.callsFor('calendar', board)[routes.list] ?? 0).toBeGreaterThan(0);
    const third = (await channels()).filter((c) => c.calendarId === board && !c.expired);
    expect(third).toHaveLength(1);
    expect(third[0]!.id).not.toBe(second.id);
    expect(h.app.store.pushChannels.list().map((c) => c.channelId)).not.toContain(second.id);

    // Healthy again: the next scheduled poll leaves the room alone.
    h.resetCalls();
    await poll();
    expect(h.callsFor('calendar', board)[routes.list] ?? 0).toBe(0);
  });

  it('puts a room whose channel says not_exists back on sync.schedule, and opens it a new channel', async () => {
    const { h, triggers, config } = await start();
    const board = h.rooms[0]!.calendarId.toLowerCase();
    const old = (await channels()).find((c) => c.calendarId === board)!;
    const runs = () => daemon!.scheduler.status().find((j) => j.name === 'poll')!.runs;
    h.resetCalls();
    await h.googleControl('POST', '/channels/notify', { id: old.id, state: 'not_exists' });
    await until('the read the notification asked for', async () =>
      (h.callsFor('calendar', board)[routes.list] ?? 0) >= 1 ? true : undefined,
    );
    h.resetCalls();
    const before = runs();
    triggers.fire(config.sync.schedule);
    await until('a poll', async () => runs() > before);
    // A healthy room is left to push; this one is read on sync.schedule again.
    expect(h.callsFor('calendar', board)[routes.list] ?? 0).toBe(1);
    const now = (await channels()).filter((c) => c.calendarId === board && !c.stopped);
    expect(now).toHaveLength(1);
    expect(now[0]!.id).not.toBe(old.id);
    expect(daemon!.push!.keeper.healthy(board)).toBe(true);
  });

  it('reuses the stored channels after a restart, replaces them for a new address, and stops them on shutdown', async () => {
    const { h, daemon: d } = await start();
    const rooms = h.rooms.map((r) => r.calendarId);
    const stored = h.app.store.pushChannels.list();
    const address = stored[0]!.address;
    // A restart after a crash: a new keeper over the same store, same address.
    h.resetCalls();
    const again = new ChannelKeeper({
      store: h.app.store,
      google: h.app.google,
      address,
      logger: quiet,
      now: () => h.emulators.clock.now(),
    });
    await again.maintain(rooms);
    expect(h.calls()['POST /calendar/v3/calendars/:calendarId/events/watch'] ?? 0).toBe(0);
    expect(h.app.store.pushChannels.list()).toEqual(stored);

    // Another public URL: each replaced, the old stopped.
    const moved = new ChannelKeeper({
      store: h.app.store,
      google: h.app.google,
      address: `${address}?moved`,
      logger: quiet,
      now: () => h.emulators.clock.now(),
    });
    await moved.maintain(rooms);
    expect(h.calls()['POST /calendar/v3/calendars/:calendarId/events/watch']).toBe(rooms.length);
    expect(h.calls()['POST /calendar/v3/channels/stop']).toBe(rooms.length);
    expect(h.app.store.pushChannels.list().every((c) => c.address.endsWith('?moved'))).toBe(true);

    // A room no longer watched: its channel stops.
    await moved.maintain(rooms.slice(1));
    expect(h.app.store.pushChannels.list().map((c) => c.calendarId)).toEqual(rooms.slice(1));

    await d.stop('test over');
    daemon = undefined;
    expect(h.app.store.pushChannels.list()).toEqual([]);
    expect((await channels()).every((c) => c.stopped)).toBe(true);
  });
});
