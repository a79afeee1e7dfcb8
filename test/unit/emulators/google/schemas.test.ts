import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import { methodScopes } from '../../../../src/emulators/google/scopes.js';
import { discoveryValidators, loadDiscovery } from './discovery-schema.js';
import {
  admin,
  alice,
  apiAs,
  control,
  listAll,
  room,
  startOrgEmulator,
  timed,
  type Api,
  type Json,
} from './google-harness.js';

/** Holds every answer of the emulator to the discovery documents' schemas (specs/). */
describe('Google emulator: answers match the discovery documents', () => {
  let google: GoogleEmulator;
  let api: Api;
  let asAdmin: Api;
  const calendar = discoveryValidators('calendar-v3-discovery.json', ['calendar.events.insert']);
  const directory = discoveryValidators('admin-directory-v1-discovery.json', [
    'directory.resources.calendars.insert',
  ]);
  const looseEvent = discoveryValidators('calendar-v3-discovery.json', [])('Event');

  const check = (validate: ValidateFunction, value: unknown, what: string) => {
    const ok = validate(value);
    expect(
      ok
        ? []
        : validate.errors!.map(
            (e) => `${what}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
          ),
    ).toEqual([]);
  };

  let master: Json;
  beforeAll(async () => {
    google = await startOrgEmulator();
    api = await apiAs(google, alice);
    asAdmin = await apiAs(google, admin);
    await control(google, 'POST', '/switches', { addOnConference: 'accept' });
    const insert = (body: Record<string, unknown>, query: Record<string, string> = {}) =>
      api.call('POST', api.events('primary'), { body, query }).then((r) => r.body);
    master = await insert(
      timed('Weekly', '2030-03-18T10:00:00', '2030-03-18T11:00:00', {
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
        attendees: [{ email: room }, { email: 'guest@elsewhere.example' }],
        extendedProperties: { private: { a: '1' }, shared: { b: '2' } },
        reminders: { useDefault: false, overrides: [{ method: 'popup', minutes: 10 }] },
        conferenceData: {
          conferenceSolution: {
            key: { type: 'addOn' },
            name: 'Zoom Meeting',
            iconUri: 'https://zoom.example/icon.png',
          },
          conferenceId: '83815239874',
          entryPoints: [
            {
              entryPointType: 'video',
              uri: 'https://zoom.example/j/83815239874',
              meetingCode: '83815239874',
              passcode: '1',
            },
          ],
          parameters: { addOnParameters: { parameters: { realMeetingId: '83815239874' } } },
        },
      }),
      { conferenceDataVersion: '1' },
    );
    await insert({
      summary: 'All day',
      start: { date: '2030-03-20' },
      end: { date: '2030-03-21' },
    });
    await insert(
      timed('Meet', '2030-03-21T10:00:00', '2030-03-21T11:00:00', {
        conferenceData: {
          createRequest: { requestId: 'x', conferenceSolutionKey: { type: 'hangoutsMeet' } },
        },
      }),
      { conferenceDataVersion: '1' },
    );
    const single = await insert(timed('Gone', '2030-03-22T10:00:00', '2030-03-22T11:00:00'));
    await api.call('PATCH', api.event('primary', `${master.id}_20300325T090000Z`), {
      body: { summary: 'Moved' },
    });
    await api.call('DELETE', api.event('primary', `${master.id}_20300401T080000Z`));
    await api.call('DELETE', api.event('primary', String(single.id)));
  });
  afterAll(async () => google.close());

  it('events.insert and events.get return Event', async () => {
    check(calendar('Event'), master, 'insert');
    check(
      calendar('Event'),
      (await api.call('GET', api.event('primary', String(master.id)))).body,
      'get',
    );
    check(
      calendar('Event'),
      (await api.call('GET', api.event('primary', `${master.id}_20300318T090000Z`))).body,
      'get instance',
    );
  });

  it('events.list (full, singleEvents, showDeleted, incremental) returns Events', async () => {
    const variants: Record<string, string>[] = [
      {},
      { singleEvents: 'true' },
      { showDeleted: 'true' },
      { maxResults: '2' },
    ];
    for (const query of variants) {
      for (const page of (await listAll(api, 'primary', query)).pages) {
        // Deletions carry only kind, etag, id, status (+ instance fields): hold them to Event without required fields.
        const full = {
          ...page,
          items: (page.items ?? []).filter((e) => e.status !== 'cancelled' || query.showDeleted),
        };
        check(calendar('Events'), full, `list ${JSON.stringify(query)}`);
        for (const item of page.items ?? []) check(looseEvent, item, 'item');
      }
    }
    const token = String((await listAll(api, 'primary')).pages.at(-1)!.nextSyncToken);
    await api.call('DELETE', api.event('primary', `${master.id}_20300408T080000Z`));
    const changes = await api.call('GET', api.events('primary'), { query: { syncToken: token } });
    check(
      discoveryValidators('calendar-v3-discovery.json', [])('Events'),
      changes.body,
      'incremental',
    );
    const roomList = await listAll(asAdmin, room);
    for (const page of roomList.pages) {
      check(
        calendar('Events'),
        { ...page, items: (page.items ?? []).filter((e) => e.status !== 'cancelled') },
        'room list',
      );
      // The room copy of the cancelled instance: id, recurringEventId, originalStartTime only.
      expect(
        (page.items ?? [])
          .filter((e) => e.status === 'cancelled')
          .map((e) => Object.keys(e).sort()),
      ).toEqual([
        ['etag', 'id', 'kind', 'originalStartTime', 'recurringEventId', 'status'],
        ['etag', 'id', 'kind', 'originalStartTime', 'recurringEventId', 'status'],
      ]);
    }
  });

  it('events.instances returns Events', async () => {
    const { body } = await api.call('GET', `${api.event('primary', String(master.id))}/instances`, {
      query: { maxResults: '2' },
    });
    check(calendar('Events'), body, 'instances');
  });

  it('Directory resources.calendars list and get return CalendarResources and CalendarResource', async () => {
    const list = await asAdmin.call(
      'GET',
      `admin/directory/v1/customer/my_customer/resources/calendars`,
      {
        query: { maxResults: '1', orderBy: 'resourceName desc' },
      },
    );
    check(directory('CalendarResources'), list.body, 'rooms');
    expect(list.body.nextPageToken).toEqual(expect.any(String));
    const one = (list.body.items as Json[])[0]!;
    expect(one.resourceName).toBe('Huddle');
    const get = await asAdmin.call(
      'GET',
      `admin/directory/v1/customer/my_customer/resources/calendars/${String(one.resourceId)}`,
    );
    check(directory('CalendarResource'), get.body, 'room');
    const filtered = await asAdmin.call(
      'GET',
      `admin/directory/v1/customer/${google.customer}/resources/calendars`,
      {
        query: { query: 'resourceCategory=CONFERENCE_ROOM AND capacity=12' },
      },
    );
    expect((filtered.body.items as Json[]).map((r) => r.resourceEmail)).toEqual([room]);
    const notAdmin = await api.call(
      'GET',
      `admin/directory/v1/customer/my_customer/resources/calendars`,
    );
    expect(notAdmin.status).toBe(403);
  });

  it('the strict schemas can fail: an unknown field or a bad format is caught', () => {
    expect(calendar('Event')({ ...master, madeUp: true })).toBe(false);
    expect(calendar('Event')({ ...master, updated: '2030-03-18 10:00' })).toBe(false);
    expect(calendar('Event')({ ...master, status: 'maybe' })).toBe(false);
  });

  it('accepts for each method exactly the scopes its discovery document lists', () => {
    const cal = loadDiscovery('calendar-v3-discovery.json') as unknown as {
      resources: Record<string, { methods: Record<string, { scopes: string[] }> }>;
    };
    const dir = loadDiscovery('admin-directory-v1-discovery.json') as unknown as {
      resources: {
        resources: { resources: { calendars: { methods: Record<string, { scopes: string[] }> } } };
      };
    };
    for (const [name, scopes] of Object.entries(methodScopes)) {
      const [api0, resource, resourceOrMethod, maybeMethod] = name.split('.');
      const listed =
        api0 === 'calendar'
          ? cal.resources[resource!]!.methods[resourceOrMethod!]!.scopes
          : dir.resources.resources.resources.calendars.methods[maybeMethod!]!.scopes;
      expect([name, [...scopes].sort()]).toEqual([name, [...listed].sort()]);
    }
  });
});
