import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { diagnoseGoogle } from '../../../src/google/diagnose.js';
import { createLogger } from '../../../src/log.js';
import { startTestEmulators, type TestEmulators } from '../../support/emulators.js';
import { NOW } from '../../support/time.js';

const list = 'GET /calendar/v3/calendars/:calendarId/events';
const patch = 'PATCH /calendar/v3/calendars/:calendarId/events/:eventId';
const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

/** `diagnoseGoogle` (Google's checks for `zoomlink doctor`) against the Google emulator. */
describe('diagnoseGoogle', () => {
  let emulators: TestEmulators;
  const now = () => emulators.clock.now();
  const config = (env: Record<string, string> = {}) =>
    loadConfig({ env: { ...emulators.env, ZOOMLINK_DB: ':memory:', ...env } });
  const diagnose = (env: Record<string, string> = {}, organizer = 'admin@example.com') =>
    diagnoseGoogle(config(env), { organizer, now, logger: quiet });
  const delegate = async (scopes: string[] | null) => {
    const response = await fetch(`${emulators.google.controlUrl}/delegation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes }),
    });
    expect(response.ok).toBe(true);
  };
  const calls = (route: string) => emulators.google.server.calls.count(route);

  beforeAll(async () => {
    emulators = await startTestEmulators({ now: new Date(NOW) });
  });
  afterAll(async () => {
    await emulators?.cleanup();
  });
  beforeEach(async () => {
    await delegate(null);
    emulators.google.server.calls.clear();
  });

  it('reads each listed room with a delegated token and checks the organizer token', async () => {
    const { checks, rooms } = await diagnose();
    const names = emulators.info.rooms.map((r) => r.name);
    expect(rooms.map((r) => r.name)).toEqual(names);
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['google credentials', 'ok'],
      ['google room token', 'ok'],
      ...names.map(() => ['google room', 'ok']),
      ['google organizer token', 'ok'],
    ]);
    expect(checks[0]!.detail).toMatch(/^service account \S+ \(client ID \d+\)$/);
    expect(checks[2]!.detail).toMatch(
      /^Boardroom: readable \(\d+ booking\(s\) in the next 24 h\)$/,
    );
    expect(checks.at(-1)!.detail).toBe(
      'token for admin@example.com with https://www.googleapis.com/auth/calendar.events',
    );
    expect(calls(list)).toBe(names.length);
    expect(calls(patch)).toBe(0);
  });

  it('names the delegation an admin must grant when a scope is refused', async () => {
    await delegate(['https://www.googleapis.com/auth/calendar.events.readonly']);
    const { checks } = await diagnose({}, 'alice.chen@example.com');
    expect(checks.filter((c) => c.name === 'google room').map((c) => c.status)).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    expect(checks.at(-1)).toEqual({
      name: 'google organizer token',
      status: 'fail',
      detail: 'GOOGLE_DELEGATION_REFUSED',
      fix: expect.stringMatching(
        /Domain-wide delegation: add \(or edit\) client ID \d+ with the OAuth scopes https:\/\/www.googleapis.com\/auth\/calendar.events.readonly,https:\/\/www.googleapis.com\/auth\/calendar.events\./,
      ),
    });
  });

  it('discovers the rooms in the Directory, and fails when no room gets a Zoom host', async () => {
    const found = await diagnose({
      ZOOMLINK_ROOMS_SOURCE: 'directory',
      ZOOMLINK_DEFAULT_ZOOM_HOST: 'zoom-any@example.com',
    });
    expect(found.checks.slice(1, 3)).toEqual([
      {
        name: 'google directory token',
        status: 'ok',
        detail:
          'token for admin@example.com with https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly',
      },
      { name: 'google directory', status: 'ok', detail: '3 room(s) discovered' },
    ]);
    expect(found.rooms.map((r) => r.zoomHost)).toEqual(Array(3).fill('zoom-any@example.com'));

    const none = await diagnose({ ZOOMLINK_ROOMS_SOURCE: 'directory' });
    expect(none.rooms).toEqual([]);
    expect(none.checks[2]).toEqual({
      name: 'google directory',
      status: 'fail',
      detail:
        '0 room(s) discovered; 3 skipped (no Zoom host: set rooms.hosts, rooms.hostTemplate or rooms.defaultHost)',
      fix: 'Check rooms.directoryQuery (resourceCategory=CONFERENCE_ROOM) and the Zoom host rules.',
    });
  });

  it('reads no room when the Directory token is refused', async () => {
    await delegate(['https://www.googleapis.com/auth/calendar.events.readonly']);
    const { checks, rooms } = await diagnose({ ZOOMLINK_ROOMS_SOURCE: 'directory' });
    expect(rooms).toEqual([]);
    expect(checks[1]).toMatchObject({
      name: 'google directory token',
      status: 'fail',
      detail: 'GOOGLE_DELEGATION_REFUSED',
    });
    expect(checks.map((c) => c.name)).not.toContain('google directory');
    expect(calls(list)).toBe(0);
  });

  it('reads at most ten rooms, names each that fails, and counts the rest', async () => {
    const listed = [
      ...emulators.info.rooms,
      ...Array.from({ length: 9 }, (_, i) => ({
        calendarId: `c_missing${i}@resource.calendar.google.com`,
        name: `Missing ${i}`,
        zoomHost: 'zoom-boardroom@example.com',
      })),
    ];
    const { checks } = await diagnose({ ZOOMLINK_ROOMS: JSON.stringify(listed) });
    const reads = checks.filter((c) => c.name === 'google room');
    expect(reads).toHaveLength(11);
    expect(reads.slice(0, 3).every((c) => c.status === 'ok')).toBe(true);
    expect(reads[3]).toMatchObject({ status: 'fail', detail: 'Missing 0: GOOGLE_NOT_FOUND' });
    expect(reads[10]).toEqual({
      name: 'google room',
      status: 'ok',
      detail: '2 more room(s) not checked',
    });
    expect(calls(list)).toBe(10);
  });

  it('fails an empty rooms.list, and stops at credentials it cannot read', async () => {
    const empty = await diagnose({ ZOOMLINK_ROOMS: '[]' });
    expect(empty.checks[1]).toMatchObject({ name: 'rooms', status: 'fail' });
    expect(calls(list)).toBe(0);

    const missing = await diagnose({ GOOGLE_SERVICE_ACCOUNT_KEY_FILE: '/nonexistent/key.json' });
    expect(missing).toEqual({
      checks: [
        {
          name: 'google credentials',
          status: 'fail',
          detail: 'failed',
          fix: expect.stringContaining('/nonexistent/key.json'),
        },
      ],
      rooms: [],
    });
  });
});
