import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSyncHarness, type SyncHarness } from './sync-harness.js';
import { berlin } from '../../support/time.js';
import { syncRoutes as routes } from '../../support/routes.js';

/**
 * Issue 5, cases 3–6, 8 and 9: bookings that change after they were linked, through both
 * emulators with the real clients, with the calls each change costs.
 */
describe('sync engine: bookings that change', () => {
  let h: SyncHarness;
  let board: string;
  let alice: string;

  beforeAll(async () => {
    h = await startSyncHarness();
    board = h.rooms[0]!.calendarId;
    alice = h.people[0]!;
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    await h.settle();
  });

  /** Books, links and settles (the write-back seen) a booking; returns its id and meeting. */
  async function linked(event: Record<string, unknown>, rooms = [board]) {
    const { id } = await h.book(alice, rooms, event);
    await h.settle();
    const link = h.app.store.links.get(id)!;
    expect(link.state).toBe('linked');
    const meeting = (await h.meetings()).find((m) => m.id === link.zoomMeetingId);
    return { id, link, meeting: meeting! };
  }

  // Each test books its own hours: a room declines a booking that overlaps one it holds.
  const weekly = (summary: string, hour: number) => ({
    summary,
    ...berlin(1, hour),
    recurrence: ['RRULE:FREQ=WEEKLY;COUNT=5'],
  });

  it('case 3: a moved instance patches that Zoom occurrence; a cancelled one deletes it', async () => {
    const { id, meeting } = await linked(weekly('Standup moves', 9));
    // The second Tuesday, 2030-03-12 09:00 Berlin, moves to 11:30 for 30 minutes.
    await h.patchEvent(alice, alice, `${id}_20300312T080000Z`, {
      start: { dateTime: '2030-03-12T11:30:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2030-03-12T12:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    const moved = await h.app.engine.poll();
    expect(moved.occurrencesChanged).toBe(1);
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.update]: 1 });
    let occurrences = (await h.meetings()).find((m) => m.id === meeting.id)!.occurrences!;
    expect(occurrences.find((o) => o.occurrence_id === '1899532800000')).toMatchObject({
      start_time: '2030-03-12T10:30:00Z',
      duration: 30,
    });

    h.resetCalls();
    await h.deleteEvent(alice, alice, `${id}_20300319T080000Z`);
    const cancelled = await h.app.engine.poll();
    expect(cancelled.occurrencesChanged).toBe(1);
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.delete]: 1 });
    occurrences = (await h.meetings()).find((m) => m.id === meeting.id)!.occurrences!;
    expect(occurrences.find((o) => o.occurrence_id === '1900137600000')?.status).toBe('deleted');
    expect(occurrences.filter((o) => o.status !== 'deleted')).toHaveLength(4);

    // Seen again (the next polls): nothing more.
    await h.app.engine.poll();
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });
  });

  it('a modified instance’s own copy gets the block for the series’ meeting, once, and again when the meeting changes', async () => {
    // The second Tuesday is moved, and given its own description, before zoomlink sees the series:
    // a change of the series' description does not reach it (it is its own event in Google).
    const { id } = await h.book(alice, [board], weekly('Office hours', 17));
    const instance = `${id}_20300312T160000Z`;
    await h.patchEvent(alice, alice, instance, {
      description: 'Bring the slides.',
      start: { dateTime: '2030-03-12T18:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2030-03-12T19:00:00+01:00', timeZone: 'Europe/Berlin' },
    });
    await h.app.engine.poll();
    // The series: a create and its write-back; the instance: its Zoom occurrence moved, and our
    // block written into its own copy (one read, one patch).
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.update]: 1,
      [routes.get]: 2,
      [routes.patch]: 2,
    });
    const link = h.app.store.links.get(id)!;
    for (const calendar of [alice, board]) {
      const copy = await h.copy(calendar, instance);
      expect(copy?.description).toContain(link.joinUrl!);
      expect(copy?.description?.startsWith('Bring the slides.')).toBe(true);
    }

    // The polls that see our writes, and a quiet one: one events.list per room.
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3 });

    // A person takes the block out of that occurrence: it is written again, their text kept.
    await h.patchEvent(alice, alice, instance, { description: 'Slides, please.' });
    h.resetCalls();
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.get]: 1, [routes.patch]: 1 });
    expect((await h.copy(alice, instance))?.description).toContain(link.joinUrl!);

    // The meeting was deleted in Zoom by hand and the series retitled: a new meeting, and the
    // instance's copy follows the series' new block.
    await h.app.zoom.deleteMeeting(link.zoomMeetingId!);
    await h.app.engine.poll();
    await h.patchEvent(alice, alice, id, { summary: 'Office hours (new room)' });
    h.resetCalls();
    await h.app.engine.poll();
    const relinked = h.app.store.links.get(id)!;
    expect(relinked.joinUrl).not.toBe(link.joinUrl);
    expect(h.calls()).toMatchObject({ [routes.create]: 1, [routes.get]: 2, [routes.patch]: 2 });
    const copy = await h.copy(alice, instance);
    expect(copy?.description).toContain(relinked.joinUrl!);
    expect(copy?.description).not.toContain(link.joinUrl!);

    // A series linked before exceptions' blocks were recorded: reconcile reports it from the
    // store, and its fix looks at the copy (already right here: a read, no write).
    const [override] = h.app.store.overrides.listForLink(id);
    h.app.store.overrides.put({ ...override!, writebackHash: null });
    const found = await h.app.engine.reconcile({ fix: false });
    expect(found.findings.filter((f) => f.eventId === id)).toEqual([
      expect.objectContaining({
        kind: 'block_missing',
        detail: expect.stringContaining('1 modified'),
      }),
    ]);
    h.resetCalls();
    const fixed = await h.app.engine.reconcile({ fix: true });
    expect(fixed.findings.filter((f) => f.eventId === id)).toEqual([
      expect.objectContaining({ kind: 'block_missing', fixed: true }),
    ]);
    expect(h.callsFor('calendar', alice)[routes.patch]).toBeUndefined();
    expect(h.app.store.overrides.listForLink(id)[0]!.writebackHash).toBe(relinked.writebackHash);
  });

  it('case 4: a retitled or retimed booking, or a new rule, updates the meeting in place (same join link)', async () => {
    const single = await linked({ summary: 'Budget', ...berlin(3, 15) });
    await h.patchEvent(alice, alice, single.id, { summary: 'Budget (final)', ...berlin(3, 16) });
    const retitled = await h.app.engine.poll();
    expect(retitled.meetingsUpdated).toBe(1);
    // One PATCH of the meeting; the write-back reads the organizer's copy (and writes it only
    // when the block's text changes).
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.update]: 1, [routes.get]: 1 });
    const after = (await h.meetings()).find((m) => m.id === single.meeting.id)!;
    expect(after).toMatchObject({
      topic: 'Budget (final)',
      start_time: '2030-03-07T15:00:00Z',
      join_url: single.meeting.join_url,
    });

    const series = await linked(weekly('Planning', 10));
    await h.patchEvent(alice, alice, series.id, {
      recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
      ...berlin(1, 8),
    });
    h.resetCalls();
    await h.app.engine.poll();
    // The new rule makes 3 occurrences where there were 5: one PATCH, no create, no delete.
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.update]: 1, [routes.get]: 1 });
    const daily = (await h.meetings()).find((m) => m.id === series.meeting.id)!;
    expect(daily.join_url).toBe(series.meeting.join_url);
    expect(
      daily.occurrences!.filter((o) => o.status !== 'deleted').map((o) => o.start_time),
    ).toEqual(['2030-03-05T07:00:00Z', '2030-03-06T07:00:00Z', '2030-03-07T07:00:00Z']);
    expect(h.app.store.links.get(series.id)).toMatchObject({ state: 'linked', strategy: 'series' });
  });

  it('case 5: "this and following" ends the old meeting’s series where Google’s ends; the new series gets its own meeting', async () => {
    const { id, meeting } = await linked(weekly('Retro', 13));
    const split = await h.splitSeries(alice, alice, id, '2030-03-19T13:00:00+01:00');
    expect(split.old.id).toBe(id);
    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 1, meetingsUpdated: 1 });
    // The old series: one PATCH and a read of its copy; the new one: a create, a read, a write.
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.create]: 1,
      [routes.update]: 1,
      [routes.get]: 2,
      [routes.patch]: 1,
    });

    const meetings = await h.meetings();
    const old = meetings.find((m) => m.id === meeting.id)!;
    expect(old.join_url).toBe(meeting.join_url);
    expect(old.occurrences!.filter((o) => o.status !== 'deleted').map((o) => o.start_time)).toEqual(
      ['2030-03-05T12:00:00Z', '2030-03-12T12:00:00Z'],
    );
    const nextLink = h.app.store.links.get(split.next.id)!;
    expect(nextLink).toMatchObject({ state: 'linked', strategy: 'series' });
    const next = meetings.find((m) => m.id === nextLink.zoomMeetingId)!;
    expect(next.join_url).not.toBe(meeting.join_url);
    expect(
      next.occurrences!.filter((o) => o.status !== 'deleted').map((o) => o.start_time),
    ).toEqual(['2030-03-19T12:00:00Z', '2030-03-26T12:00:00Z', '2030-04-02T11:00:00Z']);
    expect((await h.copy(alice, split.next.id))?.description).toContain(next.join_url);
    expect((await h.copy(alice, id))?.description).toContain(meeting.join_url);
  });

  it('case 6: a deleted booking loses its meeting', async () => {
    const { id, meeting } = await linked({ summary: 'Cancelled lunch', ...berlin(4, 12) });
    await h.deleteEvent(alice, alice, id);
    const summary = await h.app.engine.poll();
    expect(summary.meetingsDeleted).toBe(1);
    // The organizer's copy is gone too: one read finds that, and nothing is written.
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.delete]: 1, [routes.get]: 1 });
    expect((await h.meetings()).some((m) => m.id === meeting.id)).toBe(false);
    expect(h.app.store.links.get(id)?.state).toBe('deleted');
  });

  it('case 6: a booking the room was taken off loses its meeting and our block, keeping the text around it', async () => {
    const { id, meeting } = await linked({
      summary: 'Moved elsewhere',
      description: 'Agenda: numbers.',
      ...berlin(4, 14),
    });
    await h.patchEvent(alice, alice, id, { attendees: [] });
    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsDeleted: 1, linksRemoved: 1 });
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.delete]: 1,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    const copy = await h.copy(alice, id);
    expect(copy?.description).toBe('Agenda: numbers.');
    expect(copy?.location ?? '').toBe('');
    expect(copy?.extendedProperties?.private?.zoomlinkMeetingId).toBeUndefined();
    expect((await h.meetings()).some((m) => m.id === meeting.id)).toBe(false);
  });

  it('case 8: a block a person removed or edited is written again, and their text is kept', async () => {
    const { id, meeting } = await linked({ summary: 'Hiring panel', ...berlin(5, 10) });
    await h.patchEvent(alice, alice, id, { description: 'Bring CVs.' });
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.get]: 1, [routes.patch]: 1 });
    let copy = await h.copy(alice, id);
    expect(copy?.description?.startsWith('Bring CVs.')).toBe(true);
    expect(copy?.description).toContain(meeting.join_url);

    h.resetCalls();
    await h.patchEvent(alice, alice, id, {
      description: copy!.description!.replace(meeting.join_url, 'https://example.com/nope'),
    });
    await h.app.engine.poll();
    expect(h.calls()).toEqual({ [routes.list]: 3, [routes.get]: 1, [routes.patch]: 1 });
    copy = await h.copy(alice, id);
    expect(copy?.description).toContain(meeting.join_url);
    expect(copy?.description).not.toContain('example.com/nope');
    expect(copy?.description?.startsWith('Bring CVs.')).toBe(true);
  });

  it('case 9: a meeting deleted in Zoom by hand is made again and the link rewritten', async () => {
    const { id, meeting } = await linked({ summary: 'Vendor call', ...berlin(6, 11) });
    expect(await h.app.zoom.deleteMeeting(meeting.id)).toBe('deleted');
    h.resetCalls();
    await h.patchEvent(alice, alice, id, { summary: 'Vendor call (moved)' });
    const summary = await h.app.engine.poll();
    expect(summary).toMatchObject({ meetingsCreated: 1, failed: 0 });
    // The update answers 404/3001; a new meeting is made under a new intent and written back.
    expect(h.calls()).toEqual({
      [routes.list]: 3,
      [routes.update]: 1,
      [routes.create]: 1,
      [routes.get]: 1,
      [routes.patch]: 1,
    });
    const link = h.app.store.links.get(id)!;
    expect(link.zoomMeetingId).not.toBe(meeting.id);
    const copy = await h.copy(alice, id);
    expect(copy?.description).toContain(link.joinUrl!);
    expect(copy?.description).not.toContain(meeting.join_url);
    expect(copy?.location).toBe(link.joinUrl);
  });
});
