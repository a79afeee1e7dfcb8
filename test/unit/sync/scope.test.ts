import { describe, expect, it } from 'vitest';
import { renderBlock } from '../../../src/invitation/index.js';
import type { ZoomUserLookup } from '../../../src/store/index.js';
import { bookingScope } from '../../../src/sync/plan/booking-scope.js';
import { zoomHashOf } from '../../../src/sync/plan/hashes.js';
import { needsLookup, requestScopeOf } from '../../../src/sync/plan/meeting-request.js';
import { otherConferencesOf } from '../../../src/sync/plan/other-conference.js';
import { planEventSync } from '../../../src/sync/plan/plan-event.js';
import { previewOf } from '../../../src/sync/plan/preview.js';
import { roomSettings, scopeHashOf } from '../../../src/sync/plan/room-settings.js';
import { scopeOf } from '../../../src/sync/plan/scope.js';
import { ANNEX, BOARD, booking, CONFIG, kinds, NOW, ORGANIZER, WATCHED } from './fixtures.js';
import { Model } from './plan-model.js';

const config = (more: { sync?: object; zoom?: object; rooms?: object } = {}) => ({
  ...CONFIG,
  sync: { ...CONFIG.sync, ...more.sync },
  zoom: { ...CONFIG.zoom, ...more.zoom },
  rooms: { ...CONFIG.rooms, ...more.rooms },
});
const lookup = (eligible: boolean | null, checkedAt = NOW.toISOString()): ZoomUserLookup => ({
  email: ORGANIZER,
  eligible,
  detail: '',
  checkedAt,
});

describe('other conferences', () => {
  it.each([
    ['Google Meet', { hangoutLink: 'https://meet.google.com/abc-defg-hij' }],
    ['Google Meet', { conference: { solutionType: 'hangoutsMeet', uris: [] } }],
    ['Google Meet', { description: 'or call meet.google.com/abc-defg-hij' }],
    [
      'Microsoft Teams',
      { description: '<a href="https://teams.microsoft.com/l/meetup-join/19%3a1">Join</a>' },
    ],
    ['Webex', { location: 'https://acme.webex.com/meet/jdoe' }],
    ['Webex', { description: 'https://acme.webex.com/acme/j.php?MTID=m123' }],
    [
      'Microsoft Teams',
      { conference: { solutionType: 'addOn', uris: ['https://teams.live.com/meet/9312'] } },
    ],
  ])('%s is found', (name, fields) => {
    expect(otherConferencesOf(booking(fields))).toEqual([name]);
  });

  it('Zoom links, our block and plain text are not another conference', () => {
    const ours = renderBlock({
      lang: 'en',
      meetings: [{ joinUrl: 'https://zoom.us/j/123456789', meetingId: 123456789 }],
    });
    expect(
      otherConferencesOf(
        booking({
          description: `Agenda: meet the team\n\n${ours}`,
          location: 'https://us02web.zoom.us/j/987654321',
          conference: { solutionType: 'addOn', uris: ['https://zoom.us/j/123456789'] },
        }),
      ),
    ).toEqual([]);
  });
});

describe('scope', () => {
  const room = (policy: 'all' | 'optIn' | 'optOut') => ({
    ...roomSettings(CONFIG, BOARD),
    policy,
  });

  it('all: every booking; another conference is out whatever the policy, unless replaced', () => {
    expect(scopeOf(booking(), room('all'), CONFIG)).toEqual({ in: true });
    const meet = booking({ hangoutLink: 'https://meet.google.com/abc-defg-hij' });
    expect(scopeOf(meet, room('all'), CONFIG)).toMatchObject({
      in: false,
      reason: 'other_conference',
      detail: expect.stringContaining('Google Meet'),
    });
    expect(scopeOf(meet, room('all'), config({ sync: { replaceOtherConferences: true } }))).toEqual(
      { in: true },
    );
  });

  it('optIn: a keyword in the title or the description people wrote, in any case', () => {
    expect(scopeOf(booking({ summary: 'Sync #Zoom' }), room('optIn'), CONFIG)).toEqual({
      in: true,
    });
    expect(
      scopeOf(booking({ description: '<p>please <b>#ZOOM</b></p>' }), room('optIn'), CONFIG),
    ).toEqual({ in: true });
    expect(scopeOf(booking(), room('optIn'), CONFIG)).toMatchObject({
      in: false,
      reason: 'policy_opt_in',
    });
    // A keyword inside our own block does not count.
    const block = renderBlock({
      lang: 'en',
      meetings: [{ joinUrl: 'https://zoom.us/j/123456789#zoom', meetingId: 123456789 }],
    });
    expect(scopeOf(booking({ description: block }), room('optIn'), CONFIG)).toMatchObject({
      in: false,
    });
  });

  it('optOut: all but a booking holding an opt-out keyword', () => {
    expect(scopeOf(booking(), room('optOut'), CONFIG)).toEqual({ in: true });
    expect(scopeOf(booking({ summary: 'Offsite #NOZOOM' }), room('optOut'), CONFIG)).toMatchObject({
      in: false,
      reason: 'policy_opt_out',
    });
  });
});

