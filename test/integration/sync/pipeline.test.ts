import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { logRecords, startSyncHarness, type SyncHarness } from './sync-harness.js';
import { syncRoutes as routes } from '../../support/routes.js';
import { berlin } from '../../support/time.js';

/**
 * The booking pipeline (issue 14) over real HTTP: polls read and queue, workers apply the queued
 * bookings soonest meeting first. The emulators' latency switches make the order observable (a
 * worker busy with one create while the rest is read); the tests assert orders of calls and
 * counts, never times.
 */
describe('sync pipeline', () => {
  let h: SyncHarness;
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-pipeline-'));
  let dbs = 0;

  /** A harness of its own per test, on a database file (a restart must find the queue). */
  async function start(overrides: Record<string, unknown> = {}) {
    dbs += 1;
    h = await startSyncHarness({
      database: { path: join(dir, `pipeline-${dbs}.db`) },
      ...overrides,
    });
    return h;
  }
  afterEach(async () => {
    await h?.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Topics of the Zoom meetings, in the order Zoom made them. */
  const createdTopics = async () => (await h.meetings()).map((m) => m.topic);

  it('works a master before its exceptions, even when an exception is read on an earlier page', async () => {
    await start({ google: { pageSize: 1 } });
    const [board] = h.rooms.map((r) => r.calendarId) as [string];
    const alice = h.people[0]!;
    await h.app.engine.poll();
    const { id } = await h.book(alice, [board], {
      summary: 'Weekly',
      ...berlin(1, 9),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    // The second instance moves to 15:00; then the series changes, so that its copy is read
    // after the instance's (one event a page, in the order of the changes).
    await h.patchEvent(alice, alice, `${id}_20300312T080000Z`, berlin(8, 15));
    await h.patchEvent(alice, alice, id, { description: 'Agenda: the numbers.' });
    h.resetCalls();
    const summary = await h.app.engine.poll();

    expect(summary).toMatchObject({ meetingsCreated: 1, occurrencesChanged: 1, failed: 0 });
    const zoomCalls = h.emulators.zoom.server.calls
      .summary()
      .log.filter((c) => c.route !== routes.zoomToken)
      .map((c) => c.route);
    expect(zoomCalls).toEqual([routes.create, routes.update]);
    const [meeting] = await h.meetings();
    const moved = meeting!.occurrences?.find(
      (o) => o.occurrence_id === String(Date.parse('2030-03-12T08:00:00Z')),
    );
    expect(moved?.start_time).toBe('2030-03-12T14:00:00Z');
    expect(logRecords.some((r) => String(r.message).includes('does not hold'))).toBe(false);
  });

  it('links a booking starting soon before a backlog of bookings next month', async () => {
    await start({ sync: { concurrency: 1 } });
    const [board, huddle, training] = h.rooms.map((r) => r.calendarId) as [string, string, string];
    const alice = h.people[0]!;
    for (const [i, room] of [board, huddle, training].entries())
      for (let b = 0; b < 4; b += 1)
        await h.book(alice, [room], { summary: `Next month ${i}.${b}`, ...berlin(28 + b, 9 + i) });
    await h.book(alice, [huddle], { summary: 'In an hour', ...berlin(0, 10) });
    // One worker, each create a while: the first booking it takes (the first room's) is busy
    // while the other rooms are read; the next one it takes is the soonest of all.
    await h.zoomControl('POST', '/switches', { latencyMs: 400 });
    await h.app.engine.poll();

    const topics = await createdTopics();
    expect(topics).toHaveLength(13);
    expect(topics.indexOf('In an hour')).toBeLessThanOrEqual(1);
  });

  it('a newer version of a queued booking replaces the older: one meeting, with the newer title', async () => {
    await start({ sync: { concurrency: 1 } });
    const [board, huddle] = h.rooms.map((r) => r.calendarId) as [string, string];
    const alice = h.people[0]!;
    await h.book(alice, [board], { summary: 'First taken', ...berlin(0, 12) });
    const later = await h.book(alice, [huddle], { summary: 'Old title', ...berlin(5, 12) });
    // The one worker is busy with the first booking's create (2 s), while the second booking
    // waits in the queue, is renamed, and is read again.
    await h.zoomControl('POST', '/switches', { latencyMs: 2000 });
    await h.app.engine.poll({ background: true });
    await h.patchEvent(alice, alice, later.id, { summary: 'New title' });
    await h.app.engine.poll({ background: true });
    await h.app.engine.poll();

    expect(h.calls()[routes.create]).toBe(2);
    expect(h.calls()[routes.update]).toBeUndefined();
    expect((await createdTopics()).sort()).toEqual(['First taken', 'New title']);
    expect(h.app.store.links.get(later.id)).toMatchObject({ state: 'linked' });
  });

  it('a shutdown leaves the bookings not begun queued; the next start works them, none twice', async () => {
    await start({ sync: { concurrency: 1 } });
    const [board, huddle, training] = h.rooms.map((r) => r.calendarId) as [string, string, string];
    const alice = h.people[0]!;
    const ids: string[] = [];
    for (const [i, room] of [board, huddle, training, board, huddle, training].entries())
      ids.push((await h.book(alice, [room], { summary: `Booking ${i}`, ...berlin(1 + i, 10) })).id);
    await h.zoomControl('POST', '/switches', { latencyMs: 300 });

    // Stop (as Ctrl-C does) once the first create has reached Zoom: that booking is finished,
    // nothing else is begun.
    const stop = new AbortController();
    const pass = h.app.engine.poll({ signal: stop.signal });
    while (h.emulators.zoom.server.calls.count(routes.create) === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    stop.abort();
    const summary = await pass;
    expect(summary.meetingsCreated).toBe(1);
    expect(h.app.engine.queueStatus()).toMatchObject({ queued: 5, inFlight: 0 });
    expect(ids.filter((id) => h.app.store.links.get(id)?.state === 'linked')).toHaveLength(1);
    h.app.close();

    const restarted = h.restart({ sync: { concurrency: 4 } });
    try {
      h.resetCalls();
      const after = await restarted.engine.poll();
      expect(after.meetingsCreated).toBe(5);
      expect(h.calls()[routes.create]).toBe(5);
      expect(restarted.engine.queueStatus()).toMatchObject({ queued: 0, inFlight: 0 });
      for (const id of ids) expect(restarted.store.links.get(id)?.state).toBe('linked');
      expect((await createdTopics()).sort()).toEqual(ids.map((_, i) => `Booking ${i}`));
    } finally {
      restarted.close();
    }
  });
});

describe('sync pipeline: rate limiters slow down on 429 and 403', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    // zoomlink believes in a Business plan and Google's default quotas; the emulators are far
    // stricter, as when another app shares the account's limits.
    // Zoom's Retry-After (1 s) is waited for.
    h = await startSyncHarness({
      zoom: { plan: 'business', retryMaxMs: 2000 },
      sync: { concurrency: 8 },
    });
  });
  afterAll(async () => h.close());

  const limiter = (name: string) => h.app.limiters().find((l) => l.name === name)!;

  it('a Zoom 429 slows that label’s limiter and every booking still gets one meeting', async () => {
    await h.zoomControl('POST', '/switches', { perSecondLimits: true, accountPlan: 'free' });
    const [board, huddle, training] = h.rooms.map((r) => r.calendarId) as [string, string, string];
    const alice = h.people[0]!;
    const ids: string[] = [];
    for (const [i, room] of [board, huddle, training, board, huddle, training].entries())
      ids.push((await h.book(alice, [room], { summary: `Zoom ${i}`, ...berlin(1 + i, 8) })).id);
    await h.app.engine.poll();

    const refused = h.emulators.zoom.server.calls
      .summary()
      .log.filter((c) => c.route === routes.create && c.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    const medium = limiter('zoom.Medium');
    expect(medium.slowDowns).toBeGreaterThan(0);
    expect(medium.currentRatePerSecond).toBeLessThan(medium.ratePerSecond);
    expect(limiter('zoom.Light').slowDowns).toBe(0);
    expect(h.calls()[routes.create]! - refused.length).toBe(6);
    for (const id of ids) expect(h.app.store.links.get(id)?.state).toBe('linked');
    await h.zoomControl('POST', '/switches', { perSecondLimits: false });
  });

  it('a Google 403 userRateLimitExceeded slows that user’s limiter, a 429 the project’s', async () => {
    const [board] = h.rooms.map((r) => r.calendarId) as [string];
    const [alice, bob] = h.people as [string, string];
    await h.googleControl('POST', '/switches', { userRateLimitPerMinute: 10 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1)
      ids.push((await h.book(alice, [board], { summary: `Alice ${i}`, ...berlin(2 + i, 12) })).id);
    h.resetCalls();
    await h.app.engine.poll();

    const google = h.emulators.google.server.calls.summary().log;
    expect(google.filter((c) => c.status === 403).length).toBeGreaterThan(0);
    const users = h.app.google.userRateLimits();
    const user = (email: string) => users.find((u) => u.name === `google.user:${email}`);
    expect(user(alice)!.slowDowns).toBeGreaterThan(0);
    expect(user(h.app.config.google.adminSubject)?.slowDowns ?? 0).toBe(0);
    expect(limiter('google.project').slowDowns).toBe(0);

    // A minute later the quota is back: every booking gets its one meeting.
    await h.googleControl('POST', '/switches', {
      userRateLimitPerMinute: 0,
      projectRateLimitPerMinute: 10,
    });
    h.advance(2 * 3600_000);
    for (let i = 0; i < 3; i += 1)
      await h.book(bob, [board], { summary: `Bob ${i}`, ...berlin(3 + i, 16) });
    await h.app.engine.poll();
    expect(limiter('google.project').slowDowns).toBeGreaterThan(0);
    await h.googleControl('POST', '/switches', { projectRateLimitPerMinute: 0 });
    h.advance(2 * 3600_000);
    await h.app.engine.poll();
    for (const id of ids) expect(h.app.store.links.get(id)?.state).toBe('linked');
    const topics = (await h.meetings()).map((m) => m.topic);
    for (const title of [...ids.map((_, i) => `Alice ${i}`), 'Bob 0', 'Bob 1', 'Bob 2'])
      expect(topics.filter((t) => t === title)).toHaveLength(1);
  });
});
