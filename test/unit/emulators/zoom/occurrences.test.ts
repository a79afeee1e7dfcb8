import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, starts, type Meeting, type ZoomHarness } from './zoom-harness.js';

describe('Zoom emulator: occurrences of recurring meetings (type 8)', () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  const series = (start_time: string, timezone: string, recurrence: Record<string, unknown>) =>
    h.create<Meeting>({ type: 8, topic: 'Series', duration: 45, start_time, timezone, recurrence });

  it('daily every 2 days keeps 09:00 Berlin across the DST change (08:00Z, then 07:00Z)', async () => {
    const meeting = await series('2024-03-28T09:00:00', 'Europe/Berlin', {
      type: 1,
      repeat_interval: 2,
      end_times: 4,
    });
    expect(starts(meeting)).toEqual([
      '2024-03-28T08:00:00Z',
      '2024-03-30T08:00:00Z',
      '2024-04-01T07:00:00Z',
      '2024-04-03T07:00:00Z',
    ]);
    expect(meeting.occurrences!.every((o) => o.duration === 45 && o.status === 'available')).toBe(
      true,
    );
  });

  it('daily in New York across the autumn change keeps 09:00 local', async () => {
    h.zoom.server.clock.set(new Date('2024-10-20T00:00:00Z'));
    h.token = await h.newToken();
    const meeting = await series('2024-11-01T09:00:00', 'America/New_York', {
      type: 1,
      end_times: 4,
    });
    expect(starts(meeting)).toEqual([
      '2024-11-01T13:00:00Z',
      '2024-11-02T13:00:00Z',
      '2024-11-03T14:00:00Z',
      '2024-11-04T14:00:00Z',
    ]);
  });

  it('weekly on several days starts at the first matching day after a non-matching start', async () => {
    // 2024-03-12 is a Tuesday; the series is Monday, Wednesday, Friday at 10:00 New York (EDT).
    const recurrence = { type: 2, weekly_days: '2,4,6', end_times: 5 };
    const meeting = await series('2024-03-12T10:00:00', 'America/New_York', recurrence);
    expect(starts(meeting)).toEqual([
      '2024-03-13T14:00:00Z',
      '2024-03-15T14:00:00Z',
      '2024-03-18T14:00:00Z',
      '2024-03-20T14:00:00Z',
      '2024-03-22T14:00:00Z',
    ]);
    await h.control('POST', '/switches', { firstOccurrence: 'start-always' });
    const rfc = await series('2024-03-12T10:00:00', 'America/New_York', recurrence);
    expect(starts(rfc)).toEqual([
      '2024-03-12T14:00:00Z',
      '2024-03-13T14:00:00Z',
      '2024-03-15T14:00:00Z',
      '2024-03-18T14:00:00Z',
      '2024-03-20T14:00:00Z',
    ]);
  });

  it('every 2 weeks counts weeks from the Sunday (or, switched, Monday) before the start', async () => {
    // Start Wednesday 2024-03-13; Sundays and Tuesdays every other week.
    const recurrence = { type: 2, repeat_interval: 2, weekly_days: '1,3', end_times: 3 };
    const sunday = await series('2024-03-13T09:00:00', 'UTC', recurrence);
    expect(starts(sunday)).toEqual([
      '2024-03-24T09:00:00Z',
      '2024-03-26T09:00:00Z',
      '2024-04-07T09:00:00Z',
    ]);
    await h.control('POST', '/switches', { weekStart: 'monday' });
    const monday = await series('2024-03-13T09:00:00', 'UTC', recurrence);
    expect(starts(monday)).toEqual([
      '2024-03-17T09:00:00Z',
      '2024-03-26T09:00:00Z',
      '2024-03-31T09:00:00Z',
    ]);
  });

  it('monthly on day 31 lands on the last day of short months, or skips them when switched', async () => {
    const recurrence = { type: 3, monthly_day: 31, end_times: 4 };
    const clamped = await series('2024-03-31T10:00:00', 'Europe/Berlin', recurrence);
    expect(starts(clamped)).toEqual([
      '2024-03-31T08:00:00Z',
      '2024-04-30T08:00:00Z',
      '2024-05-31T08:00:00Z',
      '2024-06-30T08:00:00Z',
    ]);
    await h.control('POST', '/switches', { monthlyDayBeyondMonthEnd: 'skip' });
    const skipped = await series('2024-03-31T10:00:00', 'Europe/Berlin', recurrence);
    expect(starts(skipped)).toEqual([
      '2024-03-31T08:00:00Z',
      '2024-05-31T08:00:00Z',
      '2024-07-31T08:00:00Z',
      '2024-08-31T08:00:00Z',
    ]);
  });

  it('monthly by day starts in the next month when the day has passed in the first', async () => {
    const meeting = await series('2024-03-20T10:00:00', 'UTC', {
      type: 3,
      monthly_day: 15,
      end_times: 2,
    });
    expect(starts(meeting)).toEqual(['2024-04-15T10:00:00Z', '2024-05-15T10:00:00Z']);
  });

  it('monthly on the 2nd Tuesday, the last Friday, and every 3 months on the 1st Monday', async () => {
    const second = await series('2024-03-07T18:30:00', 'UTC', {
      type: 3,
      monthly_week: 2,
      monthly_week_day: 3,
      end_times: 3,
    });
    expect(starts(second)).toEqual([
      '2024-03-12T18:30:00Z',
      '2024-04-09T18:30:00Z',
      '2024-05-14T18:30:00Z',
    ]);
    const last = await series('2024-03-07T18:30:00', 'UTC', {
      type: 3,
      monthly_week: -1,
      monthly_week_day: 6,
      end_times: 3,
    });
    expect(starts(last)).toEqual([
      '2024-03-29T18:30:00Z',
      '2024-04-26T18:30:00Z',
      '2024-05-31T18:30:00Z',
    ]);
    const quarterly = await series('2024-03-07T18:30:00', 'UTC', {
      type: 3,
      repeat_interval: 3,
      monthly_week: 1,
      monthly_week_day: 2,
      end_times: 3,
    });
    expect(starts(quarterly)).toEqual([
      '2024-06-03T18:30:00Z',
      '2024-09-02T18:30:00Z',
      '2024-12-02T18:30:00Z',
    ]);
  });

  it('gives each occurrence its start in epoch milliseconds as occurrence_id', async () => {
    const meeting = await series('2024-03-28T09:00:00', 'Europe/Berlin', {
      type: 2,
      weekly_days: '1,5,7',
      end_times: 12,
    });
    expect(meeting.occurrences).toHaveLength(12);
    for (const occurrence of meeting.occurrences!)
      expect(occurrence.occurrence_id).toBe(String(Date.parse(occurrence.start_time)));
  });

  it('bounds end_date_time by instant, or by its whole date in the meeting zone when switched', async () => {
    const recurrence = { type: 1, end_date_time: '2024-03-13T00:00:00Z' };
    const instant = await series('2024-03-11T10:00:00', 'Europe/Berlin', recurrence);
    expect(starts(instant)).toEqual(['2024-03-11T09:00:00Z', '2024-03-12T09:00:00Z']);
    const exact = await series('2024-03-11T10:00:00', 'Europe/Berlin', {
      type: 1,
      end_date_time: '2024-03-13T09:00:00Z',
    });
    expect(starts(exact)).toHaveLength(3);
    await h.control('POST', '/switches', { endDateTime: 'end-of-day-in-timezone' });
    const wholeDay = await series('2024-03-11T10:00:00', 'Europe/Berlin', recurrence);
    expect(starts(wholeDay)).toEqual([
      '2024-03-11T09:00:00Z',
      '2024-03-12T09:00:00Z',
      '2024-03-13T09:00:00Z',
    ]);
  });

  it('reads a start_time with Z as UTC, keeping the wall-clock time of that instant in the zone', async () => {
    const meeting = await series('2024-03-28T08:00:00Z', 'Europe/Berlin', {
      type: 1,
      end_times: 5,
    });
    expect(starts(meeting)).toEqual([
      '2024-03-28T08:00:00Z',
      '2024-03-29T08:00:00Z',
      '2024-03-30T08:00:00Z',
      '2024-03-31T07:00:00Z',
      '2024-04-01T07:00:00Z',
    ]);
    expect(meeting.start_time).toBe('2024-03-28T08:00:00Z');
  });

  it('moves a past start to now (moodle-mod_zoom #341), or keeps it when switched', async () => {
    const moved = await h.create<Meeting>({ type: 2, start_time: '2024-03-01T10:00:00Z' });
    expect(moved.start_time).toBe('2024-03-06T12:00:00Z');
    const series8 = await series('2024-03-04T10:00:00', 'UTC', {
      type: 2,
      weekly_days: '2',
      end_times: 2,
    });
    // Moved to now (Wednesday 12:00): the next Monday, at the time of day of "now".
    expect(starts(series8)).toEqual(['2024-03-11T12:00:00Z', '2024-03-18T12:00:00Z']);
    await h.control('POST', '/switches', { pastStartTime: 'keep' });
    const kept = await h.create<Meeting>({ type: 2, start_time: '2024-03-01T10:00:00Z' });
    expect(kept.start_time).toBe('2024-03-01T10:00:00Z');
  });

  it('starts a series without start_time now, to the whole second, ids still matching', async () => {
    h.zoom.server.clock.set(new Date('2024-03-06T12:00:00.789Z'));
    const meeting = await h.create<Meeting>({ type: 8, recurrence: { type: 1, end_times: 2 } });
    expect(starts(meeting)).toEqual(['2024-03-06T12:00:00Z', '2024-03-07T12:00:00Z']);
    for (const occurrence of meeting.occurrences!)
      expect(occurrence.occurrence_id).toBe(String(Date.parse(occurrence.start_time)));
  });

  it('gives type 3 meetings neither occurrences nor a start_time, and ignores their recurrence', async () => {
    const meeting = await h.create<Meeting>({
      type: 3,
      start_time: '2024-04-01T10:00:00Z',
      recurrence: { type: 1, end_times: 3 },
    });
    expect(meeting).not.toHaveProperty('occurrences');
    expect(meeting).not.toHaveProperty('start_time');
    expect(meeting).not.toHaveProperty('recurrence');
  });

  it('shows the next occurrence as the meeting start and hides past ones unless asked', async () => {
    const meeting = await series('2024-03-11T10:00:00', 'UTC', { type: 1, end_times: 5 });
    h.zoom.server.clock.set(new Date('2024-03-13T12:00:00Z'));
    h.token = await h.newToken();
    const now = await h.call<Meeting>('GET', `/meetings/${meeting.id}`);
    expect(now.body.start_time).toBe('2024-03-14T10:00:00Z');
    expect(starts(now.body)).toEqual(['2024-03-14T10:00:00Z', '2024-03-15T10:00:00Z']);
    const all = await h.call<Meeting>(
      'GET',
      `/meetings/${meeting.id}?show_previous_occurrences=true`,
    );
    expect(starts(all.body)).toHaveLength(5);
  });
});
