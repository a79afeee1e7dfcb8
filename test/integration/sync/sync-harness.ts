import { Writable } from 'node:stream';
import { createApp, type App } from '../../../src/cli/app.js';
import { configSchema, type Config } from '../../../src/config/index.js';
import type { ZoomMeeting } from '../../../src/domain/zoom-meeting.js';
import type { FaultSpec } from '../../../src/emulators/kit/index.js';
import { createLogger } from '../../../src/log.js';
import { startTestEmulators, type TestEmulators } from '../../support/emulators.js';
import { syncRoutes as routes } from '../../support/routes.js';
import { NOW } from '../../support/time.js';

/**
 * Both emulators (real HTTP on 127.0.0.1, port 0) and the whole app over them — the store, the
 * real Zoom client, the real googleapis adapter and the engine — on the emulators' clock.
 * Nothing of ours is mocked; faults, clock moves and counts go through the emulators.
 */

/** Every log line the engine wrote in this test file, parsed (the logger writes JSON lines). */
export const logRecords: Array<Record<string, unknown>> = [];

export const quiet = createLogger({
  format: 'json',
  stream: new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logRecords.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
});

/** A meeting as the Zoom emulator's state shows it: every occurrence, and whether deleted. */
export type ZoomMeetingState = ZoomMeeting & { deleted?: boolean; expired?: boolean };

export interface GoogleEventState {
  id: string;
  status: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: { dateTime?: string; timeZone?: string };
  recurrence?: string[];
  recurringEventId?: string;
  extendedProperties?: { private?: Record<string, string> };
  attendees?: { email: string; resource?: boolean; responseStatus?: string }[];
}

