import type { CallSummary } from '../../../../src/emulators/kit/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Meeting, type ZoomHarness } from './zoom-harness.js';

describe('Zoom emulator: control API', () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  it('counts calls per route and per host', async () => {
    await h.control('DELETE', '/calls');
    const a = await h.create<Meeting>({ topic: 'a' });
    await h.create({ topic: 'b' }, 'room2@example.com');
    await h.call('GET', `/meetings/${a.id}`);
    await h.call('PATCH', `/meetings/${a.id}`, { topic: 'c' });
    const calls = (await h.control<CallSummary>('GET', '/calls')).body;
    expect(calls.byRoute).toEqual({
      'POST /v2/users/:userId/meetings': 2,
      'GET /v2/meetings/:meetingId': 1,
      'PATCH /v2/meetings/:meetingId': 1,
    });
    expect(calls.byTag.host).toEqual({
      'room1@example.com': {
        'POST /v2/users/:userId/meetings': 1,
        'GET /v2/meetings/:meetingId': 1,
        'PATCH /v2/meetings/:meetingId': 1,
      },
      'room2@example.com': { 'POST /v2/users/:userId/meetings': 1 },
    });
  });

  it('injects a 429 with Retry-After, then lets the next call through', async () => {
    await h.control('POST', '/faults', {
      path: '/v2/users',
      method: 'POST',
      kind: 'status',
      status: 429,
      retryAfter: '2',
    });
    const limited = await h.call('POST', '/users/room1@example.com/meetings', { topic: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toMatchObject({ code: 429 });
    expect((await h.call('POST', '/users/room1@example.com/meetings', { topic: 'x' })).status).toBe(
      201,
    );
  });

  it('injects 500s, dropped connections and the token endpoint failing', async () => {
    await h.control('POST', '/faults', [
      { path: '/v2/users/:userId/meetings', method: 'GET', kind: 'status', status: 500, count: 2 },
      { path: '/oauth/token', kind: 'drop' },
    ]);
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(500);
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(500);
    expect((await h.call('GET', '/users/room1@example.com/meetings')).status).toBe(200);
    await expect(h.newToken()).rejects.toThrow();
    expect(typeof (await h.newToken())).toBe('string');
  });

  it('shows the state: users, meetings with every occurrence, deleted meetings', async () => {
    const series = await h.create<Meeting>({
      type: 8,
      start_time: '2024-03-11T10:00:00Z',
      recurrence: { type: 1, end_times: 2 },
    });
    await h.call(
      'DELETE',
      `/meetings/${series.id}?occurrence_id=${series.occurrences![0]!.occurrence_id}`,
    );
    await h.call('DELETE', `/meetings/${series.id}`);
    h.zoom.server.clock.set(new Date('2024-03-20T00:00:00Z'));
    const state = await h.control<{
      users: Array<{ email: string; timezone: string }>;
      meetings: Array<Meeting & { deleted: boolean }>;
    }>('GET', '/state');
    expect(state.body.users.map((u) => u.email)).toEqual([
      'room1@example.com',
      'room2@example.com',
    ]);
    expect(state.body.meetings).toHaveLength(1);
    expect(state.body.meetings[0]!.deleted).toBe(true);
    expect(state.body.meetings[0]!.occurrences!.map((o) => o.status)).toEqual([
      'deleted',
      'available',
    ]);
  });

  it('adds users through the control API and through addUser', async () => {
    const added = await h.control<{ id: string; email: string }>('POST', '/users', {
      email: 'room3@example.com',
      timezone: 'Asia/Taipei',
    });
    expect(added.status).toBe(201);
    const meeting = await h.create<Meeting>({ topic: 'x' }, 'room3@example.com');
    expect(meeting.timezone).toBe('Asia/Taipei');
    expect(meeting.host_id).toBe(added.body.id);
    const direct = h.zoom.addUser({ email: 'room4@example.com' });
    expect((await h.create<Meeting>({ topic: 'y' }, direct.id)).host_email).toBe(
      'room4@example.com',
    );
    expect(
      (await h.control('POST', '/users', { email: 'x', timezone: 'Nowhere/City' })).status,
    ).toBe(400);
    expect(
      (await h.control('POST', '/users', { email: 'z@example.com', timezone: 'Nowhere/City' }))
        .status,
    ).toBe(400);
  });

  it('reset forgets meetings, calls and switches but keeps the users', async () => {
    const before = await h.control<{ users: unknown[] }>('GET', '/state');
    await h.create({ topic: 'x' });
    await h.control('POST', '/switches', { listRecurring: 'per-occurrence' });
    await h.control('POST', '/reset');
    const state = await h.control<{ users: unknown[]; meetings: unknown[] }>('GET', '/state');
    expect(state.body.meetings).toEqual([]);
    expect(state.body.users).toEqual(before.body.users);
    const switches = await h.control<Record<string, unknown>>('GET', '/switches');
    expect(switches.body.listRecurring).toBe('once');
    expect((await h.control<CallSummary>('GET', '/calls')).body.total).toBe(0);
  });

  it('hands out join links of another form when asked (not Zoom: for testing clients)', async () => {
    const before = await h.create<Meeting>({ topic: 'before' });
    expect(before.join_url).toMatch(/^https:\/\/zoom\.us\/j\/\d{11}\?pwd=[\w-]+\.1$/);
    const template = 'http://attacker.example/j/{id}?pwd={pwd}';
    expect((await h.control('POST', '/join-url', { template })).status).toBe(200);
    const after = await h.create<Meeting>({ topic: 'after' });
    expect(after.join_url).toMatch(
      new RegExp(`^http://attacker\\.example/j/${after.id}\\?pwd=[\\w-]+\\.1$`),
    );
    expect((await h.call<Meeting>('GET', `/meetings/${after.id}`)).body.join_url).toBe(
      after.join_url,
    );
    const list = await h.call<{ meetings: Meeting[] }>('GET', '/users/me/meetings');
    expect(list.body.meetings.find((m) => m.id === after.id)?.join_url).toBe(after.join_url);
    // Meetings made before keep Zoom's form; null (or a reset) brings it back for new ones.
    expect((await h.call<Meeting>('GET', `/meetings/${before.id}`)).body.join_url).toBe(
      before.join_url,
    );
    await h.control('POST', '/join-url', { template: null });
    expect((await h.create<Meeting>({ topic: 'again' })).join_url).toMatch(/^https:\/\/zoom\.us\//);
    await h.control('POST', '/join-url', { template });
    await h.reset();
    expect((await h.create<Meeting>({ topic: 'reset' })).join_url).toMatch(/^https:\/\/zoom\.us\//);
    expect((await h.control('POST', '/join-url', { template: 42 })).status).toBe(400);
  });

  it('answers an unknown API path with a Zoom-shaped 404', async () => {
    const answer = await h.call('GET', '/webinars/1');
    expect(answer.status).toBe(404);
    expect(answer.body).toHaveProperty('code');
    expect(answer.body).toHaveProperty('message');
  });
});
