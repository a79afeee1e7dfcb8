import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Meeting, type ZoomHarness } from './zoom-harness.js';

describe('Zoom emulator: meetings', () => {
  let h: ZoomHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  beforeEach(() => h.reset());
  afterAll(() => h.close());

  it('creates a scheduled meeting with Zoom-like ids, passcode and UTC start', async () => {
    const answer = await h.call<Meeting>('POST', '/users/room1@example.com/meetings', {
      topic: 'Planning',
      type: 2,
      start_time: '2024-03-11T14:00:00',
      timezone: 'America/New_York',
      duration: 30,
      password: 'abc123',
    });
    expect(answer.status).toBe(201);
    const meeting = answer.body;
    expect(String(meeting.id)).toMatch(/^\d{11}$/);
    expect(meeting.uuid).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(meeting.start_time).toBe('2024-03-11T18:00:00Z');
    expect(meeting.join_url).toMatch(new RegExp(`^https://zoom\\.us/j/${meeting.id}\\?pwd=\\S+$`));
    expect(meeting).toMatchObject({
      host_email: 'room1@example.com',
      topic: 'Planning',
      type: 2,
      duration: 30,
      timezone: 'America/New_York',
      password: 'abc123',
      status: 'waiting',
    });
    const got = await h.call<Meeting>('GET', `/meetings/${meeting.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(meeting);
  });

  it('addresses users by id or email, and answers 404/1001 for an unknown user', async () => {
    const state = await h.control<{ users: Array<{ id: string; email: string }> }>('GET', '/state');
    const room2 = state.body.users.find((u) => u.email === 'room2@example.com')!;
    const byId = await h.create<Meeting>({ topic: 'by id' }, room2.id);
    expect(byId.host_email).toBe('room2@example.com');
    expect(byId.timezone).toBe('America/New_York');
    const unknown = await h.call('POST', '/users/nobody@example.com/meetings', { topic: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      code: 1001,
      message: 'User nobody@example.com not exist or not belong to this account.',
    });
  });

  it('answers 404/3001 for an unknown meeting on every meeting path', async () => {
    for (const [method, path] of [
      ['GET', '/meetings/12345678901'],
      ['PATCH', '/meetings/12345678901'],
      ['DELETE', '/meetings/12345678901'],
      ['GET', '/meetings/12345678901/invitation'],
      ['POST', '/meetings/12345678901/invite_links'],
      ['PUT', '/meetings/12345678901/status'],
    ] as const) {
      const answer = await h.call(
        method,
        path,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      expect([method, path, answer.status, answer.body.code]).toEqual([method, path, 404, 3001]);
    }
  });

  it('patches a meeting (204, empty body) and ignores a past start_time', async () => {
    const meeting = await h.create<Meeting>({ type: 2, start_time: '2024-03-11T10:00:00Z' });
    const patched = await h.call('PATCH', `/meetings/${meeting.id}`, {
      topic: 'Renamed',
      duration: 90,
      settings: { waiting_room: true },
    });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const past = await h.call('PATCH', `/meetings/${meeting.id}`, {
      start_time: '2024-03-01T10:00:00Z',
    });
    expect(past.status).toBe(204);
    const got = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(got).toMatchObject({
      topic: 'Renamed',
      duration: 90,
      start_time: '2024-03-11T10:00:00Z',
    });
    expect(got.settings.waiting_room).toBe(true);
    expect(got.settings.audio).toBe('both');
  });

  it('deletes a meeting (404/3001 after) and recovers it with PUT status', async () => {
    const meeting = await h.create<Meeting>({ topic: 'Gone soon' });
    const deleted = await h.call('DELETE', `/meetings/${meeting.id}`);
    expect(deleted.status).toBe(204);
    expect((await h.call('GET', `/meetings/${meeting.id}`)).body.code).toBe(3001);
    const state = await h.control<{ meetings: Array<{ id: number; deleted: boolean }> }>(
      'GET',
      '/state',
    );
    expect(state.body.meetings).toEqual([
      expect.objectContaining({ id: meeting.id, deleted: true }),
    ]);
    const recovered = await h.call('PUT', `/meetings/${meeting.id}/status`, { action: 'recover' });
    expect(recovered.status).toBe(204);
    expect((await h.call('GET', `/meetings/${meeting.id}`)).status).toBe(200);
  });

  it('cannot recover a meeting deleted longer ago than the recovery window', async () => {
    const meeting = await h.create<Meeting>({ topic: 'Long gone' });
    await h.call('DELETE', `/meetings/${meeting.id}`);
    h.zoom.server.clock.advance(8 * 86_400_000);
    h.token = await h.newToken();
    const answer = await h.call('PUT', `/meetings/${meeting.id}/status`, { action: 'recover' });
    expect(answer.status).toBe(404);
  });

  it('validates the status action', async () => {
    const meeting = await h.create<Meeting>({ topic: 'x' });
    const answer = await h.call('PUT', `/meetings/${meeting.id}/status`, { action: 'pause' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 300, errors: [{ field: 'action' }] });
    expect((await h.call('PUT', `/meetings/${meeting.id}/status`, { action: 'end' })).status).toBe(
      204,
    );
  });

  it('refuses to change or delete a meeting in progress', async () => {
    const meeting = await h.create<Meeting>({ topic: 'Live' });
    await h.control('POST', `/meetings/${meeting.id}/start`);
    const patch = await h.call('PATCH', `/meetings/${meeting.id}`, { topic: 'y' });
    expect(patch.body).toMatchObject({ code: 3000 });
    const del = await h.call('DELETE', `/meetings/${meeting.id}`);
    expect(del.body).toMatchObject({ code: 3002 });
  });

  it('gives the invitation text with CRLF line breaks, as Zoom lays it out', async () => {
    const meeting = await h.create<Meeting>({
      topic: 'Review',
      type: 2,
      start_time: '2024-03-25T15:32:00',
      timezone: 'America/Los_Angeles',
      password: '123456',
    });
    const answer = await h.call<{ invitation: string; sip_links: string[] }>(
      'GET',
      `/meetings/${meeting.id}/invitation`,
    );
    expect(answer.status).toBe(200);
    const id = String(meeting.id);
    const spaced = `${id.slice(0, 3)} ${id.slice(3, 7)} ${id.slice(7)}`;
    expect(answer.body.invitation).toContain(
      'Room One is inviting you to a scheduled Zoom meeting.\r\n\r\nTopic: Review\r\n' +
        'Time: Mar 25, 2024 03:32 PM America, Los_Angeles\r\n\r\nJoin Zoom Meeting\r\n' +
        `${meeting.join_url}\r\n\r\nMeeting ID: ${spaced}\r\nPasscode: 123456\r\n`,
    );
    expect(answer.body.invitation.replace(/\r\n/g, '')).not.toContain('\n');
    expect(answer.body.sip_links).toEqual([`${meeting.id}@zoomcrc.com`]);
  });

  it('creates invite links (201) and validates the attendees', async () => {
    const meeting = await h.create<Meeting>({ topic: 'Links' });
    const answer = await h.call<{ attendees: Array<{ name: string; join_url: string }> }>(
      'POST',
      `/meetings/${meeting.id}/invite_links`,
      { attendees: [{ name: 'Ada' }, { name: 'Grace' }], ttl: 3600 },
    );
    expect(answer.status).toBe(201);
    expect(answer.body.attendees.map((a) => a.name)).toEqual(['Ada', 'Grace']);
    expect(answer.body.attendees[0]!.join_url).toMatch(new RegExp(`/j/${meeting.id}\\?tk=`));
    const tooLong = await h.call('POST', `/meetings/${meeting.id}/invite_links`, {
      attendees: [{ name: 'x'.repeat(65) }],
    });
    expect(tooLong.body).toMatchObject({ code: 300, errors: [{ field: 'attendees[0].name' }] });
    const none = await h.call('POST', `/meetings/${meeting.id}/invite_links`, { attendees: [] });
    expect(none.status).toBe(400);
  });

  it('allows pre_schedule only for types 2 and 3 (SPEC: 400/3000)', async () => {
    const refused = await h.call('POST', '/users/room1@example.com/meetings', {
      type: 8,
      pre_schedule: true,
      start_time: '2024-03-11T10:00:00Z',
      recurrence: { type: 1, end_times: 2 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 3000 });
    expect((await h.create<Meeting>({ type: 3, pre_schedule: true })).type).toBe(3);
  });

  it('echoes the recurrence as sent, with end_date_time in UTC', async () => {
    const meeting = await h.create<Meeting>({
      type: 8,
      start_time: '2024-03-11T10:00:00Z',
      recurrence: { type: 1, repeat_interval: 2, end_date_time: '2024-03-20T10:00:00+01:00' },
    });
    expect(meeting.recurrence).toEqual({
      type: 1,
      repeat_interval: 2,
      end_date_time: '2024-03-20T09:00:00Z',
    });
    await h.control('POST', '/switches', { recurrenceEcho: 'with-defaults' });
    const got = (await h.call<Meeting>('GET', `/meetings/${meeting.id}`)).body;
    expect(got.recurrence).toMatchObject({ weekly_days: '1', monthly_day: 1, repeat_interval: 2 });
  });

  it('generates a passcode when none is sent, unless switched off', async () => {
    const withCode = await h.create<Meeting>({ topic: 'a' });
    expect(withCode.password).toMatch(/^[A-Za-z0-9]{6}$/);
    await h.control('POST', '/switches', { autoPasscode: false });
    const without = await h.create<Meeting>({ topic: 'b' });
    expect(without.password).toBe('');
    expect(without.join_url).not.toContain('pwd=');
  });
});
