import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, starts, type Meeting, type ZoomHarness } from './zoom-harness.js';

describe('Zoom emulator: series and their occurrences', () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  const weeklySeries = () =>
    h.create<Meeting>({
      type: 8,
      topic: 'Standup',
      agenda: 'Daily things',
      duration: 15,
      start_time: '2024-03-11T09:30:00',
      timezone: 'Europe/Berlin',
      recurrence: { type: 2, weekly_days: '2,4', end_times: 4 },
    });

  it('re-expands a series when its recurrence changes', async () => {
    const meeting = await weeklySeries();
    const patched = await h.call('PATCH', `/meetings/${meeting.id}`, {
      start_time: '2024-03-12T09:30:00',
      recurrence: { type: 1, end_times: 3 },
    });
    expect(patched.status).toBe(204);
    const got = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(starts(got)).toEqual([
      '2024-03-12T08:30:00Z',
      '2024-03-13T08:30:00Z',
      '2024-03-14T08:30:00Z',
    ]);
    expect(got.recurrence).toEqual({ type: 1, end_times: 3 });
  });

  it('turns a scheduled meeting into a series and back', async () => {
    const meeting = await h.create<Meeting>({ type: 2, start_time: '2024-03-11T10:00:00Z' });
    const toSeries = await h.call('PATCH', `/meetings/${meeting.id}`, {
      type: 8,
      recurrence: { type: 1, end_times: 2 },
    });
    expect(toSeries.status).toBe(204);
    const series = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(starts(series)).toEqual(['2024-03-11T10:00:00Z', '2024-03-12T10:00:00Z']);
    const noRecurrence = await h.create<Meeting>({ type: 2, start_time: '2024-03-11T10:00:00Z' });
    const refused = await h.call('PATCH', `/meetings/${noRecurrence.id}`, { type: 8 });
    expect(refused.body).toMatchObject({ code: 300, errors: [{ field: 'recurrence' }] });
    await h.call('PATCH', `/meetings/${meeting.id}`, { type: 2 });
    const single = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(single).not.toHaveProperty('occurrences');
    expect(single).not.toHaveProperty('recurrence');
    expect(single.start_time).toBe('2024-03-11T10:00:00Z');
  });

  it('moves a series by start_time alone, or ignores that when switched', async () => {
    const meeting = await weeklySeries();
    await h.call('PATCH', `/meetings/${meeting.id}`, { start_time: '2024-03-18T09:30:00' });
    const moved = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(starts(moved)[0]).toBe('2024-03-18T08:30:00Z');
    await h.control('POST', '/switches', { seriesStartWithoutRecurrence: 'ignore' });
    await h.call('PATCH', `/meetings/${meeting.id}`, { start_time: '2024-03-25T09:30:00' });
    const kept = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(starts(kept)[0]).toBe('2024-03-18T08:30:00Z');
  });

  it('deletes one occurrence: it stays listed with status "deleted"', async () => {
    const meeting = await weeklySeries();
    const second = meeting.occurrences![1]!;
    const deleted = await h.call(
      'DELETE',
      `/meetings/${meeting.id}?occurrence_id=${second.occurrence_id}`,
    );
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const got = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(got.occurrences!.map((o) => o.status)).toEqual([
      'available',
      'deleted',
      'available',
      'available',
    ]);
    await h.control('POST', '/switches', { deletedOccurrences: 'hidden' });
    const hidden = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(hidden.occurrences!.map((o) => o.occurrence_id)).not.toContain(second.occurrence_id);
  });

  it('answers 400/3000 for an occurrence_id the meeting does not have', async () => {
    const meeting = await weeklySeries();
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { duration: 5 }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await h.call(
        method,
        `/meetings/${meeting.id}?occurrence_id=1700000000000`,
        body,
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ code: 3000, message: 'Invalid occurrence_id.' });
    }
  });

  it('patches one occurrence: only that one moves, its id stays, GET shows its details', async () => {
    const meeting = await weeklySeries();
    const [first, second, third] = meeting.occurrences!;
    const patched = await h.call(
      'PATCH',
      `/meetings/${meeting.id}?occurrence_id=${second!.occurrence_id}`,
      { start_time: '2024-03-14T11:00:00', duration: 60, agenda: 'Moved', topic: 'ignored' },
    );
    expect(patched.status).toBe(204);
    const got = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(got.topic).toBe('Standup');
    expect(got.occurrences![0]).toEqual(first);
    expect(got.occurrences![1]).toEqual({
      occurrence_id: second!.occurrence_id,
      start_time: '2024-03-14T10:00:00Z',
      duration: 60,
      status: 'available',
    });
    expect(got.occurrences![2]).toEqual(third);
    const one = (
      await h.call<Meeting>('GET', `/meetings/${meeting.id}?occurrence_id=${second!.occurrence_id}`)
    ).body;
    expect(one).toMatchObject({
      start_time: '2024-03-14T10:00:00Z',
      duration: 60,
      agenda: 'Moved',
    });
  });

  it('refuses fields a single occurrence cannot change when switched to', async () => {
    await h.control('POST', '/switches', { occurrencePatchOtherFields: 'refuse' });
    const meeting = await weeklySeries();
    const answer = await h.call<{ errors: Array<{ field: string }> }>(
      'PATCH',
      `/meetings/${meeting.id}?occurrence_id=${meeting.occurrences![0]!.occurrence_id}`,
      { topic: 'x', settings: { audio: 'voip', waiting_room: true } },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e) => e.field)).toEqual(['topic', 'settings.audio']);
  });

  it('drops single-occurrence edits when the series is edited, unless switched', async () => {
    const meeting = await weeklySeries();
    const id = meeting.occurrences![1]!.occurrence_id;
    await h.call('DELETE', `/meetings/${meeting.id}?occurrence_id=${id}`);
    await h.call('PATCH', `/meetings/${meeting.id}`, { duration: 20 });
    const reset = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(reset.occurrences!.map((o) => [o.status, o.duration])).toEqual(
      Array(4).fill(['available', 20]),
    );
    await h.control('POST', '/switches', { seriesEditResetsOccurrences: false });
    await h.call('DELETE', `/meetings/${meeting.id}?occurrence_id=${id}`);
    await h.call('PATCH', `/meetings/${meeting.id}`, { duration: 25 });
    const kept = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(kept.occurrences![1]!.status).toBe('deleted');
  });
});
