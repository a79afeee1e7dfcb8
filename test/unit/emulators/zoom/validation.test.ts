import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type ZoomHarness } from './zoom-harness.js';

interface ValidationBody {
  code: number;
  message: string;
  errors?: Array<{ field: string; message: string }>;
}

describe('Zoom emulator: request validation (spec and recurrence rules)', () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  const weekly = { type: 2, weekly_days: '2', end_times: 3 };
  const create = (body: unknown) =>
    h.call<ValidationBody>('POST', '/users/room1@example.com/meetings', body);
  const fieldsOf = (body: ValidationBody) => (body.errors ?? []).map((e) => e.field).sort();

  it.each([
    ['topic longer than 200', { topic: 'x'.repeat(201) }, ['topic']],
    ['agenda longer than 2000', { agenda: 'x'.repeat(2001) }, ['agenda']],
    ['password longer than 10', { password: '12345678901' }, ['password']],
    ['password with a space', { password: 'a b' }, ['password']],
    ['type outside 1, 2, 3, 8', { type: 4 }, ['type']],
    ['duration as a string', { duration: '60' }, ['duration']],
    ['settings.audio not in its enum', { settings: { audio: 'pigeon' } }, ['settings.audio']],
    ['settings.jbh_time not in its enum', { settings: { jbh_time: 7 } }, ['settings.jbh_time']],
    [
      'tracking field without field',
      { tracking_fields: [{ value: 'v' }] },
      ['tracking_fields[0].field'],
    ],
    ['start_time that is no time', { start_time: 'tomorrow' }, ['start_time']],
    [
      'unknown timezone',
      { start_time: '2024-04-01T10:00:00', timezone: 'Mars/Olympus' },
      ['timezone'],
    ],
    [
      'several bad fields at once',
      { topic: 'x'.repeat(201), type: 9, settings: { audio: 'x' } },
      ['settings.audio', 'topic', 'type'],
    ],
    [
      'bad fields and bad recurrence rules at once',
      { topic: 'x'.repeat(201), type: 8, recurrence: { type: 2, weekly_days: '8', end_times: 2 } },
      ['recurrence.weekly_days', 'topic'],
    ],
  ])('refuses %s with 300 Validation Failed naming the field', async (_name, body, fields) => {
    const answer = await create(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 300, message: 'Validation Failed.' });
    expect(fieldsOf(answer.body)).toEqual(fields);
    expect(answer.body.errors![0]!.message).toBe('Invalid field.');
  });

  it('accepts the longest allowed values and ignores unknown fields', async () => {
    const answer = await create({
      topic: 'x'.repeat(200),
      agenda: 'y'.repeat(2000),
      password: 'a@-_*12345',
      future_field: { anything: true },
      settings: { brand_new_setting: 1 },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).not.toHaveProperty('future_field');
  });

  it.each([
    [
      'daily repeat_interval 91',
      { type: 1, repeat_interval: 91, end_times: 2 },
      'recurrence.repeat_interval',
    ],
    [
      'weekly repeat_interval 13',
      { type: 2, repeat_interval: 13, weekly_days: '2', end_times: 2 },
      'recurrence.repeat_interval',
    ],
    [
      'monthly repeat_interval 4',
      { type: 3, repeat_interval: 4, monthly_day: 1, end_times: 2 },
      'recurrence.repeat_interval',
    ],
    [
      'repeat_interval 0',
      { type: 1, repeat_interval: 0, end_times: 2 },
      'recurrence.repeat_interval',
    ],
    ['weekly_days "8"', { type: 2, weekly_days: '8', end_times: 2 }, 'recurrence.weekly_days'],
    ['weekly_days "0,2"', { type: 2, weekly_days: '0,2', end_times: 2 }, 'recurrence.weekly_days'],
    [
      'weekly_days "2, 4" (strict)',
      { type: 2, weekly_days: '2, 4', end_times: 2 },
      'recurrence.weekly_days',
    ],
    ['weekly without weekly_days', { type: 2, end_times: 2 }, 'recurrence.weekly_days'],
    [
      'monthly_week 5',
      { type: 3, monthly_week: 5, monthly_week_day: 2, end_times: 2 },
      'recurrence.monthly_week',
    ],
    [
      'monthly_week -2',
      { type: 3, monthly_week: -2, monthly_week_day: 2, end_times: 2 },
      'recurrence.monthly_week',
    ],
    [
      'monthly_week without monthly_week_day',
      { type: 3, monthly_week: 2, end_times: 2 },
      'recurrence.monthly_week_day',
    ],
    [
      'monthly_week_day 8',
      { type: 3, monthly_week: 1, monthly_week_day: 8, end_times: 2 },
      'recurrence.monthly_week_day',
    ],
    ['monthly_day 32', { type: 3, monthly_day: 32, end_times: 2 }, 'recurrence.monthly_day'],
    ['recurrence type 4', { type: 4, end_times: 2 }, 'recurrence.type'],
    ['recurrence without type', { end_times: 2 }, 'recurrence.type'],
    ['end_times 51', { type: 1, end_times: 51 }, 'recurrence.end_times'],
    [
      'end_times with end_date_time',
      { type: 1, end_times: 2, end_date_time: '2024-03-20T00:00:00Z' },
      'recurrence.end_times',
    ],
    [
      'end_date_time giving more than 50',
      { type: 1, end_date_time: '2024-12-31T00:00:00Z' },
      'recurrence.end_date_time',
    ],
    [
      'end_date_time before the start',
      { type: 1, end_date_time: '2024-03-01T00:00:00Z' },
      'recurrence.end_date_time',
    ],
  ])('refuses a recurrence with %s', async (_name, recurrence, field) => {
    const answer = await create({
      type: 8,
      start_time: '2024-03-11T10:00:00',
      timezone: 'Europe/Berlin',
      recurrence,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe(300);
    expect(fieldsOf(answer.body)).toEqual([field]);
  });

  it('refuses a type 8 meeting without recurrence, and nothing is created', async () => {
    const answer = await create({ type: 8, start_time: '2024-03-11T10:00:00' });
    expect(fieldsOf(answer.body)).toEqual(['recurrence']);
    const state = await h.control<{ meetings: unknown[] }>('GET', '/state');
    expect(state.body.meetings).toEqual([]);
  });

  it("accepts 50 occurrences and end_times 60 only when switched to SPEC's maximum", async () => {
    const ok = await create({
      type: 8,
      start_time: '2024-03-11T10:00:00',
      recurrence: { type: 1, end_times: 50 },
    });
    expect(ok.status).toBe(201);
    const sixty = {
      type: 8,
      start_time: '2024-03-11T10:00:00',
      recurrence: { type: 1, end_times: 60 },
    };
    expect((await create(sixty)).status).toBe(400);
    await h.control('POST', '/switches', { endTimesMax: 60 });
    const created = await create(sixty);
    expect(created.status).toBe(201);
    expect((created.body as unknown as { occurrences: unknown[] }).occurrences).toHaveLength(60);
  });

  it('truncates an end_date_time series to 50 when switched to', async () => {
    await h.control('POST', '/switches', { endDateBeyondLimit: 'truncate' });
    const answer = await create({
      type: 8,
      start_time: '2024-03-11T10:00:00',
      recurrence: { type: 1, end_date_time: '2024-12-31T00:00:00Z' },
    });
    expect(answer.status).toBe(201);
    expect((answer.body as unknown as { occurrences: unknown[] }).occurrences).toHaveLength(50);
  });

  it('lets end_times win over end_date_time when switched to', async () => {
    await h.control('POST', '/switches', { endTimesWithEndDate: 'end-times-wins' });
    const answer = await create({
      type: 8,
      start_time: '2024-03-11T10:00:00',
      recurrence: { ...weekly, end_date_time: '2024-03-12T00:00:00Z' },
    });
    expect((answer.body as unknown as { occurrences: unknown[] }).occurrences).toHaveLength(3);
  });

  it('answers "Request Body should be a valid JSON object." for malformed or non-object JSON', async () => {
    for (const raw of ['{"topic": ', '[1,2]', '42']) {
      const answer = await create(raw);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        code: 300,
        message: 'Request Body should be a valid JSON object.',
      });
    }
  });

  it('says what is wrong when validationMessages is detailed', async () => {
    await h.control('POST', '/switches', { validationMessages: 'detailed' });
    const answer = await create({ topic: 'x'.repeat(201) });
    expect(answer.body.errors![0]!.message).toMatch(/topic .*200/);
  });

  it('ignores unknown query parameters', async () => {
    const answer = await h.call('GET', '/users/room1@example.com/meetings?whatever=1&page_size=5');
    expect(answer.status).toBe(200);
  });
});
