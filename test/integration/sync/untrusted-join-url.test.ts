import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/**
 * A join link that is not an https link on Zoom's hosts never reaches a calendar: the booking
 * fails with ZOOM_JOIN_URL_UNTRUSTED and Google is not written. Zoom did make the meeting, so the
 * engine keeps its create open rather than making another one on every retry; once the operator
 * trusts the host (an on-premise installation), that one meeting is adopted and linked.
 */
describe('sync engine: a join link zoomlink does not trust', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-join-url-'));

  beforeAll(async () => {
    h = await startSyncHarness({ database: { path: join(dir, 'zoomlink.db') } });
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await h.zoomControl('POST', '/join-url', { template: null });
    await h.settle();
  });

  const meetingsTitled = async (topic: string) =>
    (await h.meetings()).filter((m) => m.topic === topic);

  it('fails the booking with ZOOM_JOIN_URL_UNTRUSTED and writes nothing to Google', async () => {
    await h.zoomControl('POST', '/join-url', {
      template: 'http://attacker.example/j/{id}?pwd={pwd}',
    });
    const { id } = await h.book(alice, [board], { summary: 'Hostile link', ...berlin(1, 10) });

    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ failed: 1, meetingsCreated: 0, linksWritten: 0 });
    const link = h.app.store.links.get(id);
    expect(link).toMatchObject({ state: 'failed', joinUrl: null, zoomMeetingId: null });
    expect(link?.lastError).toMatch(/^ZOOM_JOIN_URL_UNTRUSTED: /);
    // Not one write to Google: the copies are as the organizer left them.
    expect(h.calls()[routes.patch]).toBeUndefined();
    for (const calendar of [alice, board]) {
      const copy = await h.copy(calendar, id);
      expect(copy?.description ?? '').not.toMatch(/attacker|zoom/i);
      expect(copy?.location ?? '').toBe('');
      expect(copy?.extendedProperties?.private?.zoomlinkMeetingId).toBeUndefined();
    }
    expect(await meetingsTitled('Hostile link')).toHaveLength(1);

    // Tried again later: the open create is settled by finding its meeting in the host's list
    // and reading it (the same link, refused the same way), never by creating another one.
    h.resetCalls();
    h.advance(10 * 60_000);
    const again = await h.app.engine.poll();
    expect(again).toMatchObject({ failed: 1, meetingsCreated: 0, linksWritten: 0 });
    expect(h.app.store.links.get(id)?.lastError).toMatch(/^ZOOM_JOIN_URL_UNTRUSTED: /);
    expect(h.calls()[routes.create]).toBeUndefined();
    expect(h.calls()[routes.patch]).toBeUndefined();
    expect(await meetingsTitled('Hostile link')).toHaveLength(1);
  });

  it('links the one meeting once the operator trusts the host in zoom.trustedJoinHosts', async () => {
    await h.zoomControl('POST', '/join-url', {
      template: 'https://zoom.example.org/j/{id}?pwd={pwd}',
    });
    const { id } = await h.book(alice, [board], { summary: 'On premise', ...berlin(2, 10) });
    await h.app.engine.poll();
    expect(h.app.store.links.get(id)?.lastError).toMatch(/^ZOOM_JOIN_URL_UNTRUSTED: /);

    h.advance(10 * 60_000);
    const trusting = h.restart({ zoom: { trustedJoinHosts: ['zoom.example.org'] } });
    try {
      // (The booking of the test before, on attacker.example, still fails on this poll.)
      const summary = await trusting.engine.poll();
      expect(summary).toMatchObject({ meetingsCreated: 0, linksWritten: 1 });
      const [meeting, ...more] = await meetingsTitled('On premise');
      expect(more).toEqual([]);
      expect(meeting!.join_url).toMatch(/^https:\/\/zoom\.example\.org\/j\//);
      expect(trusting.store.links.get(id)).toMatchObject({
        state: 'linked',
        zoomMeetingId: meeting!.id,
        joinUrl: meeting!.join_url,
      });
      expect((await h.copy(alice, id))?.location).toBe(meeting!.join_url);
    } finally {
      trusting.close();
    }
  });
});