describe('room settings and the request', () => {
  const perRoom = config({
    zoom: { meetingSettings: { mute_upon_entry: true, waiting_room: false } },
    rooms: {
      mode: 'active',
      list: [
        {
          calendarId: BOARD.toUpperCase(),
          policy: 'optIn',
          meetingSettings: { waiting_room: true },
        },
        { calendarId: ANNEX, mode: 'observe', invitationLang: 'zh-TW' },
      ],
    },
  });

  it("a room's own settings over the global ones", () => {
    expect(roomSettings(perRoom, BOARD)).toEqual({
      mode: 'active',
      policy: 'optIn',
      meetingSettings: { mute_upon_entry: true, waiting_room: true },
      invitationLang: 'en',
    });
    expect(roomSettings(perRoom, ANNEX)).toMatchObject({
      mode: 'observe',
      invitationLang: 'zh-TW',
    });
  });

  it('the scope hash changes with what decides the plans, not with the order of settings', () => {
    const reordered = config({
      zoom: { meetingSettings: { waiting_room: false, mute_upon_entry: true } },
      rooms: perRoom.rooms,
    });
    expect(scopeHashOf(reordered, BOARD)).toBe(scopeHashOf(perRoom, BOARD));
    expect(scopeHashOf(perRoom, ANNEX)).not.toBe(scopeHashOf(perRoom, BOARD));
    const otherWords = config({ ...perRoom, sync: { optInKeywords: ['#video'] } });
    expect(
      scopeHashOf({ ...otherWords, rooms: perRoom.rooms, zoom: perRoom.zoom }, BOARD),
    ).not.toBe(scopeHashOf(perRoom, BOARD));
  });

  it('a private booking sends the stand-in topic in the room’s language, and nothing of its own', () => {
    const secret = booking({ summary: 'Merger', visibility: 'private' });
    const en = requestScopeOf(
      secret,
      roomSettings(perRoom, BOARD),
      'h',
      lookup(false),
      NOW,
      perRoom,
    );
    expect(en.topic).toBe('Private booking');
    const zh = requestScopeOf(
      secret,
      roomSettings(perRoom, ANNEX),
      'h',
      lookup(false),
      NOW,
      perRoom,
    );
    expect(zh.topic).toBe('私人預約');
    const open = requestScopeOf(
      booking(),
      roomSettings(perRoom, BOARD),
      'h',
      undefined,
      NOW,
      perRoom,
    );
    expect(open.topic).toBeUndefined();
  });

  it('the organizer is an alternative host when Zoom said they may be; unknown means a lookup first', () => {
    const hosts = config({ zoom: { alternativeHosts: 'organizer' } });
    const room = roomSettings(hosts, BOARD);
    const scope = (organizer: ZoomUserLookup | undefined, host = 'zoom-b@example.com') =>
      requestScopeOf(booking(), room, host, organizer, NOW, hosts);
    expect(scope(lookup(true)).settings).toEqual({ alternative_hosts: ORGANIZER });
    expect(scope(lookup(false)).settings).toEqual({});
    expect(scope(undefined)).toMatchObject({ settings: {}, lookUp: ORGANIZER });
    // The organizer hosting it themselves is no alternative host.
    expect(scope(lookup(true), ORGANIZER.toUpperCase()).settings).toEqual({});
    expect(requestScopeOf(booking(), room, 'h', lookup(true), NOW, config()).settings).toEqual({});
    // A lookup that failed is asked again a day later, not before.
    const failed = lookup(null, new Date(NOW.getTime() - 23 * 3600_000).toISOString());
    expect(needsLookup(failed, NOW)).toBe(false);
    expect(needsLookup(failed, new Date(NOW.getTime() + 3600_000))).toBe(true);
  });

  it('without settings or a private topic the meeting hash is what it was before (no update on upgrade)', () => {
    const event = booking();
    expect(zoomHashOf(event, 'single', { settings: {} })).toBe(zoomHashOf(event, 'single'));
    expect(zoomHashOf(event, 'single', { settings: { waiting_room: true } })).not.toBe(
      zoomHashOf(event, 'single'),
    );
    expect(zoomHashOf(event, 'single', { topic: 'Private booking', settings: {} })).not.toBe(
      zoomHashOf(event, 'single'),
    );
  });
});

