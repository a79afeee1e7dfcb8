import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import {
  admin,
  alice,
  apiAs,
  bob,
  control,
  listAll,
  outsider,
  room,
  room2,
  startOrgEmulator,
  timed,
  type Api,
  type Json,
} from './google-harness.js';
import { NOW } from '../../../support/time.js';

// The errors guide's 412 (developers.google.com/workspace/calendar/api/guides/errors).
const conditionNotMet = {
  error: {
    errors: [
      {
        domain: 'global',
        reason: 'conditionNotMet',
        message: 'Precondition Failed',
        locationType: 'header',
        location: 'If-Match',
      },
    ],
    code: 412,
    message: 'Precondition Failed',
  },
};

describe('Google emulator: etags, If-Match and copies per calendar', () => {
  let google: GoogleEmulator;
  let asAlice: Api;
  let asAdmin: Api;
  let asBob: Api;
  beforeAll(async () => {
    google = await startOrgEmulator();
    [asAlice, asAdmin, asBob] = await Promise.all([
      apiAs(google, alice),
      apiAs(google, admin),
      apiAs(google, bob),
    ]);
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    await control(google, 'POST', '/reset');
    await control(google, 'POST', '/clock', { set: NOW });
  });

  const book = async (
    summary: string,
    start: string,
    end: string,
    extra: Record<string, unknown> = {},
  ) => {
    const { status, body } = await asAlice.call('POST', asAlice.events('primary'), {
      body: timed(summary, start, end, { attendees: [{ email: room }, { email: bob }], ...extra }),
    });
    expect(status).toBe(200);
    return body;
  };
  const roomCopy = async (id: string) => (await asAdmin.call('GET', asAdmin.event(room, id))).body;

  it('changes the etag on every write and answers a stale If-Match with 412 (exact body)', async () => {
    const created = await book('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00');
    const id = String(created.id);
    const first = await asAlice.call('PATCH', asAlice.event('primary', id), {
      body: { description: 'v1' },
      headers: { 'If-Match': String(created.etag) },
    });
    expect(first.status).toBe(200);
    expect(first.body.etag).not.toBe(created.etag);
    const second = await asAlice.call('PATCH', asAlice.event('primary', id), {
      body: { description: 'v2' },
    });
    expect(second.body.etag).not.toBe(first.body.etag);
    expect(Date.parse(String(second.body.updated))).toBeGreaterThanOrEqual(
      Date.parse(String(first.body.updated)),
    );
    const stale = await asAlice.call('PATCH', asAlice.event('primary', id), {
      body: { description: 'lost' },
      headers: { 'If-Match': String(first.body.etag) },
    });
    expect(stale).toMatchObject({ status: 412, body: conditionNotMet });
    const put = await asAlice.call('PUT', asAlice.event('primary', id), {
      body: { ...second.body, description: 'v3' },
      headers: { 'If-Match': String(second.body.etag) },
    });
    expect(put.status).toBe(200);
    expect((await asAlice.call('GET', asAlice.event('primary', id))).body.description).toBe('v3');
    expect(
      (
        await asAlice.call('DELETE', asAlice.event('primary', id), {
          headers: { 'If-Match': String(second.body.etag) },
        })
      ).status,
    ).toBe(412);
  });

  it('puts a booking on the room calendar (accepted) and on in-domain attendees (needsAction), same id', async () => {
    const created = await book('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00');
    expect(created.attendees).toEqual([
      {
        email: room,
        displayName: 'BER-3-Boardroom (12)',
        resource: true,
        responseStatus: 'accepted',
      },
      { email: bob, displayName: 'Bob Müller', responseStatus: 'needsAction' },
    ]);
    const copy = await roomCopy(String(created.id));
    expect(copy).toMatchObject({
      id: created.id,
      summary: 'Planning',
      organizer: { email: alice },
      iCalUID: created.iCalUID,
    });
    expect((copy.attendees as Json[]).find((a) => a.email === room)).toMatchObject({
      self: true,
      responseStatus: 'accepted',
    });
    expect((await asBob.call('GET', asBob.event('primary', String(created.id)))).body.summary).toBe(
      'Planning',
    );
  });

  it('declines a booking that overlaps one the room accepted; the switch turns that off', async () => {
    await book('First', '2030-03-05T10:00:00', '2030-03-05T11:00:00');
    const clash = await book('Second', '2030-03-05T10:30:00', '2030-03-05T11:30:00');
    expect((clash.attendees as Json[])[0]!.responseStatus).toBe('declined');
    expect(((await roomCopy(String(clash.id))).attendees as Json[])[0]!.responseStatus).toBe(
      'declined',
    );
    const after = await book('Adjacent', '2030-03-05T11:00:00', '2030-03-05T12:00:00');
    expect((after.attendees as Json[])[0]!.responseStatus).toBe('accepted');
    // A weekly series that would hit an accepted booking in a later week is declined whole.
    const series = await book('Weekly', '2030-02-26T10:00:00', '2030-02-26T10:15:00', {
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
    });
    expect((series.attendees as Json[])[0]!.responseStatus).toBe('declined');
    await control(google, 'POST', '/switches', { roomAutoDecline: false });
    expect(
      ((await book('Third', '2030-03-05T10:00:00', '2030-03-05T10:30:00')).attendees as Json[])[0]!
        .responseStatus,
    ).toBe('accepted');
    await book('Evening', '2030-03-05T18:00:00', '2030-03-05T19:00:00');
    // Switched back on, the room answers from everything it holds (bookings made meanwhile too).
    await control(google, 'POST', '/switches', { roomAutoDecline: true });
    const late = await book('Late', '2030-03-05T12:10:00', '2030-03-05T12:20:00');
    expect((late.attendees as Json[])[0]!.responseStatus).toBe('accepted');
    const clashing = await book('Clashing', '2030-03-05T18:30:00', '2030-03-05T18:45:00');
    expect((clashing.attendees as Json[])[0]!.responseStatus).toBe('declined');
  });

  it("propagates the organizer's edits to the room's copy; the room copy's edits stay there", async () => {
    const created = await book('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00', {
      extendedProperties: { private: { mine: 'alice' }, shared: { both: 'yes' } },
    });
    const id = String(created.id);
    const roomBefore = await roomCopy(id);
    expect(roomBefore.extendedProperties).toEqual({ shared: { both: 'yes' } });

    await asAlice.call('PATCH', asAlice.event('primary', id), {
      body: {
        description: 'Join: https://zoom.example/j/1',
        extendedProperties: { private: { zoomMeetingId: '1' } },
      },
    });
    const roomAfter = await roomCopy(id);
    expect(roomAfter.description).toBe('Join: https://zoom.example/j/1');
    expect(roomAfter.etag).not.toBe(roomBefore.etag);
    expect(roomAfter.extendedProperties).toEqual({ shared: { both: 'yes' } });

    const roomEdit = await asAdmin.call('PATCH', asAdmin.event(room, id), {
      body: { location: 'Room only', extendedProperties: { private: { roomKey: 'r' } } },
    });
    expect(roomEdit.status).toBe(200);
    const organizerCopy = (await asAlice.call('GET', asAlice.event('primary', id))).body;
    expect(organizerCopy.location).toBeUndefined();
    expect(organizerCopy.extendedProperties).toEqual({
      private: { mine: 'alice', zoomMeetingId: '1' },
      shared: { both: 'yes' },
    });
    expect((await roomCopy(id)).extendedProperties).toEqual({
      private: { roomKey: 'r' },
      shared: { both: 'yes' },
    });
    // Shared properties only the organizer may change (errors guide).
    const shared = await asAdmin.call('PATCH', asAdmin.event(room, id), {
      body: { guestsCanModify: true },
    });
    expect(shared.status).toBe(403);
    expect(shared.body.error?.errors[0]).toMatchObject({
      domain: 'calendar',
      reason: 'forbiddenForNonOrganizer',
    });
  });

  it('cancels the room copy when the room is removed, and every copy when the organizer deletes', async () => {
    const created = await book('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00');
    const id = String(created.id);
    const roomToken = String((await listAll(asAdmin, room)).pages.at(-1)!.nextSyncToken);
    await asAlice.call('PATCH', asAlice.event('primary', id), {
      body: { attendees: [{ email: room2 }, { email: bob }] },
    });
    expect((await roomCopy(id)).status).toBe('cancelled');
    const moved = await asAdmin.call('GET', asAdmin.event(room2, id));
    expect(moved.body.status).toBe('confirmed');
    const changes = await listAll(asAdmin, room, { syncToken: roomToken });
    expect(changes.items).toEqual([
      { kind: 'calendar#event', etag: expect.any(String), id, status: 'cancelled' },
    ]);

    expect((await asAlice.call('DELETE', asAlice.event('primary', id))).status).toBe(204);
    expect((await asAdmin.call('GET', asAdmin.event(room2, id))).body.status).toBe('cancelled');
    expect((await asBob.call('GET', asBob.event('primary', id))).body.status).toBe('cancelled');
  });

  it('lets the admin write room calendars, members only read them, and hides other people', async () => {
    const created = await book('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00');
    const read = await asBob.call('GET', asBob.events(room));
    expect(read.body.accessRole).toBe('reader');
    const write = await asBob.call('PATCH', asBob.event(room, String(created.id)), {
      body: { location: 'x' },
    });
    expect(write.status).toBe(403);
    expect(write.body.error?.errors[0]?.reason).toBe('requiredAccessLevel');
    expect((await asBob.call('GET', asBob.events(alice))).status).toBe(404);
    expect((await asAdmin.call('GET', asAdmin.events(room))).body.accessRole).toBe('writer');
    await control(google, 'POST', '/switches', { roomAccessForMembers: 'none' });
    expect((await asBob.call('GET', asBob.events(room))).status).toBe(404);
  });

  it("keeps an external organizer's calendar theirs, with the room's copy in the domain", async () => {
    const created = (
      await control(google, 'POST', '/events', {
        as: outsider,
        calendarId: outsider,
        event: timed('Partner workshop', '2030-03-06T13:00:00', '2030-03-06T15:00:00', {
          attendees: [{ email: room }],
        }),
      })
    ).body;
    const copy = await roomCopy(String(created.id));
    expect(copy).toMatchObject({ organizer: { email: outsider }, status: 'confirmed' });
    const write = await asAdmin.call('PATCH', asAdmin.event(room, String(created.id)), {
      body: { description: 'link' },
    });
    expect(write.status).toBe(200);
    const state = (await control(google, 'GET', `/state?calendar=${encodeURIComponent(outsider)}`))
      .body;
    const theirs = (state.calendars as Json[]).find((c) => c.id === outsider)!;
    expect((theirs.items as Json[]).map((e) => [e.id, e.description])).toEqual([
      [created.id, undefined],
    ]);
    // Nobody in the domain can act as them.
    expect((await asAdmin.call('GET', asAdmin.events(outsider))).status).toBe(404);
  });

  it('ignores conferenceData without conferenceDataVersion=1, and applies the addOn switch', async () => {
    const zoomConference = {
      conferenceSolution: { key: { type: 'addOn' }, name: 'Zoom Meeting' },
      conferenceId: '83815239874',
      entryPoints: [
        { entryPointType: 'video', uri: 'https://zoom.example/j/83815239874?pwd=x', label: 'zoom' },
      ],
    };
    const created = await book('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00');
    const path = asAlice.event('primary', String(created.id));
    const ignored = await asAlice.call('PATCH', path, { body: { conferenceData: zoomConference } });
    expect(ignored.status).toBe(200);
    expect(ignored.body.conferenceData).toBeUndefined();
    const refused = await asAlice.call('PATCH', path, {
      body: { conferenceData: zoomConference },
      query: { conferenceDataVersion: '1' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.errors[0]).toMatchObject({ domain: 'global', reason: 'invalid' });
    await control(google, 'POST', '/switches', { addOnConference: 'strip' });
    const stripped = await asAlice.call('PATCH', path, {
      body: { conferenceData: zoomConference },
      query: { conferenceDataVersion: '1' },
    });
    expect([stripped.status, stripped.body.conferenceData]).toEqual([200, undefined]);
    await control(google, 'POST', '/switches', { addOnConference: 'accept' });
    const accepted = await asAlice.call('PATCH', path, {
      body: { conferenceData: zoomConference },
      query: { conferenceDataVersion: '1' },
    });
    expect(accepted.body.conferenceData).toMatchObject({
      conferenceId: '83815239874',
      signature: expect.any(String),
    });
    expect(((await roomCopy(String(created.id))).conferenceData as Json).conferenceId).toBe(
      '83815239874',
    );
    const meet = await asAlice.call('POST', asAlice.events('primary'), {
      body: timed('Meet', '2030-03-07T10:00:00', '2030-03-07T11:00:00', {
        conferenceData: {
          createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'eventHangout' } },
        },
      }),
      query: { conferenceDataVersion: '1' },
    });
    expect(meet.body.error?.message).toBe('Invalid conference type value.');
  });

  it('gives a calendar invited to a series the occurrences the organizer cancelled before, cancelled', async () => {
    const { body: series } = await asAlice.call('POST', asAlice.events('primary'), {
      body: timed('Weekly', '2030-03-05T10:00:00', '2030-03-05T11:00:00', {
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
      }),
    });
    const id = String(series.id);
    const second = `${id}_20300312T090000Z`;
    expect((await asAlice.call('DELETE', asAlice.event('primary', second))).status).toBe(204);
    await asAlice.call('PATCH', asAlice.event('primary', id), {
      body: { attendees: [{ email: room }] },
    });
    const instances = await asAdmin.call('GET', `${asAdmin.event(room, id)}/instances`);
    expect((instances.body.items as Json[]).map((i) => i.id)).toEqual([
      `${id}_20300305T090000Z`,
      `${id}_20300319T090000Z`,
    ]);
    const { items: listed } = await listAll(asAdmin, room, { showDeleted: 'true' });
    expect(listed.find((e) => e.id === second)).toMatchObject({ status: 'cancelled' });
  });
});
