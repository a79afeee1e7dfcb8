import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Meeting, type ZoomHarness } from './zoom-harness.js';

interface Page {
  page_count: number;
  page_number: number;
  page_size: number;
  total_records: number;
  next_page_token: string;
  meetings: Array<Record<string, unknown> & { id: number; start_time?: string }>;
}

describe("Zoom emulator: list a host's meetings", () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  const list = (query = '', host = 'room1@example.com') =>
    h.call<Page>('GET', `/users/${host}/meetings${query}`);

  const createDays = async (days: number[]) => {
    const ids: number[] = [];
    for (const day of days)
      ids.push(
        (
          await h.create<Meeting>({
            topic: `Day ${day}`,
            type: 2,
            start_time: `2024-03-${String(day).padStart(2, '0')}T10:00:00Z`,
          })
        ).id,
      );
    return ids;
  };

  it('pages with next_page_token until it comes back empty, in start order', async () => {
    const ids = await createDays([20, 11, 15, 12, 30, 18, 25]);
    await h.create({ topic: 'other host' }, 'room2@example.com');
    const seen: number[] = [];
    let token = '';
    const pages: Page[] = [];
    do {
      const answer = await list(`?page_size=3${token ? `&next_page_token=${token}` : ''}`);
      expect(answer.status).toBe(200);
      pages.push(answer.body);
      seen.push(...answer.body.meetings.map((m) => m.id));
      token = answer.body.next_page_token;
    } while (token);
    expect(pages.map((p) => p.meetings.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.page_number)).toEqual([1, 2, 3]);
    expect(pages[0]).toMatchObject({ page_count: 3, page_size: 3, total_records: 7 });
    expect(seen.sort()).toEqual([...ids].sort());
    const startsInOrder = pages.flatMap((p) => p.meetings.map((m) => m.start_time));
    expect(startsInOrder).toEqual([...startsInOrder].sort());
  });

  it('defaults to 30 a page and allows at most 300', async () => {
    await createDays([10, 11]);
    expect((await list()).body.page_size).toBe(30);
    expect((await list('?page_size=300')).status).toBe(200);
    const tooMany = await list('?page_size=301');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ code: 300, errors: [{ field: 'page_size' }] });
  });

  it('refuses a next_page_token older than 15 minutes', async () => {
    await createDays([10, 11, 12]);
    const first = await list('?page_size=2');
    h.zoom.server.clock.advance(15 * 60_000 + 1000);
    const late = await list(`?page_size=2&next_page_token=${first.body.next_page_token}`);
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ code: 300 });
  });

  it('shows list items as the spec does: agenda cut to 250, no occurrences or settings', async () => {
    await h.create({
      type: 8,
      topic: 'Series',
      agenda: 'a'.repeat(300),
      start_time: '2024-03-11T10:00:00Z',
      recurrence: { type: 1, end_times: 3 },
    });
    const [item] = (await list()).body.meetings;
    expect(item!.agenda).toBe('a'.repeat(250));
    expect(Object.keys(item!).sort()).toEqual(
      [
        'uuid',
        'id',
        'host_id',
        'topic',
        'type',
        'start_time',
        'duration',
        'timezone',
        'agenda',
        'created_at',
        'join_url',
      ].sort(),
    );
  });

  it('selects upcoming and previous meetings by the emulator clock, and hides deleted ones', async () => {
    const [early, late, gone] = await createDays([10, 20, 25]);
    await h.call('DELETE', `/meetings/${gone}`);
    h.zoom.server.clock.set(new Date('2024-03-15T00:00:00Z'));
    h.token = await h.newToken();
    const ids = async (type: string) =>
      (await list(`?type=${type}`)).body.meetings.map((m) => m.id);
    expect(await ids('upcoming')).toEqual([late]);
    expect(await ids('upcoming_meetings')).toEqual([late]);
    expect(await ids('previous_meetings')).toEqual([early]);
    expect(await ids('scheduled')).toEqual([early, late]);
    expect(await ids('live')).toEqual([]);
    expect((await list('?type=soon')).status).toBe(400);
  });

  it('lists a recurring meeting once, or once per occurrence when switched', async () => {
    const series = await h.create<Meeting>({
      type: 8,
      start_time: '2024-03-11T10:00:00Z',
      recurrence: { type: 1, end_times: 3 },
    });
    expect((await list()).body.meetings.map((m) => m.id)).toEqual([series.id]);
    await h.control('POST', '/switches', { listRecurring: 'per-occurrence' });
    const rows = (await list()).body.meetings;
    expect(rows.map((m) => [m.id, m.start_time])).toEqual([
      [series.id, '2024-03-11T10:00:00Z'],
      [series.id, '2024-03-12T10:00:00Z'],
      [series.id, '2024-03-13T10:00:00Z'],
    ]);
  });

  it('ignores from/to by default, and applies them when switched', async () => {
    await createDays([10, 20]);
    expect((await list('?from=2024-03-15&to=2024-03-31')).body.total_records).toBe(2);
    await h.control('POST', '/switches', { listFromTo: 'applied' });
    expect((await list('?from=2024-03-15&to=2024-03-31')).body.total_records).toBe(1);
  });

  it('answers 404/1001 for an unknown host', async () => {
    const answer = await list('', 'ghost@example.com');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 1001 });
  });
});