describe('the planner with scope', () => {
  const plan = (model: Model, event = booking(), cfg = CONFIG) =>
    planEventSync(event, model.state(), NOW, cfg);

  it('a linked booking that leaves the scope loses its meeting and our block, and is recorded with its code', () => {
    const model = new Model();
    const event = booking();
    model.apply(plan(model, event), event);
    const optIn = config({ sync: { policy: 'optIn' } });
    const out = plan(model, model.seenAgain(event), optIn);
    expect(kinds(out)).toEqual(['deleteMeeting', 'removeBlock', 'recordIgnored']);
    expect(out.skipped?.reason).toBe('policy_opt_in');
    expect(out.actions.at(-1)).toMatchObject({ kind: 'recordIgnored', code: 'policy_opt_in' });
    model.apply(out, event);
    expect(plan(model, event, optIn).actions).toEqual([]);
    // Back in scope: linked again.
    expect(kinds(plan(model, event))).toContain('createMeeting');
  });

  it('asks for the organizer lookup for a booking in scope that has or gets a meeting, and only then', () => {
    const hosts = config({ zoom: { alternativeHosts: 'organizer' } });
    const model = new Model();
    const event = booking();
    const first = plan(model, event, hosts);
    expect(first.lookUpOrganizer).toBe(ORGANIZER);
    model.apply(first, event);
    // A meeting made before the organizer was looked up: asked about, so it can be updated once.
    expect(plan(model, model.seenAgain(event), hosts).lookUpOrganizer).toBe(ORGANIZER);
    const allDay = booking({
      allDay: true,
      start: { date: '2030-03-05' },
      end: { date: '2030-03-06' },
    });
    expect(plan(new Model(), allDay, hosts).lookUpOrganizer).toBeUndefined();
    const optIn = config({ zoom: { alternativeHosts: 'organizer' }, sync: { policy: 'optIn' } });
    expect(plan(new Model(), event, optIn).lookUpOrganizer).toBeUndefined();
    expect(plan(new Model(), event, config()).lookUpOrganizer).toBeUndefined();
  });

  it('a preview names the room, the steps, the strategy and the host, or the skip reason', () => {
    const model = new Model();
    const event = booking();
    const state = model.state();
    expect(previewOf(plan(model, event), event, state, NOW, CONFIG)).toEqual({
      eventId: 'evt0001',
      room: BOARD,
      actions: ['create', 'write-back'],
      strategy: 'single',
      host: 'zoom-b@example.com',
      reason: null,
    });
    const meet = booking({ hangoutLink: 'https://meet.google.com/abc-defg-hij' });
    expect(previewOf(plan(model, meet), meet, state, NOW, CONFIG)).toMatchObject({
      actions: ['skip'],
      strategy: null,
      host: null,
      reason: 'other_conference',
    });
    // Two rooms: the first by calendar id decides, whichever copy is read.
    const both = booking({
      calendarId: BOARD,
      rooms: [
        { email: BOARD, responseStatus: 'accepted' },
        { email: ANNEX, responseStatus: 'accepted' },
      ],
    });
    expect(bookingScope(both, { watched: WATCHED }, NOW, CONFIG).roomId).toBe(ANNEX);
  });
});
