import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEvent } from '../../../src/google/normalise-event.js';
import { rawEvent, type RawEvent } from '../../../src/google/raw-event.js';

const room = 'c_18832tc9g2iechmehr7goqp9bsali@resource.calendar.google.com';
const organizer = { email: 'ana@example.com', displayName: 'Ana' };
const roomAttendee = (responseStatus: string) => ({
  email: room,
  displayName: 'NYC-2-Training Room 1A (16)',
  resource: true,
  responseStatus,
});

/** Shaped like Google's events.list items (discovery document `Event`; Odoo and bubblelab captures). */
const timed: RawEvent = rawEvent.parse({
  kind: 'calendar#event',
  etag: '"3526175270287294"',
  id: 'ag336flo1nnrfba6sep5le5uvc',
  status: 'confirmed',
  htmlLink: 'https://www.google.com/calendar/event?eid=x',
  created: '2025-11-14T02:33:55.143Z',
  updated: '2025-11-14T02:33:55.143Z',
  summary: 'Planning',
  description: 'Agenda: <b>numbers</b>',
  start: { dateTime: '2025-11-17T10:00:00+01:00', timeZone: 'Europe/Berlin' },
  end: { dateTime: '2025-11-17T11:00:00+01:00', timeZone: 'Europe/Berlin' },
  iCalUID: 'ag336flo1nnrfba6sep5le5uvc@google.com',
  organizer,
  creator: organizer,
  attendees: [
    { email: 'ana@example.com', organizer: true, responseStatus: 'accepted' },
    roomAttendee('accepted'),
  ],
  extendedProperties: { private: { zoomlinkMeetingId: '83815239874' }, shared: { x: 'y' } },
  eventType: 'default',
  sequence: 0,
  reminders: { useDefault: true },
});

