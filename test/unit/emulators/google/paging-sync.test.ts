import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import {
  alice,
  apiAs,
  control,
  listAll,
  startOrgEmulator,
  timed,
  type Api,
  type Json,
} from './google-harness.js';
import { NOW } from '../../../support/time.js';

// The exact 410 of the errors guide (developers.google.com/workspace/calendar/api/guides/errors).
const fullSyncRequired = {
  error: {
    errors: [
      {
        domain: 'calendar',
        reason: 'fullSyncRequired',
        message: 'Sync token is no longer valid, a full sync is required.',
        locationType: 'parameter',
        location: 'syncToken',
      },
    ],
    code: 410,
    message: 'Sync token is no longer valid, a full sync is required.',
  },
};

describe('Google emulator: paging and sync tokens', () => {
  let google: GoogleEmulator;
  let api: Api;
  beforeAll(async () => {
    google = await startOrgEmulator();
    api = await apiAs(google, alice);
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    await control(google, 'POST', '/reset');
    await control(google, 'POST', '/clock', { set: NOW });
  });

  const insertMany = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const hour = String(8 + (Math.floor(i / 28) % 10)).padStart(2, '0');
      const body = timed(
        `Event ${i}`,
        `2030-04-${day}T${hour}:00:00`,
        `2030-04-${day}T${hour}:30:00`,
      );
      const created = await google.insertEventAs(alice, alice, body);
      ids.push(String((created as { id: string }).id));
    }
    return ids;
  };

  it('pages by 250 by default: nextPageToken on every page but the last, nextSyncToken only on the last', async () => {
    const ids = await insertMany(260);
    const { items, pages } = await listAll(api, alice);
    expect(pages.map((p) => (p.items ?? []).length)).toEqual([250, 10]);
    expect(pages.map((p) => [typeof p.nextPageToken, typeof p.nextSyncToken])).toEqual([
      ['string', 'undefined'],
      ['undefined', 'string'],
    ]);
    expect(items.map((e) => e.id)).toEqual(ids);
    expect(pages[0]).toMatchObject({
      kind: 'calendar#events',
      accessRole: 'owner',
      timeZone: 'Europe/Berlin',
    });
  });

  it('honours maxResults and caps it at 2500; refuses 0', async () => {
    await insertMany(7);
    const { pages } = await listAll(api, alice, { maxResults: '3' });
    expect(pages.map((p) => (p.items ?? []).length)).toEqual([3, 3, 1]);
    const capped = await api.call('GET', api.events(alice), { query: { maxResults: '99999' } });
    expect(capped.status).toBe(200);
    expect((await api.call('GET', api.events(alice), { query: { maxResults: '0' } })).status).toBe(
      400,
    );
  });

  it('returns only what changed since the sync token, deletions as {kind, etag, id, status}', async () => {
    const [first, second, third] = await insertMany(3);
    const full = await listAll(api, alice);
    const token = String(full.pages.at(-1)!.nextSyncToken);

    const nothing = await api.call('GET', api.events(alice), { query: { syncToken: token } });
    expect(nothing.body.items).toEqual([]);
    expect(nothing.body.nextSyncToken).toEqual(expect.any(String));

    await api.call('PATCH', api.event(alice, first!), { body: { summary: 'Renamed' } });
    expect((await api.call('DELETE', api.event(alice, second!))).status).toBe(204);
    const changed = await listAll(api, alice, { syncToken: token });
    expect(changed.items.map((e) => [e.id, e.status, e.summary])).toEqual([
      [first, 'confirmed', 'Renamed'],
      [second, 'cancelled', undefined],
    ]);
    expect(Object.keys(changed.items[1]!).sort()).toEqual(['etag', 'id', 'kind', 'status']);

    const next = String(changed.pages.at(-1)!.nextSyncToken);
    const after = await api.call('GET', api.events(alice), { query: { syncToken: next } });
    expect(after.body.items).toEqual([]);
    // A full listing without showDeleted leaves the deleted event out; events.get still has it.
    expect((await listAll(api, alice)).items.map((e) => e.id)).toEqual([first, third]);
    expect((await api.call('GET', api.event(alice, second!))).body.status).toBe('cancelled');
    expect((await api.call('DELETE', api.event(alice, second!))).status).toBe(410);
  });

  it('pages incremental results too, with the sync token on the last page only', async () => {
    await insertMany(1);
    const token = String((await listAll(api, alice)).pages.at(-1)!.nextSyncToken);
    await insertMany(5);
    const { items, pages } = await listAll(api, alice, { syncToken: token, maxResults: '2' });
    expect(items).toHaveLength(5);
    expect(pages.map((p) => Boolean(p.nextSyncToken))).toEqual([false, false, true]);
  });

  it('does not miss an event created while a full listing is being paged', async () => {
    await insertMany(4);
    const firstPage = await api.call('GET', api.events(alice), { query: { maxResults: '2' } });
    const [late] = (await insertMany(1)) as [string];
    const rest = await api.call('GET', api.events(alice), {
      query: { maxResults: '2', pageToken: String(firstPage.body.nextPageToken) },
    });
    const token = String(rest.body.nextSyncToken);
    const changes = await api.call('GET', api.events(alice), { query: { syncToken: token } });
    expect((changes.body.items ?? []).map((e: Json) => e.id)).toContain(late);
  });

  it('answers 410 fullSyncRequired (exact body) for an invalidated, unknown or foreign token', async () => {
    await insertMany(1);
    const token = String((await listAll(api, alice)).pages.at(-1)!.nextSyncToken);
    const bobs = await apiAs(google, 'bob@example.com');
    const foreign = await bobs.call('GET', bobs.events('primary'), { query: { syncToken: token } });
    expect(foreign).toMatchObject({ status: 410, body: fullSyncRequired });
    const garbage = await api.call('GET', api.events(alice), {
      query: { syncToken: 'CPDAlvWDx70CEPDAlvWDx70CGAU=' },
    });
    expect(garbage.status).toBe(410);
    expect(garbage.body).toEqual(fullSyncRequired);

    expect(
      (await control(google, 'POST', '/sync-tokens/invalidate', { calendarId: alice })).body,
    ).toEqual({ invalidated: 1 });
    const stale = await api.call('GET', api.events(alice), { query: { syncToken: token } });
    expect(stale.status).toBe(410);
    expect(stale.body).toEqual(fullSyncRequired);
  });

  it('expires sync tokens by age when the switch sets a lifetime', async () => {
    await insertMany(1);
    const token = String((await listAll(api, alice)).pages.at(-1)!.nextSyncToken);
    await control(google, 'POST', '/switches', { syncTokenTtlHours: 1 });
    expect((await api.call('GET', api.events(alice), { query: { syncToken: token } })).status).toBe(
      200,
    );
    await control(google, 'POST', '/clock', { advanceMs: 2 * 3600_000 });
    const fresh = await apiAs(google, alice);
    expect(
      (await fresh.call('GET', fresh.events(alice), { query: { syncToken: token } })).status,
    ).toBe(410);
  });

  it('refuses parameters not allowed with syncToken (400), and showDeleted=false with it', async () => {
    await insertMany(1);
    const token = String((await listAll(api, alice)).pages.at(-1)!.nextSyncToken);
    for (const [name, value] of [
      ['timeMin', '2030-01-01T00:00:00Z'],
      ['timeMax', '2031-01-01T00:00:00Z'],
      ['q', 'x'],
      ['orderBy', 'updated'],
      ['iCalUID', 'x@google.com'],
      ['updatedMin', '2030-01-01T00:00:00Z'],
      ['privateExtendedProperty', 'a=b'],
      ['sharedExtendedProperty', 'a=b'],
      ['showDeleted', 'false'],
    ]) {
      const answer = await api.call('GET', api.events(alice), {
        query: { syncToken: token, [name!]: value! },
      });
      expect([name, answer.status, answer.body.error?.errors[0]?.location]).toEqual([
        name,
        400,
        name,
      ]);
    }
  });

  it('filters a full listing by time window, text and extended properties; checks the window', async () => {
    await google.insertEventAs(
      alice,
      alice,
      timed('Early', '2030-04-01T08:00:00', '2030-04-01T09:00:00'),
    );
    await google.insertEventAs(
      alice,
      alice,
      timed('Late planning', '2030-04-02T08:00:00', '2030-04-02T09:00:00', {
        extendedProperties: { private: { zoomMeetingId: '123' } },
      }),
    );
    // Early is 06:00–07:00 UTC (Berlin is UTC+2 in April).
    const window = await listAll(api, alice, {
      timeMin: '2030-04-01T06:30:00Z',
      timeMax: '2030-04-02T00:00:00Z',
    });
    expect(window.items.map((e) => e.summary)).toEqual(['Early']);
    // timeMin bounds the end, exclusively: an event ending exactly at timeMin is out.
    const ended = await listAll(api, alice, { timeMin: '2030-04-01T07:00:00Z' });
    expect(ended.items.map((e) => e.summary)).toEqual(['Late planning']);
    expect((await listAll(api, alice, { q: 'planning' })).items).toHaveLength(1);
    expect(
      (await listAll(api, alice, { privateExtendedProperty: 'zoomMeetingId=123' })).items.map(
        (e) => e.summary,
      ),
    ).toEqual(['Late planning']);
    const empty = await api.call('GET', api.events(alice), {
      query: { timeMin: '2030-04-02T00:00:00Z', timeMax: '2030-04-01T00:00:00Z' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.errors[0]).toMatchObject({
      domain: 'calendar',
      reason: 'timeRangeEmpty',
    });
    const ordering = await api.call('GET', api.events(alice), { query: { orderBy: 'startTime' } });
    expect(ordering.body.error?.message).toBe(
      'The requested ordering is not available for the particular query.',
    );
  });

  it('pages a 10,000-event calendar in linear time (each page is a slice of one listing)', async () => {
    const emulator = google;
    const many = 10_000;
    for (let i = 0; i < many; i += 1) {
      const start = new Date(Date.UTC(2031, 0, 1) + i * 3600_000).toISOString();
      const end = new Date(Date.UTC(2031, 0, 1) + i * 3600_000 + 1800_000).toISOString();
      await emulator.insertEventAs(alice, alice, {
        summary: `B${i}`,
        start: { dateTime: start },
        end: { dateTime: end },
      });
    }
    const { items, pages } = await listAll(api, alice, { maxResults: '2500' });
    expect(items).toHaveLength(many);
    expect(pages).toHaveLength(4);
  });
});
