import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventCopy, EventPatch } from '../../../src/google/index.js';
import {
  admin,
  ana,
  at,
  liveEvent,
  readAll,
  rooms,
  startGoogleHarness,
  type GoogleHarness,
} from './google-harness.js';
import { googleRoutes as routes } from '../../support/routes.js';

const outsider = 'dana.okafor@partner.example.net';
const block = (url: string) => `\n\n-- Zoom (zoomlink) --\nJoin: ${url}\n-- end --`;
const joinUrl = 'https://example.zoom.us/j/83815239874?pwd=abc';
const conference = { meetingId: '83815239874', joinUrl, passcode: '123456' };

describe('Google adapter: write-back', () => {
  let google: GoogleHarness;
  /** The stored copy of an event on one calendar, as the emulator renders it. */
  const stored = async (calendarId: string, eventId: string) => {
    const state = (await google.control(
      'GET',
      `/state?calendar=${encodeURIComponent(calendarId)}`,
    )) as {
      calendars: { id: string; items?: Record<string, unknown>[] }[];
    };
    const items = state.calendars.find((c) => c.id === calendarId)?.items ?? [];
    const item = items.find((i) => i.id === eventId);
    if (!item) throw new Error(`${eventId} not on ${calendarId}`);
    return item;
  };
  const switches = (values: Record<string, unknown>) => google.control('POST', '/switches', values);

  beforeAll(async () => {
    google = await startGoogleHarness();
    google.emulator.addPerson({ email: outsider, name: 'Dana Okafor' });
  });
  afterAll(async () => google.close());
  beforeEach(async () => {
    await switches({ addOnConference: 'reject' });
    await google.resetCalls();
  });

  it('patches the organizer’s copy as the organizer, and the room’s copy shows it', async () => {
    const room = rooms.board;
    const booked = await google.book(ana, room, {
      summary: 'Budget review',
      description: 'Agenda: <b>numbers</b>\nBring the Q1 sheet.',
      ...at(1, 10),
      attendees: [{ email: 'bo@example.com' }],
    });
    const { adapter } = google.adapter();
    const full = await readAll(adapter, room, null);
    const event = liveEvent(full.events, booked.id);
    const target = adapter.writeTarget(event);
    expect(target).toEqual({ calendarId: ana, eventId: booked.id, actAs: ana });

    const before = await stored(ana, booked.id);
    await google.resetCalls();
    const seen: EventCopy[] = [];
    const result = await adapter.modifyEvent(target, (copy) => {
      seen.push(copy);
      return {
        description: copy.description + block(joinUrl),
        location: copy.location === '' ? joinUrl : undefined,
        privateProperties: { zoomlinkMeetingId: '83815239874' },
      };
    });
    expect(result).toEqual({ outcome: 'written', etag: expect.stringMatching(/^".+"$/) });
    expect(seen).toEqual([
      {
        etag: before.etag,
        status: 'confirmed',
        description: 'Agenda: <b>numbers</b>\nBring the Q1 sheet.',
        location: '',
        privateProperties: {},
      },
    ]);
    expect(await google.byRoute()).toEqual({
      [routes.token]: 1,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    // The token was for Ana (the JWT's `sub`), and so were both calls.
    expect(google.emulator.server.calls.summary().byTag.user).toEqual({
      [ana]: { [routes.token]: 1, [routes.get]: 1, [routes.patch]: 1 },
    });

    // Only the three fields changed on the organizer's copy.
    const after = await stored(ana, booked.id);
    const changing = ['description', 'location', 'extendedProperties', 'etag', 'updated'];
    const rest = (item: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(item).filter(([k]) => !changing.includes(k)));
    expect(rest(after)).toEqual(rest(before));
    expect(after.etag).toBe(result.outcome === 'written' ? result.etag : '');

    // The room's copy carries the link; private properties stay on the copy that was written.
    const incremental = await readAll(adapter, room, full.token!);
    const roomCopy = liveEvent(incremental.events, booked.id);
    expect(roomCopy.description).toBe(
      `Agenda: <b>numbers</b>\nBring the Q1 sheet.${block(joinUrl)}`,
    );
    expect(roomCopy.location).toBe(joinUrl);
    expect(roomCopy.privateProperties).toEqual({});
    expect(roomCopy.summary).toBe('Budget review');

    // A later patch replaces the description only; location and private properties stay.
    const newUrl = 'https://example.zoom.us/j/99999999999';
    const again = await adapter.modifyEvent(target, (copy) => {
      expect(copy.privateProperties).toEqual({ zoomlinkMeetingId: '83815239874' });
      return { description: copy.description.replace(block(joinUrl), block(newUrl)) };
    });
    expect(again.outcome).toBe('written');
    const final = await stored(ana, booked.id);
    expect(final.description).toBe(`Agenda: <b>numbers</b>\nBring the Q1 sheet.${block(newUrl)}`);
    expect(final.location).toBe(joinUrl);
    expect(final.extendedProperties).toEqual({ private: { zoomlinkMeetingId: '83815239874' } });

    // Removing our private property with null.
    await adapter.modifyEvent(target, () => ({ privateProperties: { zoomlinkMeetingId: null } }));
    expect((await stored(ana, booked.id)).extendedProperties ?? {}).not.toHaveProperty(
      'private.zoomlinkMeetingId',
    );
  });

  it('writes nothing when change says nothing, or nothing new', async () => {
    const booked = await google.book(ana, rooms.focus, { summary: 'Quiet', ...at(2, 10) });
    const { adapter } = google.adapter();
    await google.resetCalls();
    const target = { calendarId: ana, eventId: booked.id, actAs: ana };
    expect(await adapter.modifyEvent(target, () => null)).toEqual({ outcome: 'unchanged' });
    expect(
      await adapter.modifyEvent(target, (c) => ({
        description: c.description,
        location: c.location,
      })),
    ).toEqual({
      outcome: 'unchanged',
    });
    expect(await google.byRoute()).toEqual({ [routes.token]: 1, [routes.get]: 2 });
  });

  it('on 412 (the event changed between read and write) reads again and asks again', async () => {
    const booked = await google.book(ana, rooms.focus, {
      summary: 'Moving target',
      description: 'v1',
      ...at(3, 10),
    });
    const { adapter } = google.adapter();
    await google.resetCalls();
    const asked: string[] = [];
    // Ana edits her event while zoomlink decides. `change` is synchronous, so her edit is sent
    // from inside it and our PATCH is held back at the emulator (a delay fault) until it landed.
    google.emulator.server.faults.add({
      path: '/calendar/v3/',
      method: 'PATCH',
      kind: 'delay',
      delayMs: 300,
    });
    let edit: Promise<unknown> = Promise.resolve();
    const result = await adapter.modifyEvent(
      { calendarId: ana, eventId: booked.id, actAs: ana },
      (copy) => {
        asked.push(copy.description);
        if (asked.length === 1) {
          edit = google.control('PATCH', `/events/${encodeURIComponent(ana)}/${booked.id}`, {
            as: ana,
            event: { description: 'v2 by Ana' },
          });
        }
        return { description: `${copy.description}${block(joinUrl)}` };
      },
    );
    await edit;
    expect(asked).toEqual(['v1', 'v2 by Ana']);
    expect(result.outcome).toBe('written');
    expect((await stored(ana, booked.id)).description).toBe(`v2 by Ana${block(joinUrl)}`);
    expect(await google.byRoute()).toEqual({
      [routes.token]: 1,
      [routes.get]: 2,
      [routes.patch]: 2,
    });
  });

  it('gives up after google.writeConflictRetries conflicts with GOOGLE_WRITE_CONFLICT', async () => {
    const booked = await google.book(ana, rooms.focus, { summary: 'Contested', ...at(4, 10) });
    const { adapter } = google.adapter({ google: { writeConflictRetries: 1 } });
    await google.resetCalls();
    let n = 0;
    const failure = await adapter
      .modifyEvent({ calendarId: ana, eventId: booked.id, actAs: ana }, () => {
        n += 1;
        google.emulator.server.faults.add({
          path: '/calendar/v3/',
          method: 'PATCH',
          kind: 'status',
          status: 412,
        });
        return { description: `edit ${n}` };
      })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'GOOGLE_WRITE_CONFLICT', status: 412, retryable: true });
    expect(n).toBe(2);
    expect(await google.byRoute()).toEqual({
      [routes.token]: 1,
      [routes.get]: 2,
      [routes.patch]: 2,
    });
  });

  it('a copy that is gone (deleted, or never existed) is `gone`', async () => {
    const booked = await google.book(ana, rooms.focus, {
      summary: 'Cancelled later',
      ...at(5, 10),
    });
    await google.control('DELETE', `/events/${encodeURIComponent(ana)}/${booked.id}?as=${ana}`);
    const { adapter } = google.adapter();
    const change = (): EventPatch => ({ description: 'x' });
    expect(
      await adapter.modifyEvent({ calendarId: ana, eventId: booked.id, actAs: ana }, change),
    ).toEqual({
      outcome: 'gone',
    });
    expect(
      await adapter.modifyEvent({ calendarId: ana, eventId: 'nosuchevent1', actAs: ana }, change),
    ).toEqual({
      outcome: 'gone',
    });
  });

  it('for an organizer outside the domain, writes the room’s copy as the admin', async () => {
    const room = rooms.board;
    const booked = (await google.emulator.insertEventAs(outsider, outsider, {
      summary: 'Partner call',
      ...at(1, 15),
      attendees: [{ email: room, resource: true }],
    })) as { id: string };
    const { adapter } = google.adapter();
    const full = await readAll(adapter, room, null);
    const target = adapter.writeTarget(liveEvent(full.events, booked.id));
    expect(target).toEqual({ calendarId: room, eventId: booked.id, actAs: admin });
    const result = await adapter.modifyEvent(target, (c) => ({
      description: c.description + block(joinUrl),
      privateProperties: { zoomlinkMeetingId: '1' },
    }));
    expect(result.outcome).toBe('written');
    const roomCopy = liveEvent((await readAll(adapter, room, full.token!)).events, booked.id);
    expect(roomCopy.description).toBe(block(joinUrl));
    expect(roomCopy.privateProperties).toEqual({ zoomlinkMeetingId: '1' });
  });

  describe('Zoom conferenceData', () => {
    let slot = 8;
    const write = async (writeConferenceData: boolean) => {
      slot += 1;
      const booked = await google.book(ana, rooms.focus, { summary: 'With Zoom', ...at(6, slot) });
      const { adapter } = google.adapter({ google: { writeConferenceData } });
      await google.resetCalls();
      const result = await adapter.modifyEvent(
        { calendarId: ana, eventId: booked.id, actAs: ana },
        (c) => ({
          description: c.description + block(joinUrl),
          conference,
        }),
      );
      return { result, event: await stored(ana, booked.id) };
    };

    it('accepted: Google keeps the addOn conference', async () => {
      await switches({ addOnConference: 'accept' });
      const { result, event } = await write(true);
      expect(result).toMatchObject({ outcome: 'written', conference: 'accepted' });
      expect(event.conferenceData).toMatchObject({
        conferenceId: '83815239874',
        conferenceSolution: { key: { type: 'addOn' }, name: 'Zoom Meeting' },
        entryPoints: [
          { entryPointType: 'video', uri: joinUrl, meetingCode: '83815239874', passcode: '123456' },
        ],
      });
      expect(event.description).toBe(block(joinUrl));
      expect(await google.byRoute()).toMatchObject({ [routes.get]: 1, [routes.patch]: 1 });
    });

    it('refused (400): the rest of the patch is written without it', async () => {
      await switches({ addOnConference: 'reject' });
      const { result, event } = await write(true);
      expect(result).toMatchObject({ outcome: 'written', conference: 'refused' });
      expect(event.conferenceData).toBeUndefined();
      expect(event.description).toBe(block(joinUrl));
      expect(await google.byRoute()).toMatchObject({ [routes.get]: 1, [routes.patch]: 2 });
    });

    it('dropped: Google answers 200 without it', async () => {
      await switches({ addOnConference: 'strip' });
      const { result, event } = await write(true);
      expect(result).toMatchObject({ outcome: 'written', conference: 'dropped' });
      expect(event.conferenceData).toBeUndefined();
      expect(event.description).toBe(block(joinUrl));
    });

    it('off (the default): never sent, even where Google would accept it', async () => {
      await switches({ addOnConference: 'accept' });
      const { result, event } = await write(false);
      expect(result).toEqual({ outcome: 'written', etag: expect.any(String) });
      expect(event.conferenceData).toBeUndefined();
      expect(event.description).toBe(block(joinUrl));
    });
  });
});
