import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/cli/app.js';
import { readRollout } from '../../../src/daemon/status-rollout.js';
import { seeded, startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/**
 * Issue 13, preview: `zoomlink plan` (the rollout's `preview`) and rooms in observe mode — both
 * plan everything and write nothing; the next sync (or the room made active) acts on all of it.
 */
describe('rollout: plan', () => {
  let h: SyncHarness;
  let board: string;
  let huddle: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness({ zoom: { alternativeHosts: 'organizer' } });
    ({ board, huddle, alice } = seeded(h));
  });
  afterAll(() => h.close());

  it('plans every booking without a single write, and the next sync still links everything', async () => {
    const single = await h.book(alice, [board], { summary: 'Single', ...berlin(1, 9) });
    const shared = await h.book(alice, [board, huddle], { summary: 'Two rooms', ...berlin(1, 11) });
    const series = await h.book(alice, [huddle], {
      summary: 'Weekly',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
      ...berlin(2, 9),
    });
    const meet = await h.book(
      alice,
      [board],
      { summary: 'Meet', ...berlin(1, 13) },
      { withMeet: true },
    );
    h.resetCalls();

    const preview = await h.app.rollout.preview();

    // Only reads: the rooms' events, whole. No Zoom call at all, no Google write, nothing stored.
    expect(h.calls()).toEqual({ [routes.list]: 3 });
    expect(h.tokenCalls()).toBeGreaterThan(0);
    const zoomCalls = h.emulators.zoom.server.calls.summary().log;
    expect(zoomCalls.filter((c) => c.route !== routes.zoomToken)).toEqual([]);
    expect(h.app.store.links.list()).toEqual([]);
    expect(h.app.store.rooms.list()).toEqual([]);
    expect(h.app.store.zoomUsers.get(alice)).toBeUndefined();

    const byId = new Map(preview.bookings.map((b) => [b.eventId, b]));
    expect(preview.bookings).toHaveLength(4);
    for (const b of preview.bookings)
      expect(Object.keys(b)).toEqual(['eventId', 'room', 'actions', 'strategy', 'host', 'reason']);
    expect(byId.get(single.id)).toEqual({
      eventId: single.id,
      room: board,
      actions: ['create', 'write-back'],
      strategy: 'single',
      host: h.rooms[0]!.zoomHost,
      reason: null,
    });
    // A booking of two rooms is one line, hosted by the first room by calendar id.
    const [first] = [board, huddle].sort();
    expect(byId.get(shared.id)?.room).toBe(first);
    expect(byId.get(series.id)).toMatchObject({
      strategy: 'series',
      actions: ['create', 'write-back'],
    });
    expect(byId.get(meet.id)).toEqual({
      eventId: meet.id,
      room: board,
      actions: ['skip'],
      strategy: null,
      host: null,
      reason: 'other_conference',
    });
    expect(preview.counts).toMatchObject({
      bookings: 4,
      create: 3,
      'write-back': 3,
      skip: 1,
      'skip:other_conference': 1,
      none: 0,
    });

    // The sync that follows does all of it.
    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 3, failed: 0 });
    for (const id of [single.id, shared.id, series.id])
      expect(h.app.store.links.get(id)?.state).toBe('linked');

    // Planned again: nothing left to do.
    await h.app.engine.poll();
    const again = await h.app.rollout.preview({ rooms: [board] });
    expect(again.counts).toMatchObject({ create: 0, update: 0, 'write-back': 0 });
  });
});

describe('rollout: rooms in observe mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-observe-'));
  let h: SyncHarness;
  let app: App;
  let board: string;
  let huddle: string;
  let alice: string;

  const withModes = (boardMode: string, huddleMode: string) => ({
    rooms: {
      list: h.rooms.map((room, i) =>
        i === 0 ? { ...room, mode: boardMode } : i === 1 ? { ...room, mode: huddleMode } : room,
      ),
    },
  });

  beforeAll(async () => {
    h = await startSyncHarness({ database: { path: join(dir, 'zoomlink.db') } });
    ({ board, huddle, alice } = seeded(h));
    h.app.close();
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an observed room is polled and planned, writes nothing, and shows what it would do; the active room goes on', async () => {
    app = h.restart(withModes('observe', 'active'));
    h.app = app;
    const observed = await h.book(alice, [board], { summary: 'Observed', ...berlin(1, 9) });
    const meetOnly = await h.book(
      alice,
      [board],
      {
        summary: 'Meet only',
        ...berlin(1, 11),
      },
      { withMeet: true },
    );
    await h.book(alice, [huddle], { summary: 'Active', ...berlin(1, 9) });
    h.resetCalls();

    const summary = await app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 1, linksWritten: 1, failed: 0 });
    expect(summary.observed).toBe(2);
    expect(summary.skipped).toMatchObject({ other_conference: 1 });
    expect((await h.meetings()).map((m) => m.topic)).toEqual(['Active']);
    expect(h.callsFor('calendar', alice)).toEqual({ [routes.get]: 1, [routes.patch]: 1 });
    expect(app.store.links.get(observed.id)).toBeUndefined();
    expect(app.store.links.get(meetOnly.id)).toBeUndefined();

    const view = readRollout(app.store, h.emulators.clock.now());
    expect(view.observed.total).toBe(2);
    expect(view.observed.byAction).toMatchObject({ create: 1, 'write-back': 1, skip: 1 });
    expect(view.observed.latest.find((o) => o.eventId === observed.id)).toMatchObject({
      room: board,
      actions: ['create', 'write-back'],
      strategy: 'single',
      host: h.rooms[0]!.zoomHost,
    });

    // A quiet poll observes nothing new and still writes nothing.
    h.resetCalls();
    await app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    // A booking cancelled while observed is no longer shown.
    const cancelled = await h.book(alice, [board], { summary: 'Cancelled', ...berlin(1, 15) });
    await app.engine.poll();
    expect(readRollout(app.store, h.emulators.clock.now()).observed.total).toBe(3);
    await h.deleteEvent(alice, alice, cancelled.id);
    await app.engine.poll();
    expect(readRollout(app.store, h.emulators.clock.now()).observed.total).toBe(2);
  });

  it('switched to active, the room acts on everything it observed', async () => {
    const alsoObserved = await h.book(alice, [board], {
      summary: 'Observed later',
      ...berlin(2, 9),
    });
    await app.engine.poll();
    expect(app.store.links.get(alsoObserved.id)).toBeUndefined();
    app.close();
    app = h.restart(withModes('active', 'active'));
    h.app = app;

    const summary = await app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 2, failed: 0, observed: 0 });
    expect(summary.skipped).toMatchObject({ other_conference: 1 });
    expect((await h.meetings()).map((m) => m.topic).sort()).toEqual([
      'Active',
      'Observed',
      'Observed later',
    ]);
    expect(readRollout(app.store, h.emulators.clock.now()).observed.total).toBe(0);
  });
  it('back in observe mode, a meeting deleted by hand is reported by reconcile --fix, not made again', async () => {
    app.close();
    app = h.restart(withModes('observe', 'active'));
    h.app = app;
    await app.engine.poll();
    const observed = app.store.links
      .listByRoom(board)
      .find((l) => l.state === 'linked' && l.zoomMeetingId !== null)!;
    await app.zoom.deleteMeeting(observed.zoomMeetingId!);
    h.resetCalls();
    const report = await app.engine.reconcile({ fix: true });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: 'meeting_missing', eventId: observed.eventId, fixed: false }),
    );
    await app.engine.poll();
    expect(h.calls()[routes.create]).toBeUndefined();
    expect(h.calls()[routes.patch]).toBeUndefined();
  });
});
