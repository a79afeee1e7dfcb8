import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logRecords, startSyncHarness, type SyncHarness } from './sync-harness.js';

/**
 * Crash recovery has one entry point: the start of every poll (the daemon's first poll runs it in
 * the scheduler's lane). A create a crash left open is settled there; when Zoom cannot be asked,
 * the poll goes on and the next one settles it.
 */
describe('sync engine: the open creates a crash left, at the start of a poll', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a failed recovery does not stop the poll; the next poll settles the intent', async () => {
    const host = h.rooms[0]!.zoomHost;
    const intent = h.app.store.intents.open({
      eventId: 'crashed-before-the-answer',
      zoomHost: host,
    });
    h.advance(h.config.zoom.requestTimeoutMs + 2000);
    const listMeetings = { path: `/v2/users/${host}/meetings`, method: 'GET' };
    await h.zoomFault({ ...listMeetings, kind: 'status', status: 500, count: 100 });

    const first = await h.app.engine.poll();
    expect(first).toMatchObject({ rooms: h.rooms.length, roomsFailed: 0 });
    expect(h.app.store.intents.get(intent.marker)?.state).toBe('open');
    expect(logRecords).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'recovering unfinished creates failed; each booking retries its own',
      }),
    );

    await h.zoomControl('DELETE', '/faults');
    const listed = h.callsFor('host', host)['GET /v2/users/:userId/meetings'] ?? 0;
    await h.app.engine.poll();
    // No meeting carries the marker: nothing was made, so the intent is abandoned.
    expect(h.app.store.intents.get(intent.marker)?.state).toBe('abandoned');
    expect(h.callsFor('host', host)['GET /v2/users/:userId/meetings']).toBe(listed + 1);
  });
});
