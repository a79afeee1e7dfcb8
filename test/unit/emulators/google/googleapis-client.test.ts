import { google, type calendar_v3 } from 'googleapis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleEmulator } from '../../../../src/emulators/google/index.js';
import {
  admin,
  alice,
  calendarScope,
  control,
  directoryScope,
  room,
  startOrgEmulator,
  timed,
} from './google-harness.js';
import { NOW } from '../../../support/time.js';

const googleTokenUrl = 'https://oauth2.googleapis.com/token';

/**
 * The real googleapis client (178.0.0) against the emulator, with only the two tricks observed to
 * work with googleapis 178.0.0 and google-auth-library 10.5.0: a per-API `rootUrl`, and a Gaxios
 * request interceptor on the JWT client's transporter that sends the token request (hard-coded to
 * Google's URL, compared as a string) to the emulator.
 */
describe('Google emulator: driven by the real googleapis client', () => {
  let emulator: GoogleEmulator;
  let keyFile: string;
  beforeAll(async () => {
    emulator = await startOrgEmulator();
    keyFile = emulator.writeServiceAccountKeyFile();
  });
  afterAll(async () => emulator.close());
  beforeEach(async () => {
    await control(emulator, 'POST', '/reset');
    await control(emulator, 'POST', '/clock', { set: NOW });
  });

  const jwtFor = (subject: string, scopes = [calendarScope]) => {
    const jwt = new google.auth.JWT({ keyFile, scopes, subject });
    jwt.transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url) === googleTokenUrl) options.url = new URL(emulator.tokenUrl);
        return options;
      },
    });
    return jwt;
  };
  const calendarAs = (subject: string) =>
    google.calendar({
      version: 'v3',
      rootUrl: emulator.rootUrl,
      auth: jwtFor(subject, [calendarScope, directoryScope]),
    });

  it('inserts as a person with a room attendee, lists all pages, syncs incrementally, and gets 410 after invalidation', async () => {
    const calendar = calendarAs(alice);
    const created = await calendar.events.insert({
      calendarId: 'primary',
      sendUpdates: 'none',
      requestBody: timed('Planning', '2030-03-05T10:00:00', '2030-03-05T11:00:00', {
        attendees: [{ email: room }],
      }),
    });
    expect(created.data.attendees?.[0]).toMatchObject({
      email: room,
      resource: true,
      responseStatus: 'accepted',
    });
    for (let i = 0; i < 4; i += 1)
      await calendar.events.insert({
        calendarId: 'primary',
        requestBody: timed(`More ${i}`, `2030-03-0${6 + i}T10:00:00`, `2030-03-0${6 + i}T11:00:00`),
      });

    const roomReader = calendarAs(admin);
    const pages: calendar_v3.Schema$Events[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await calendar.events.list({ calendarId: alice, maxResults: 2, pageToken });
      pages.push(data);
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(
      pages.map((p) => [p.items?.length, Boolean(p.nextPageToken), Boolean(p.nextSyncToken)]),
    ).toEqual([
      [2, true, false],
      [2, true, false],
      [1, false, true],
    ]);
    const syncToken = pages.at(-1)!.nextSyncToken!;

    await calendar.events.patch({
      calendarId: 'primary',
      eventId: created.data.id!,
      requestBody: { description: 'Zoom link' },
    });
    const changes = await calendar.events.list({ calendarId: alice, syncToken });
    expect(changes.data.items?.map((e) => [e.id, e.description])).toEqual([
      [created.data.id, 'Zoom link'],
    ]);
    const roomCopy = await roomReader.events.get({ calendarId: room, eventId: created.data.id! });
    expect(roomCopy.data.description).toBe('Zoom link');

    await control(emulator, 'POST', '/sync-tokens/invalidate', {});
    const gone = await calendar.events
      .list({ calendarId: alice, syncToken: changes.data.nextSyncToken! })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 410 });
    expect((gone as { response: { data: unknown } }).response.data).toMatchObject({
      error: { code: 410, errors: [{ reason: 'fullSyncRequired' }] },
    });
  });

  it('sends If-Match and sees 412 on a stale etag; lists instances and cancelled instances', async () => {
    const calendar = calendarAs(alice);
    const { data: series } = await calendar.events.insert({
      calendarId: 'primary',
      requestBody: timed('Weekly', '2030-03-18T10:00:00', '2030-03-18T11:00:00', {
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'],
      }),
    });
    const fresh = await calendar.events.patch(
      { calendarId: 'primary', eventId: series.id!, requestBody: { summary: 'Weekly (1)' } },
      { headers: { 'If-Match': series.etag! } },
    );
    expect(fresh.status).toBe(200);
    const stale = await calendar.events
      .patch(
        { calendarId: 'primary', eventId: series.id!, requestBody: { summary: 'lost' } },
        { headers: { 'If-Match': series.etag! } },
      )
      .catch((e: unknown) => e);
    expect(stale).toMatchObject({ status: 412 });

    const instances = await calendar.events.instances({
      calendarId: 'primary',
      eventId: series.id!,
    });
    expect(instances.data.items?.map((i) => i.id)).toEqual([
      `${series.id}_20300318T090000Z`,
      `${series.id}_20300325T090000Z`,
      `${series.id}_20300401T080000Z`,
    ]);
    await calendar.events.delete({
      calendarId: 'primary',
      eventId: `${series.id}_20300325T090000Z`,
    });
    const list = await calendar.events.list({ calendarId: 'primary' });
    expect(list.data.items?.find((e) => e.status === 'cancelled')).toEqual({
      kind: 'calendar#event',
      etag: expect.any(String),
      id: `${series.id}_20300325T090000Z`,
      status: 'cancelled',
      recurringEventId: series.id,
      originalStartTime: { dateTime: '2030-03-25T10:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
  });

  it('lists rooms with the Directory API as the admin', async () => {
    const directory = google.admin({
      version: 'directory_v1',
      rootUrl: emulator.rootUrl,
      auth: jwtFor(admin, [directoryScope]),
    });
    const { data } = await directory.resources.calendars.list({
      customer: 'my_customer',
      query: 'resourceCategory=CONFERENCE_ROOM',
    });
    expect(data.items?.map((r) => [r.resourceEmail, r.generatedResourceName])).toEqual([
      [room, 'BER-3-Boardroom (12)'],
      ['c_1883kn5pqf4uqi0ejf2m4qmkf9s5e@resource.calendar.google.com', 'BER-2-Huddle (4)'],
    ]);
  });

  it('surfaces refused delegation as the 401 unauthorized_client of the token endpoint', async () => {
    await control(emulator, 'POST', '/switches', { delegation: 'refused' });
    const failure = await calendarAs(alice)
      .events.list({ calendarId: 'primary' })
      .catch((e: unknown) => e);
    expect(String((failure as Error).message)).toMatch(/unauthorized_client/);
    expect(failure).toMatchObject({ status: 401 });
  });

  it('works with user OAuth (a refresh token) through OAuth2Client and a token URL override', async () => {
    const refreshToken = emulator.issueRefreshToken(alice);
    const oauth = new google.auth.OAuth2({
      clientId: emulator.oauthClient.clientId,
      clientSecret: emulator.oauthClient.clientSecret,
      endpoints: { oauth2TokenUrl: emulator.tokenUrl },
    });
    oauth.setCredentials({ refresh_token: refreshToken });
    const calendar = google.calendar({ version: 'v3', rootUrl: emulator.rootUrl, auth: oauth });
    const { data } = await calendar.events.list({ calendarId: 'primary' });
    expect(data.summary).toBe('Alice Chen');
  });
});