export interface SyncHarness {
  emulators: TestEmulators;
  app: App;
  config: Config;
  rooms: { calendarId: string; name: string; zoomHost: string }[];
  people: string[];
  /** A new app on the same database (a restart), optionally with other settings. */
  restart(overrides?: Record<string, unknown>): App;
  /**
   * A booking made by `as` on their own calendar, holding `rooms` as resources (`withMeet`: with a
   * Google Meet conference, as Calendar adds one).
   */
  book(
    as: string,
    rooms: string[],
    event: Record<string, unknown>,
    options?: { withMeet?: boolean },
  ): Promise<{ id: string }>;
  patchEvent(as: string, calendarId: string, eventId: string, patch: object): Promise<void>;
  deleteEvent(as: string, calendarId: string, eventId: string): Promise<void>;
  splitSeries(
    as: string,
    calendarId: string,
    eventId: string,
    at: string,
  ): Promise<{ old: { id: string }; next: { id: string } }>;
  /**
   * API calls answered by both emulators since the last reset, by route: token requests apart,
   * and without 401 answers (google-auth-library times its tokens by the real clock, so after the
   * emulators' clock jumps ahead one call is refused and repeated with a new token).
   */
  calls(): Record<string, number>;
  /** Token requests (Google's per acting user, Zoom's per process) since the last reset. */
  tokenCalls(): number;
  /** Calls by route made against one calendar (Google) or one host (Zoom). */
  callsFor(tag: 'calendar' | 'host', value: string): Record<string, number>;
  resetCalls(): void;
  /** Two polls (the links made, then our own write-back seen), then the counters zeroed. */
  settle(): Promise<void>;
  /** Live (not deleted) Zoom meetings, with their occurrences. */
  meetings(): Promise<ZoomMeetingState[]>;
  /** Every copy on one calendar, as the emulator holds them. */
  copies(calendarId: string): Promise<GoogleEventState[]>;
  copy(calendarId: string, eventId: string): Promise<GoogleEventState | undefined>;
  zoomControl(method: string, path: string, body?: unknown): Promise<unknown>;
  googleControl(method: string, path: string, body?: unknown): Promise<unknown>;
  zoomFault(spec: FaultSpec | FaultSpec[]): Promise<void>;
  googleFault(spec: FaultSpec | FaultSpec[]): Promise<void>;
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startSyncHarness(
  overrides: Record<string, unknown> = {},
  options: { now?: string } = {},
): Promise<SyncHarness> {
  const emulators = await startTestEmulators({ seed: 'org', now: new Date(options.now ?? NOW) });
  const { info } = emulators;
  const configFor = (more: Record<string, unknown>) =>
    configSchema.parse(
      deepMerge(
        {
          mode: 'live',
          database: { path: ':memory:' },
          zoom: {
            accountId: info.zoom.accountId,
            clientId: info.zoom.clientId,
            clientSecret: info.zoom.clientSecret,
            apiUrl: info.zoom.apiUrl,
            oauthUrl: info.zoom.oauthUrl,
            retryBaseMs: 1,
            retryMaxMs: 5,
            // The scenario tests count every call; organizer lookups have tests of their own
            // (rollout-hosts.test.ts), which turn them on.
            alternativeHosts: 'none',
          },
          google: {
            serviceAccountKeyFile: info.google.serviceAccountKeyFile,
            adminSubject: info.env.GOOGLE_ADMIN_SUBJECT,
            domains: JSON.parse(info.env.GOOGLE_DOMAINS!) as string[],
            calendarRootUrl: info.google.rootUrl,
            directoryRootUrl: info.google.rootUrl,
            tokenUrl: info.google.tokenUrl,
            customer: info.google.customer,
            retryBaseMs: 1,
            retryMaxMs: 5,
          },
          rooms: { list: info.rooms },
          sync: { roomParallelism: 1 },
        },
        deepMerge(overrides, more),
      ),
    );
  const config = configFor({});
  const now = () => emulators.clock.now();
  const app = createApp(config, { now, logger: quiet });
  const control = (base: string) => async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const zoomControl = control(emulators.zoom.controlUrl);
  const googleControl = control(emulators.google.controlUrl);
  const servers = [emulators.google.server, emulators.zoom.server];
  const harness: SyncHarness = {
    emulators,
    app,
    config,
    rooms: info.rooms,
    people: info.people,
    restart(more = {}) {
      return createApp(configFor(more), { now, logger: quiet });
    },
    async book(as, rooms, event, options = {}) {
      const meet = options.withMeet
        ? {
            conferenceData: {
              createRequest: {
                requestId: `meet-${String(event.summary)}`,
                conferenceSolutionKey: { type: 'hangoutsMeet' },
              },
            },
          }
        : {};
      return (await emulators.google.insertEventAs(
        as,
        as,
        {
          ...event,
          ...meet,
          attendees: [
            ...((event.attendees as object[] | undefined) ?? []),
            ...rooms.map((email) => ({ email, resource: true })),
          ],
        },
        options.withMeet ? { conferenceDataVersion: 1 } : {},
      )) as { id: string };
    },
    async patchEvent(as, calendarId, eventId, patch) {
      await googleControl(
        'PATCH',
        `/events/${encodeURIComponent(calendarId)}/${encodeURIComponent(eventId)}`,
        { as, event: patch },
      );
    },
    async deleteEvent(as, calendarId, eventId) {
      await googleControl(
        'DELETE',
        `/events/${encodeURIComponent(calendarId)}/${encodeURIComponent(eventId)}?as=${encodeURIComponent(as)}`,
      );
    },
    async splitSeries(as, calendarId, eventId, at) {
      return (await googleControl(
        'POST',
        `/events/${encodeURIComponent(calendarId)}/${encodeURIComponent(eventId)}/split`,
        { as, at },
      )) as { old: { id: string }; next: { id: string } };
    },
    calls() {
      const out: Record<string, number> = {};
      for (const server of servers)
        for (const call of server.calls.summary().log)
          if (call.route !== routes.googleToken && call.route !== routes.zoomToken)
            if (call.status !== 401) out[call.route] = (out[call.route] ?? 0) + 1;
      return out;
    },
    tokenCalls() {
      return servers.reduce(
        (sum, s) => sum + s.calls.count(routes.googleToken) + s.calls.count(routes.zoomToken),
        0,
      );
    },
    callsFor(tag, value) {
      const server = tag === 'host' ? emulators.zoom.server : emulators.google.server;
      const byValue = server.calls.summary({ log: false }).byTag[tag] ?? {};
      const key = Object.keys(byValue).find((k) => k.toLowerCase() === value.toLowerCase());
      return key ? byValue[key]! : {};
    },
    resetCalls() {
      for (const server of servers) server.calls.clear();
    },
    async settle() {
      await app.engine.poll();
      await app.engine.poll();
      for (const server of servers) server.calls.clear();
    },
    async meetings() {
      const state = (await zoomControl('GET', '/state')) as { meetings: ZoomMeetingState[] };
      return state.meetings.filter((m) => !m.deleted);
    },
    async copies(calendarId) {
      const state = (await googleControl(
        'GET',
        `/state?calendar=${encodeURIComponent(calendarId)}`,
      )) as { calendars: { id: string; items?: GoogleEventState[] }[] };
      return (
        state.calendars.find((c) => c.id.toLowerCase() === calendarId.toLowerCase())?.items ?? []
      );
    },
    async copy(calendarId, eventId) {
      return (await harness.copies(calendarId)).find((e) => e.id === eventId);
    },
    zoomControl,
    googleControl,
    async zoomFault(spec) {
      await zoomControl('POST', '/faults', spec);
    },
    async googleFault(spec) {
      await googleControl('POST', '/faults', spec);
    },
    advance(ms) {
      emulators.clock.advance(ms);
    },
    async close() {
      app.close();
      await emulators.cleanup();
    },
  };
  return harness;
}

/** The seeded organisation's first two rooms (Boardroom, Huddle) and first person, by name. */
export function seeded(h: SyncHarness): { board: string; huddle: string; alice: string } {
  return { board: h.rooms[0]!.calendarId, huddle: h.rooms[1]!.calendarId, alice: h.people[0]! };
}

function deepMerge(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = out[key];
    out[key] =
      isObject(current) && isObject(value) ? deepMerge(current, value) : (value as unknown);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
