import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { startTestEmulators, type TestEmulators } from '../support/emulators.js';
import { parsePrometheusText, sampleValue } from '../unit/daemon/prometheus-text.js';
import { cleanEnv, spawnCli, tempConfig, waitFor, type CliProcess } from './daemon-harness.js';
import { NOW } from '../support/time.js';

/**
 * `zoomlink run` as an operator runs it, against both emulators: it links the bookings, follows
 * a change, refuses a second daemon on its database, and on SIGTERM in the middle of a poll lets
 * that poll finish, closes the store and exits 0, leaving Zoom, Google and the store in step.
 */

/** A Monday; Berlin is UTC+1 until the end of March 2030. */
const berlin = (day: string, time: string) => ({
  dateTime: `${day}T${time}:00+01:00`,
  timeZone: 'Europe/Berlin',
});

interface ZoomMeetingState {
  id: number;
  topic: string;
  start_time?: string;
  join_url: string;
  deleted?: boolean;
}

describe('zoomlink run (a child process against the emulators)', () => {
  let emulators: TestEmulators;
  let daemon: CliProcess;
  let url: string;
  let temp: ReturnType<typeof tempConfig>;
  let env: NodeJS.ProcessEnv;
  const database = () => join(temp.dir, 'zoomlink.db');
  const [alice, bob] = ['alice.chen@example.com', 'bob.mueller@example.com'];
  const bookings: Record<string, string> = {};

  const control = async (base: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const zoomMeetings = async () =>
    (
      (await control(emulators.zoom.controlUrl, 'GET', '/state')) as {
        meetings: ZoomMeetingState[];
      }
    ).meetings.filter((m) => !m.deleted);
  const organizerCopy = async (calendarId: string, eventId: string) => {
    const state = (await control(
      emulators.google.controlUrl,
      'GET',
      `/state?calendar=${encodeURIComponent(calendarId)}`,
    )) as { calendars: { id: string; items?: { id: string; description?: string }[] }[] };
    return state.calendars.find((c) => c.id === calendarId)?.items?.find((e) => e.id === eventId);
  };
  const book = async (as: string, room: string, event: Record<string, unknown>) =>
    (
      (await emulators.google.insertEventAs(as, as, {
        ...event,
        attendees: [{ email: room, resource: true }],
      })) as { id: string }
    ).id;
  const linkedCount = async () => {
    const families = parsePrometheusText(await (await fetch(`${url}metrics`)).text());
    return sampleValue(families, 'zoomlink_links', { state: 'linked' }) ?? 0;
  };

  beforeAll(async () => {
    emulators = await startTestEmulators({ seed: 'org', now: new Date(NOW) });
    const [boardroom, huddle] = emulators.info.rooms;
    bookings.planning = await book(alice, boardroom!.calendarId, {
      summary: 'Quarterly planning <b>&</b>',
      start: berlin('2030-03-05', '10:00'),
      end: berlin('2030-03-05', '11:00'),
    });
    bookings.weekly = await book(bob, huddle!.calendarId, {
      summary: 'Weekly sync',
      start: berlin('2030-03-06', '09:00'),
      end: berlin('2030-03-06', '09:30'),
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
    });
    temp = tempConfig({
      database: { path: join(process.cwd(), 'ignored-because-env-wins.db') },
      sync: {
        schedule: '*/2 * * * * *',
        jitterSeconds: 0,
        windowSchedule: '0 0 1 1 *',
        reconcileSchedule: '0 0 1 1 *',
      },
      server: { port: 0 },
      shutdown: { timeoutSeconds: 20 },
      zoom: { retryBaseMs: 10, retryMaxMs: 50 },
      google: { retryBaseMs: 10, retryMaxMs: 50 },
    });
    // As an operator might leave it: the config file readable by every user of the machine.
    chmodSync(temp.file, 0o644);
    env = cleanEnv({ ...emulators.env, ZOOMLINK_CONFIG: temp.file, ZOOMLINK_DB: database() });
    daemon = spawnCli(['run', '--clock-start', NOW], env);
    url = (await daemon.waitForOutput(/Status page: (http:\/\/127\.0\.0\.1:\d+\/)/))[1]!;
  });

  afterAll(async () => {
    if (daemon?.child.exitCode === null) daemon.kill('SIGKILL');
    await emulators?.cleanup();
    temp?.cleanup();
  });

  it('links every booking, and says it runs live (nothing of the demo)', async () => {
    await waitFor(
      async () => ((await linkedCount()) >= 2 ? true : undefined),
      30_000,
      () => daemon.stderr(),
    );
    const meetings = await zoomMeetings();
    expect(meetings.map((m) => m.topic).sort()).toEqual([
      'Quarterly planning <b>&</b>',
      'Weekly sync',
    ]);
    const planning = meetings.find((m) => m.topic.startsWith('Quarterly'))!;
    expect((await organizerCopy(alice, bookings.planning!))?.description).toContain(
      planning.join_url,
    );
    expect((await fetch(`${url}readyz`)).status).toBe(200);
    expect(daemon.stdout()).not.toMatch(/demo/i);
    const page = await (await fetch(url)).text();
    expect(page).not.toMatch(/emulator/i);
    expect(page).toContain('Quarterly planning &lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('warns at start that the config file can be read by other users, with the fix', () => {
    const warnings = daemon
      .stderr()
      .split('\n')
      .filter((line) => line.includes('can be read by other users'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 'warn',
        field: 'ZOOMLINK_CONFIG',
        path: temp.file,
        mode: '0644',
        fix: `chmod 600 ${temp.file}`,
      }),
    ]);
  });

  it('follows a changed booking: the same meeting moves, the link stays', async () => {
    const before = (await zoomMeetings()).find((m) => m.topic.startsWith('Quarterly'))!;
    await control(
      emulators.google.controlUrl,
      'PATCH',
      `/events/${encodeURIComponent(alice)}/${encodeURIComponent(bookings.planning!)}`,
      {
        as: alice,
        event: { start: berlin('2030-03-05', '14:00'), end: berlin('2030-03-05', '15:00') },
      },
    );
    const moved = await waitFor(
      async () => {
        const meeting = (await zoomMeetings()).find((m) => m.id === before.id);
        return meeting?.start_time?.startsWith('2030-03-05T13:00') ? meeting : undefined;
      },
      30_000,
      () => `meeting ${before.id} did not move; ${daemon.stderr().slice(-2000)}`,
    );
    expect(moved.join_url).toBe(before.join_url);
    expect((await zoomMeetings()).length).toBe(2);
  });

  it('refuses a second daemon on the same database, naming the first', async () => {
    const second = spawnCli(['run', '--clock-start', NOW], env);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr()).toContain('DAEMON_ALREADY_RUNNING');
    expect(second.stderr()).toContain(`process ${daemon.child.pid} `);
    expect(second.stdout()).not.toContain('Status page');
    expect(daemon.child.exitCode).toBeNull();
  });

  it('on SIGTERM mid-poll: the poll in flight finishes, the store is closed, exit 0, all in step', async () => {
    // Every room read from now on takes 1.5 s, so a SIGTERM lands inside a poll.
    await control(emulators.google.controlUrl, 'POST', '/faults', {
      path: '/calendar/v3/calendars/:calendarId/events',
      method: 'GET',
      kind: 'delay',
      delayMs: 1500,
      count: 100,
    });
    const [, , training] = emulators.info.rooms;
    bookings.late = await book(alice, training!.calendarId, {
      summary: 'Booked just before shutdown',
      start: berlin('2030-03-07', '16:00'),
      end: berlin('2030-03-07', '17:00'),
    });
    await waitFor(
      async () => {
        const health = (await (await fetch(`${url}healthz`)).json()) as {
          running: { job: string } | null;
        };
        return health.running?.job === 'poll' ? true : undefined;
      },
      15_000,
      () => 'no poll seen in flight',
    );
    daemon.kill('SIGTERM');
    const { code } = await daemon.exited;
    expect(code, daemon.stderr().slice(-3000)).toBe(0);
    const lines = daemon
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { message: string; running?: string; drained?: boolean });
    expect(lines.find((l) => l.message.startsWith('shutting down'))?.running).toBe('poll');
    expect(lines.find((l) => l.message === 'zoomlink stopped')?.drained).toBe(true);

    // The store: closed cleanly (no WAL left to replay), and in step with Zoom and Google.
    expect(existsSync(`${database()}-wal`)).toBe(false);
    const store = openStore({ path: database() });
    try {
      expect(store.stats().openIntents).toBe(0);
      const links = store.links.list().filter((l) => l.state === 'linked');
      const meetings = await zoomMeetings();
      expect(links.map((l) => l.zoomMeetingId).sort()).toEqual(meetings.map((m) => m.id).sort());
      // The poll in flight at SIGTERM finished its work: the last booking got its meeting.
      expect(links.map((l) => l.eventId)).toContain(bookings.late);
      for (const link of links) {
        const copy = await organizerCopy(link.organizerEmail, link.eventId);
        expect(copy?.description, link.eventId).toContain(link.joinUrl!);
      }
    } finally {
      store.close();
    }
  });
});