describe('normaliseEvent', () => {
  it('a timed booking is a single event with the room’s answer and the raw fields', () => {
    const event = normaliseEvent(timed, room);
    expect(event).toMatchObject({
      kind: 'single',
      calendarId: room,
      eventId: 'ag336flo1nnrfba6sep5le5uvc',
      iCalUID: 'ag336flo1nnrfba6sep5le5uvc@google.com',
      etag: '"3526175270287294"',
      updated: '2025-11-14T02:33:55.143Z',
      status: 'confirmed',
      summary: 'Planning',
      description: 'Agenda: <b>numbers</b>',
      location: '',
      allDay: false,
      roomResponse: 'accepted',
      eventType: 'default',
      organizer,
      rooms: [
        { email: room, displayName: 'NYC-2-Training Room 1A (16)', responseStatus: 'accepted' },
      ],
      privateProperties: { zoomlinkMeetingId: '83815239874' },
      sharedProperties: { x: 'y' },
      recurrence: [],
    });
    if (event.kind !== 'single') throw new Error('unreachable');
    expect(event.conference).toBeUndefined();
    expect(event.resource).toEqual({
      id: timed.id,
      iCalUID: timed.iCalUID,
      etag: timed.etag,
      status: 'confirmed',
      summary: 'Planning',
      description: 'Agenda: <b>numbers</b>',
      start: timed.start,
      end: timed.end,
      eventType: 'default',
    });
  });

  it('a series master keeps its recurrence lines verbatim', () => {
    const lines = [
      'RRULE:FREQ=WEEKLY;WKST=SU;UNTIL=20220131T155959Z;BYDAY=MO',
      'EXDATE;TZID=Europe/Berlin:20220110T100000',
    ];
    const event = normaliseEvent({ ...timed, recurrence: lines }, room);
    expect(event.kind).toBe('master');
    if (event.kind !== 'master') throw new Error('unreachable');
    expect(event.recurrence).toEqual(lines);
    expect(event.resource.recurrence).toEqual(lines);
  });

  it('a modified instance is an exception with its master and original start', () => {
    const event = normaliseEvent(
      {
        ...timed,
        id: 'ag336flo1nnrfba6sep5le5uvc_20251124T090000Z',
        recurringEventId: 'ag336flo1nnrfba6sep5le5uvc',
        originalStartTime: { dateTime: '2025-11-24T10:00:00+01:00', timeZone: 'Europe/Berlin' },
        start: { dateTime: '2025-11-24T14:00:00+01:00', timeZone: 'Europe/Berlin' },
      },
      room,
    );
    expect(event).toMatchObject({
      kind: 'exception',
      eventId: 'ag336flo1nnrfba6sep5le5uvc_20251124T090000Z',
      recurringEventId: 'ag336flo1nnrfba6sep5le5uvc',
      originalStartTime: { dateTime: '2025-11-24T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      recurrence: [],
    });
  });

  it('a cancelled instance carries only its master and original start (Odoo capture)', () => {
    const raw = rawEvent.parse({
      kind: 'calendar#event',
      etag: '"3181161690574000"',
      id: '4c0de517evkk3ra294lmut57vm_20200106',
      status: 'cancelled',
      recurringEventId: '4c0de517evkk3ra294lmut57vm',
      originalStartTime: { date: '2020-01-06' },
    });
    expect(normaliseEvent(raw, room)).toEqual({
      kind: 'cancelledInstance',
      calendarId: room,
      eventId: '4c0de517evkk3ra294lmut57vm_20200106',
      recurringEventId: '4c0de517evkk3ra294lmut57vm',
      originalStartTime: { date: '2020-01-06' },
    });
  });

  it('any other cancelled item is a deleted event, however little it carries', () => {
    const bare = rawEvent.parse({
      kind: 'calendar#event',
      etag: '"1"',
      id: 'gone1',
      status: 'cancelled',
    });
    expect(normaliseEvent(bare, room)).toEqual({
      kind: 'deleted',
      calendarId: room,
      eventId: 'gone1',
    });
    const cancelledMaster = { ...timed, status: 'cancelled', recurrence: ['RRULE:FREQ=DAILY'] };
    expect(normaliseEvent(cancelledMaster, room).kind).toBe('deleted');
  });

  it('all-day events, room declines, other event types and tentative status are recognised', () => {
    const allDay = normaliseEvent(
      { ...timed, start: { date: '2020-01-06' }, end: { date: '2020-01-07' } },
      room,
    );
    expect(allDay).toMatchObject({ allDay: true, start: { date: '2020-01-06' } });
    const declined = normaliseEvent({ ...timed, attendees: [roomAttendee('declined')] }, room);
    expect(declined).toMatchObject({ kind: 'single', roomResponse: 'declined' });
    const focus = normaliseEvent({ ...timed, eventType: 'focusTime' }, room);
    expect(focus).toMatchObject({ eventType: 'focusTime' });
    const tentative = normaliseEvent({ ...timed, status: 'tentative' }, room);
    expect(tentative).toMatchObject({ status: 'tentative' });
  });

  it('matches the room by address without regard to case, and says absent when it is not listed', () => {
    const upper = normaliseEvent(timed, room.toUpperCase());
    expect(upper).toMatchObject({ roomResponse: 'accepted' });
    const absent = normaliseEvent({ ...timed, attendees: undefined }, room);
    expect(absent).toMatchObject({ roomResponse: 'absent', rooms: [] });
  });

  it('summarises a Zoom add-on conference with every entry point', () => {
    const event = normaliseEvent(
      {
        ...timed,
        conferenceData: {
          conferenceId: '94153040095',
          conferenceSolution: { key: { type: 'addOn' }, name: 'Zoom Meeting' },
          entryPoints: [
            { entryPointType: 'video', uri: 'https://turingschool.zoom.us/j/94153040095' },
            { entryPointType: 'phone', uri: 'tel:+16694449171,,94153040095#' },
          ],
        },
      },
      room,
    );
    if (event.kind !== 'single') throw new Error('unreachable');
    expect(event.conference).toEqual({
      solutionType: 'addOn',
      uris: ['https://turingschool.zoom.us/j/94153040095', 'tel:+16694449171,,94153040095#'],
    });
  });

  it('falls back to the creator, then the calendar, when no organizer is given', () => {
    expect(normaliseEvent({ ...timed, organizer: undefined }, room)).toMatchObject({
      organizer: { email: 'ana@example.com' },
    });
    expect(
      normaliseEvent({ ...timed, organizer: undefined, creator: undefined }, room),
    ).toMatchObject({
      organizer: { email: room },
    });
  });

  it('property: every parsable item normalises; cancelled items never come out live', () => {
    const dt = fc.record(
      {
        date: fc.constant('2020-01-06'),
        dateTime: fc.constant('2020-01-06T10:00:00Z'),
        timeZone: fc.constant('UTC'),
      },
      { requiredKeys: [] },
    );
    const item = fc.record(
      {
        id: fc.stringMatching(/^[a-v0-9]{5,20}$/),
        status: fc.constantFrom('confirmed', 'tentative', 'cancelled', 'weird'),
        recurrence: fc.array(fc.constant('RRULE:FREQ=DAILY'), { maxLength: 2 }),
        recurringEventId: fc.stringMatching(/^[a-v0-9]{5,10}$/),
        originalStartTime: dt,
        start: dt,
        end: dt,
        attendees: fc.array(
          fc.record({
            email: fc.constantFrom(room, 'ana@example.com', 'b@example.com'),
            resource: fc.boolean(),
            responseStatus: fc.constantFrom(
              'accepted',
              'declined',
              'tentative',
              'needsAction',
              'other',
            ),
          }),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(item, (value) => {
        const event = normaliseEvent(rawEvent.parse(value), room);
        expect(event.eventId).toBe(value.id);
        expect(event.calendarId).toBe(room);
        if (value.status === 'cancelled')
          expect(['cancelledInstance', 'deleted']).toContain(event.kind);
        else expect(['single', 'master', 'exception']).toContain(event.kind);
        if (event.kind === 'exception') expect(event.recurringEventId).toBe(value.recurringEventId);
        if (event.kind === 'master') expect(event.recurrence.length).toBeGreaterThan(0);
      }),
    );
  });
});
