import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rooms, startGoogleHarness, type GoogleHarness } from './google-harness.js';
import { googleRoutes as routes } from '../../support/routes.js';

describe('Google adapter: rooms', () => {
  let google: GoogleHarness;
  beforeAll(async () => {
    google = await startGoogleHarness();
  });
  afterAll(async () => google.close());
  beforeEach(async () => google.resetCalls());

  it('discovers rooms in the Directory and maps each to its Zoom host; a room without one is skipped', async () => {
    const { adapter } = google.adapter({
      rooms: {
        source: 'directory',
        directoryQuery: '',
        hosts: { [rooms.board]: 'zoom-board@example.com' },
        hostTemplate: 'zoom-{resourceId}@example.com',
      },
    });
    const listing = await adapter.discoverRooms();
    expect(listing.source).toBe('directory');
    expect(listing.rooms).toContainEqual({
      calendarId: rooms.board,
      name: expect.stringContaining('Boardroom'),
      zoomHost: 'zoom-board@example.com',
    });
    expect(listing.rooms).toContainEqual({
      calendarId: rooms.focus,
      name: expect.stringContaining('Focus'),
      zoomHost: 'zoom-18854019352@example.com',
    });
    expect(await google.byRoute()).toEqual({ [routes.token]: 1, [routes.directory]: 1 });

    const strict = google.adapter({
      rooms: {
        source: 'directory',
        directoryQuery: '',
        hosts: { Boardroom: 'zoom-board@example.com' },
      },
    }).adapter;
    const partial = await strict.discoverRooms();
    expect(partial.rooms.map((r) => r.calendarId)).toEqual([rooms.board]);
    expect(partial.skipped.map((s) => s.resourceEmail).sort()).toEqual(
      [rooms.legacy, rooms.focus].sort(),
    );
    expect(partial.skipped[0]!.reason).toContain('no Zoom host');
    expect(await strict.listRooms()).toEqual(partial.rooms);
  });

  it('filters with rooms.directoryQuery', async () => {
    const { adapter } = google.adapter({
      rooms: { source: 'directory', defaultHost: 'zoom@example.com' }, // default query: CONFERENCE_ROOM
    });
    const found = (await adapter.listRooms()).map((r) => r.calendarId).sort();
    expect(found).toEqual([rooms.board, rooms.focus].sort());
  });

  it('reads every page of a large Directory (500 per page)', async () => {
    for (let i = 0; i < 520; i += 1) {
      google.emulator.addRoom({
        calendarId: `c_bulk${String(i).padStart(4, '0')}@resource.calendar.google.com`,
        resourceName: `Bulk ${i}`,
        buildingId: 'BULK',
      });
    }
    const { adapter } = google.adapter({
      rooms: {
        source: 'directory',
        directoryQuery: 'buildingId=BULK',
        defaultHost: 'zoom@example.com',
      },
    });
    const found = await adapter.listRooms();
    expect(found).toHaveLength(520);
    expect(new Set(found.map((r) => r.calendarId)).size).toBe(520);
    expect((await google.byRoute())[routes.directory]).toBe(2);
  });

  it('rooms from the config cost no call and need no credentials', async () => {
    const { adapter } = google.adapter({
      google: { serviceAccountKeyFile: '', adminSubject: '' },
      rooms: {
        list: [{ calendarId: rooms.board, zoomHost: 'zoom-board@example.com', name: 'Board' }],
      },
    });
    expect(await adapter.listRooms()).toEqual([
      { calendarId: rooms.board, name: 'Board', zoomHost: 'zoom-board@example.com' },
    ]);
    expect(await google.byRoute()).toEqual({});
  });
});
