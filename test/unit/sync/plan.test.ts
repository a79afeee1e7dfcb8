import { describe, expect, it } from 'vitest';
import type { Action, EventPlan } from '../../../src/sync/plan/actions.js';
import { planEventSync } from '../../../src/sync/plan/plan-event.js';
import { ANNEX, BOARD, booking, CONFIG, deleted, kinds, NOW } from './fixtures.js';
import { Model } from './plan-model.js';

const plan = (model: Model, event: Parameters<typeof planEventSync>[0], now = NOW) =>
  planEventSync(event, model.state(), now, CONFIG);

/** Plans and applies (to the model) until the booking is linked and our write-back was seen. */
function linked(model: Model, event: ReturnType<typeof booking>): void {
  model.apply(plan(model, event), event);
  expect(model.link?.state).toBe('linked');
}

const find = <K extends Action['kind']>(p: EventPlan, kind: K) =>
  p.actions.find((a): a is Extract<Action, { kind: K }> => a.kind === kind);

describe('planEventSync: named cases', () => {
  it('a new single booking: one type 2 meeting on the room host, written back, linked', () => {
    const p = plan(new Model(), booking());
    expect(kinds(p)).toEqual(['createMeeting', 'writeBack', 'markLinked']);
    const create = find(p, 'createMeeting')!;
    expect(create.meeting).toMatchObject({
      host: 'zoom-b@example.com',
      strategy: 'single',
      request: {
        type: 2,
        topic: 'Weekly review',
        start_time: '2030-03-05T10:00:00',
        timezone: 'Europe/Berlin',
        duration: 60,
      },
    });
    expect(create.rooms).toEqual([BOARD]);
  });

  it('a new series with an EXDATE: one type 8 meeting, then the extra occurrence deleted', () => {
    const p = plan(
      new Model(),
      booking({
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4', 'EXDATE;TZID=Europe/Berlin:20300312T100000'],
      }),
    );
    expect(kinds(p)).toEqual(['createMeeting', 'deleteOccurrences', 'writeBack', 'markLinked']);
    expect(find(p, 'createMeeting')!.meeting.request).toMatchObject({
      type: 8,
      recurrence: { type: 2, end_times: 4 },
    });
    expect(find(p, 'deleteOccurrences')!.starts).toEqual(['2030-03-12T09:00:00.000Z']);
  });

  it('our own write-back seen again: nothing at all', () => {
    const model = new Model();
    linked(model, booking());
    expect(plan(model, model.seenAgain(booking()))).toEqual({ bookingId: 'evt0001', actions: [] });
  });

  it('a block a person removed: written again, no Zoom call', () => {
    const model = new Model();
    linked(model, booking());
    expect(kinds(plan(model, booking({ description: 'my notes' })))).toEqual([
      'writeBack',
      'markLinked',
    ]);
  });

  it('an outside organizer: every watched room that holds the booking gets the block on its copy', () => {
    const model = new Model();
    linked(model, booking());
    // Written per room (the organizer is not ours): the Board's copy has it.
    model.link = { ...model.link!, writebackCalendarId: BOARD, writebackAs: 'admin@example.com' };
    const both = [
      { email: BOARD, responseStatus: 'accepted' as const },
      { email: ANNEX, responseStatus: 'accepted' as const },
    ];
    const annexCopy = booking({ calendarId: ANNEX, rooms: both });
    // The Annex now holds it too: its copy is written as well.
    expect(plan(model, annexCopy).actions).toEqual([
      { kind: 'setRooms', rooms: [ANNEX, BOARD].sort() },
      { kind: 'writeBack', event: annexCopy },
      { kind: 'markLinked' },
    ]);
    model.link = { ...model.link!, rooms: [ANNEX, BOARD].sort() };
    // Each room's copy shows our block once written; one without it asks for it again.
    expect(plan(model, model.seenAgain(annexCopy)).actions).toEqual([]);
    expect(kinds(plan(model, annexCopy))).toEqual(['writeBack', 'markLinked']);
    // The Annex declines: the block goes from its copy (it stays on its calendar), the room from the link.
    const declined = booking({
      calendarId: ANNEX,
      rooms: [both[0]!, { email: ANNEX, responseStatus: 'declined' }],
      roomResponse: 'declined',
    });
    expect(plan(model, declined).actions).toEqual([
      { kind: 'removeBlock', calendarIds: [ANNEX] },
      { kind: 'dropRoom', calendarId: ANNEX },
    ]);
    // Taken off the booking, its copy is cancelled: nothing to take out.
    expect(plan(model, deleted(ANNEX)).actions).toEqual([{ kind: 'dropRoom', calendarId: ANNEX }]);
  });

  it('retitled or retimed: the meeting updated in place, then written back', () => {
    const model = new Model();
    linked(model, booking());
    const p = plan(model, model.seenAgain(booking({ summary: 'Monthly review' })));
    expect(kinds(p)).toEqual(['updateMeeting', 'writeBack', 'markLinked']);
    expect(find(p, 'updateMeeting')!.meetingId).toBe(model.link!.zoomMeetingId);
  });

  it('a single turned into a series: still updated in place (Zoom changes the type)', () => {
    const model = new Model();
    linked(model, booking());
    const p = plan(model, model.seenAgain(booking({ recurrence: ['RRULE:FREQ=DAILY;COUNT=3'] })));
    expect(kinds(p)).toEqual(['updateMeeting', 'writeBack', 'markLinked']);
    expect(find(p, 'updateMeeting')!.meeting.request.type).toBe(8);
  });

  it('to one meeting per occurrence: the meeting is replaced, never patched', () => {
    const model = new Model();
    linked(model, booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3'] }));
    const perOccurrence = {
      ...CONFIG,
      recurrence: { ...CONFIG.recurrence, fallback: 'per_occurrence' as const },
    };
    const event = model.seenAgain(
      booking({
        // An extra date at another clock time: no Zoom series holds it.
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE;TZID=Europe/Berlin:20300306T150000'],
      }),
    );
    const p = planEventSync(event, model.state(), NOW, perOccurrence);
    expect(kinds(p)).toEqual([
      'deleteMeeting',
      'setOccurrenceStrategy',
      'createOccurrenceMeeting',
      'createOccurrenceMeeting',
      'createOccurrenceMeeting',
      'createOccurrenceMeeting',
      'writeBack',
      'markLinked',
    ]);
  });

  it('deleted, and no other watched room holds it: meeting deleted, block removed, link deleted', () => {
    const model = new Model();
    linked(model, booking());
    expect(kinds(plan(model, deleted()))).toEqual(['deleteMeeting', 'removeBlock', 'markDeleted']);
  });

  it('deleted for one room while another still holds it: only that room is dropped', () => {
    const model = new Model();
    const twoRooms = booking({
      rooms: [
        { email: BOARD, responseStatus: 'accepted' },
        { email: ANNEX, responseStatus: 'accepted' },
      ],
    });
    linked(model, twoRooms);
    expect(plan(model, deleted(BOARD)).actions).toEqual([{ kind: 'dropRoom', calendarId: BOARD }]);
    // The organizer's copy says cancelled: the room speaks for every room.
    const cancelled = { ...model.state(), cancelledByOrganizer: true };
    expect(kinds(planEventSync(deleted(BOARD), cancelled, NOW, CONFIG))).toEqual([
      'deleteMeeting',
      'removeBlock',
      'markDeleted',
    ]);
  });

  it('a deletion of a booking we never linked, or already deleted: nothing', () => {
    expect(plan(new Model(), deleted()).actions).toEqual([]);
    const model = new Model();
    linked(model, booking());
    model.apply(plan(model, deleted()), deleted());
    expect(plan(model, deleted()).actions).toEqual([]);
  });

  it('declined by this room: skipped, and like a deletion for it', () => {
    const model = new Model();
    linked(model, booking());
    const p = plan(
      model,
      booking({ roomResponse: 'declined', rooms: [{ email: BOARD, responseStatus: 'declined' }] }),
    );
    expect(p.skipped?.reason).toBe('declined_by_room');
    expect(kinds(p)).toEqual(['deleteMeeting', 'removeBlock', 'markDeleted']);
  });

  it('all-day, another eventType, finished: skipped and recorded once, no Zoom call', () => {
    const allDay = booking({
      allDay: true,
      start: { date: '2030-03-05' },
      end: { date: '2030-03-06' },
    });
    const focus = booking({ eventType: 'focusTime' });
    const past = booking({
      start: { dateTime: '2030-03-01T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2030-03-01T11:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    for (const [event, reason] of [
      [allDay, 'all_day'],
      [focus, 'not_a_booking'],
      [past, 'finished'],
    ] as const) {
      const model = new Model();
      const first = plan(model, event);
      expect(first.skipped?.reason).toBe(reason);
      expect(kinds(first)).toEqual(['recordIgnored']);
      model.apply(first, event);
      const again = plan(model, event);
      expect(again.skipped?.reason).toBe(reason);
      expect(again.actions).toEqual([]);
    }
  });

  it('a linked booking that is over keeps its meeting as history', () => {
    const model = new Model();
    linked(model, booking());
    const later = new Date('2030-03-06T00:00:00Z');
    const p = plan(model, model.seenAgain(booking()), later);
    expect(p.skipped?.reason).toBe('finished');
    expect(p.actions).toEqual([]);
  });

  it('a linked booking that becomes all-day loses its meeting and is recorded as skipped', () => {
    const model = new Model();
    linked(model, booking());
    const p = plan(
      model,
      booking({ allDay: true, start: { date: '2030-03-05' }, end: { date: '2030-03-06' } }),
    );
    expect(kinds(p)).toEqual(['deleteMeeting', 'removeBlock', 'recordIgnored']);
  });

  it('a Zoom link zoomlink did not make: recorded as foreign, never touched', () => {
    const event = booking({ description: 'Dial in: https://acme.zoom.us/j/91234567890?pwd=abc' });
    const model = new Model();
    const p = plan(model, event);
    expect(p.skipped?.reason).toBe('foreign_zoom_link');
    expect(p.actions).toMatchObject([{ kind: 'recordIgnored', strategy: 'foreign' }]);
    model.apply(p, event);
    expect(plan(model, event).actions).toEqual([]);
    // Once the foreign link is gone, the booking is ours to link.
    expect(kinds(plan(model, booking()))).toEqual(['createMeeting', 'writeBack', 'markLinked']);
  });

  it('a Zoom conference or a location from someone else is foreign too', () => {
    const conference = booking({
      conference: { solutionType: 'addOn', uris: ['https://zoom.us/j/91234567890'] },
    });
    const location = booking({ location: 'https://us02web.zoom.us/j/91234567890' });
    for (const event of [conference, location])
      expect(plan(new Model(), event).skipped?.reason).toBe('foreign_zoom_link');
  });

  it('two watched rooms: the host is that of the first room by calendar id, whichever copy is read', () => {
    const rooms = [
      { email: BOARD, responseStatus: 'accepted' as const },
      { email: ANNEX, responseStatus: 'accepted' as const },
    ];
    for (const calendarId of [BOARD, ANNEX]) {
      const p = plan(new Model(), booking({ calendarId, rooms }));
      expect(find(p, 'createMeeting')!.meeting.host).toBe('zoom-a@example.com');
      expect(find(p, 'createMeeting')!.rooms).toEqual([ANNEX, BOARD].sort());
    }
    // A room that declined is not a candidate.
    const declined = plan(
      new Model(),
      booking({
        rooms: [
          { email: BOARD, responseStatus: 'accepted' },
          { email: ANNEX, responseStatus: 'declined' },
        ],
      }),
    );
    expect(find(declined, 'createMeeting')!.meeting.host).toBe('zoom-b@example.com');
  });
});
