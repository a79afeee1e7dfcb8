import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoomOccurrenceId } from '../../../src/recurrence/index.js';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';

/**
 * Issue 18: reconcile compares a linked series' live Zoom occurrences with Google's instances
 * (read from Google, not from the store) and repairs the difference: a meeting edited in Zoom
 * behind zoomlink's back, and a store that never learnt an exception.
 */
describe('reconcile: a series whose Zoom occurrences are not Google’s instances', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness();
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());

  /** The live occurrences of a meeting, as [UTC start, minutes], in order. */
  async function zoomSide(meetingId: number) {
    const meeting = (await h.meetings()).find((m) => m.id === meetingId)!;
    return meeting
      .occurrences!.filter((o) => o.status !== 'deleted')
      .map((o) => [o.start_time, o.duration] as const);
  }

  async function linkedSeries(summary: string, hour: number) {
    const { id } = await h.book(alice, [board], {
      summary,
      ...berlin(1, hour),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'],
    });
    // The second Tuesday moves two hours later and lasts 30 minutes.
    await h.patchEvent(alice, alice, `${id}_20300312T${String(hour - 1).padStart(2, '0')}0000Z`, {
      start: { dateTime: `2030-03-12T${hour + 2}:00:00+01:00`, timeZone: 'Europe/Berlin' },
      end: { dateTime: `2030-03-12T${hour + 2}:30:00+01:00`, timeZone: 'Europe/Berlin' },
    });
    await h.settle();
    const link = h.app.store.links.get(id)!;
    expect(link.state).toBe('linked');
    return { id, meetingId: link.zoomMeetingId! };
  }

  it('reports and repairs a meeting edited in Zoom behind zoomlink’s back', async () => {
    const { id, meetingId } = await linkedSeries('Edited in Zoom', 9);
    const google = [
      ['2030-03-05T08:00:00Z', 60],
      ['2030-03-12T10:00:00Z', 30],
      ['2030-03-19T08:00:00Z', 60],
      ['2030-03-26T08:00:00Z', 60],
      ['2030-04-02T07:00:00Z', 60],
    ];
    expect(await zoomSide(meetingId)).toEqual(google);

    // In Zoom, by hand: the moved occurrence back at its rule time, the third an hour later, the
    // fourth deleted.
    const occurrence = (iso: string) => ({ occurrenceId: zoomOccurrenceId(new Date(iso)) });
    await h.app.zoom.updateMeeting(
      meetingId,
      { start_time: '2030-03-12T09:00:00', duration: 60 },
      occurrence('2030-03-12T08:00:00Z'),
    );
    await h.app.zoom.updateMeeting(
      meetingId,
      { start_time: '2030-03-19T10:00:00', duration: 60 },
      occurrence('2030-03-19T08:00:00Z'),
    );
    await h.app.zoom.deleteMeeting(meetingId, occurrence('2030-03-26T08:00:00Z'));

    // A poll does not notice (nothing changed in Google); reconcile does.
    await h.app.engine.poll();
    const found = await h.app.engine.reconcile({ fix: false });
    const mine = found.findings.filter((f) => f.eventId === id);
    expect(mine).toEqual([
      expect.objectContaining({
        kind: 'occurrences_differ',
        occurrences: {
          extra: [],
          moved: [
            {
              originalStart: '2030-03-12T08:00:00.000Z',
              google: { start: '2030-03-12T10:00:00.000Z', durationMinutes: 30 },
              zoom: { start: '2030-03-12T08:00:00.000Z', durationMinutes: 60 },
            },
            {
              originalStart: '2030-03-19T08:00:00.000Z',
              google: { start: '2030-03-19T08:00:00.000Z', durationMinutes: 60 },
              zoom: { start: '2030-03-19T09:00:00.000Z', durationMinutes: 60 },
            },
          ],
          missing: ['2030-03-26T08:00:00.000Z'],
        },
      }),
    ]);

    const fixed = await h.app.engine.reconcile({ fix: true });
    expect(fixed.findings.filter((f) => f.eventId === id)).toEqual([
      expect.objectContaining({ kind: 'occurrences_differ', fixed: true }),
    ]);
    expect(await zoomSide(meetingId)).toEqual(google);
    expect(h.app.store.links.get(id)!.zoomMeetingId).toBe(meetingId);
    const again = await h.app.engine.reconcile({ fix: false });
    expect(again.findings.filter((f) => f.eventId === id)).toEqual([]);
  });

  it('teaches the store an exception it never learnt, and applies it', async () => {
    const { id, meetingId } = await linkedSeries('Lost exception', 14);
    // The store forgets the moved instance, and Zoom has the occurrence at its rule time: the
    // state a lost exception left behind (issue 18).
    const moved = '2030-03-12T13:00:00.000Z';
    h.app.store.overrides.remove(id, moved);
    await h.app.zoom.updateMeeting(
      meetingId,
      { start_time: '2030-03-12T14:00:00', duration: 60 },
      { occurrenceId: zoomOccurrenceId(new Date(moved)) },
    );
    await h.app.engine.poll();

    const fixed = await h.app.engine.reconcile({ fix: true });
    expect(fixed.findings.filter((f) => f.eventId === id)).toEqual([
      expect.objectContaining({ kind: 'occurrences_differ', fixed: true }),
    ]);
    expect((await zoomSide(meetingId))[1]).toEqual(['2030-03-12T15:00:00Z', 30]);
    expect(h.app.store.overrides.get(id, moved)).toMatchObject({
      kind: 'moved',
      newStart: '2030-03-12T15:00:00.000Z',
      newDurationMinutes: 30,
    });
  });
});
