import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrganisation } from '../../../src/emulators/org.js';
import { seeded, startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';

/**
 * Issue 13, undo: `decommission` takes out what zoomlink made for bookings not over — the
 * meetings, and our block, location and property in every copy it wrote (a series' modified
 * instances and an outside organizer's room copies too), the text around kept — leaves bookings
 * that are over as history, and keeps to the rooms it is given.
 */
describe('rollout: decommission', () => {
  let h: SyncHarness;
  let board: string;
  let huddle: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness();
    ({ board, huddle, alice } = seeded(h));
  });
  afterAll(() => h.close());

  it('lists first, then undoes the bookings not over in the rooms named, and only those', async () => {
    const soon = await h.book(alice, [board], { summary: 'Soon', ...berlin(0, 10) });
    const series = await h.book(alice, [board], {
      summary: 'Weekly',
      description: 'Minutes: wiki',
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'],
      ...berlin(1, 9),
    });
    const dana = seedOrganisation.externalOrganizers[0]!.email;
    const partner = await h.book(dana, [board, huddle], {
      summary: 'Partner visit',
      description: 'Reception desk: 3rd floor',
      ...berlin(2, 11),
    });
    const elsewhere = await h.book(alice, [huddle], { summary: 'Huddle only', ...berlin(2, 9) });
    await h.app.engine.poll();
    // A moved instance gets the block in its own copy.
    await h.patchEvent(alice, alice, `${series.id}_20300312T080000Z`, berlin(8, 11));
    await h.settle();
    const meetingOf = (id: string) => h.app.store.links.get(id)!.zoomMeetingId!;
    const moved = (await h.copies(alice)).find((e) => e.recurringEventId === series.id);
    expect(moved?.description).toContain('[zoomlink-begin]');

    // "Soon" is over by now: left as it is.
    h.advance(4 * 3600_000);

    const listed = await h.app.rollout.decommission({ rooms: [board], apply: false });
    expect(h.calls()).toEqual({});
    expect(listed.bookings.map((b) => [b.eventId, b.over, b.status]).sort()).toEqual(
      [
        [soon.id, true, 'planned'],
        [series.id, false, 'planned'],
        [partner.id, false, 'planned'],
      ].sort(),
    );
    expect(listed.bookings.find((b) => b.eventId === partner.id)?.copies).toBe(2);

    const report = await h.app.rollout.decommission({ rooms: [board], apply: true });
    expect(report).toMatchObject({ meetingsDeleted: 2, failed: 0 });
    const live = (await h.meetings()).map((m) => m.id).sort();
    expect(live).toEqual([meetingOf(soon.id), meetingOf(elsewhere.id)].sort());

    const description = async (calendarId: string, id: string) =>
      (await h.copy(calendarId, id))?.description;
    expect(await description(alice, series.id)).toBe('Minutes: wiki');
    expect((await h.copies(alice)).find((e) => e.recurringEventId === series.id)?.description).toBe(
      'Minutes: wiki',
    );
    for (const room of [board, huddle]) {
      const copy = await h.copy(room, partner.id);
      expect(copy?.description).toBe('Reception desk: 3rd floor');
      expect(copy?.extendedProperties?.private?.zoomlinkMeetingId).toBeUndefined();
    }
    expect((await h.copy(alice, series.id))?.location ?? '').toBe('');
    // Over, and outside the rooms named: as they were.
    expect(await description(alice, soon.id)).toContain('[zoomlink-begin]');
    expect(await description(alice, elsewhere.id)).toContain('[zoomlink-begin]');
    expect(h.app.store.links.get(series.id)?.state).toBe('deleted');
    expect(h.app.store.links.get(soon.id)?.state).toBe('linked');
    expect([...h.app.store.decommissions.doneIds()].sort()).toEqual(
      [soon.id, series.id, partner.id].sort(),
    );

    // Again: nothing left to do in that room.
    h.resetCalls();
    const again = await h.app.rollout.decommission({ rooms: [board], apply: true });
    expect(again.bookings.map((b) => b.status)).toEqual(['already']);
    expect(Object.keys(h.calls()).filter((r) => !r.startsWith('GET'))).toEqual([]);
  });
});
