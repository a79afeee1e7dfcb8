import { Writable } from 'node:stream';
import { configSchema, type GoogleConfig, type RoomsConfig } from '../../../src/config/index.js';
import type { ApiCallEvent, ApiRetryEvent } from '../../../src/domain/api-observer.js';
import type { CalendarEvent, LiveEvent } from '../../../src/domain/calendar-event.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../src/emulators/google/index.js';
import { createGoogleAdapter, type GoogleAdapter } from '../../../src/google/index.js';
import { createLogger } from '../../../src/log.js';
import { NOW } from '../../support/time.js';

/**
 * The Google emulator on 127.0.0.1 (port 0) with a small organisation, and adapters built on the
 * real googleapis client pointed at it. Retry delays are a millisecond so tests stay fast.
 */
export const admin = 'admin@example.com';
export const ana = 'ana@example.com';
export const bo = 'bo@example.com';
export const rooms = {
  board: 'c_188a2b7q3ns0kgqbhdkqf1v4c6e1k@resource.calendar.google.com',
  focus: 'c_1888tc9g2iechmehr7goqp9bsali@resource.calendar.google.com',
  legacy: 'example.com_3339393239343835343734@resource.calendar.google.com',
} as const;

export interface Observed {
  calls: ApiCallEvent[];
  retries: ApiRetryEvent[];
}

export interface Overrides {
  google?: Partial<GoogleConfig>;
  rooms?: Partial<RoomsConfig>;
}

export interface GoogleHarness {
  emulator: GoogleEmulator;
  keyFile: string;
  /** A fresh adapter (fresh token cache) with these config overrides, and what it reported. */
  adapter(overrides?: Overrides): { adapter: GoogleAdapter; observed: Observed };
  /** The emulator's control API (`/_emulator/...`). */
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  /** An event `organizer` books on their own calendar with `room` as a resource attendee. */
  book(organizer: string, room: string, event: Record<string, unknown>): Promise<{ id: string }>;
  byRoute(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  close(): Promise<void>;
}

const quiet = createLogger({ stream: new Writable({ write: (_c, _e, done) => done() }) });

export async function startGoogleHarness(): Promise<GoogleHarness> {
  const emulator = await startGoogleEmulator({ port: 0 });
  emulator.server.clock.set(new Date(NOW));
  emulator.addPerson({ email: admin, name: 'Ada Admin', admin: true });
  emulator.addPerson({ email: ana, name: 'Ana' });
  emulator.addPerson({ email: bo, name: 'Bo' });
  emulator.addRoom({
    calendarId: rooms.board,
    resourceId: '18854019351',
    resourceName: 'Boardroom',
    capacity: 12,
  });
  emulator.addRoom({
    calendarId: rooms.focus,
    resourceId: '18854019352',
    resourceName: 'Focus',
    capacity: 2,
  });
  emulator.addRoom({
    calendarId: rooms.legacy,
    resourceId: '39929485474',
    resourceName: 'Storage',
    resourceCategory: 'OTHER',
  });
  const keyFile = emulator.writeServiceAccountKeyFile();

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.controlUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };

  return {
    emulator,
    keyFile,
    adapter(overrides = {}) {
      const config = configSchema.parse({
        google: {
          serviceAccountKeyFile: keyFile,
          adminSubject: admin,
          calendarRootUrl: emulator.rootUrl,
          directoryRootUrl: emulator.rootUrl,
          tokenUrl: emulator.tokenUrl,
          customer: emulator.customer,
          retryBaseMs: 1,
          retryMaxMs: 2,
          ...overrides.google,
        },
        rooms: overrides.rooms ?? {},
      });
      const observed: Observed = { calls: [], retries: [] };
      const adapter = createGoogleAdapter(config, {
        now: () => emulator.server.clock.now(),
        logger: quiet,
        observer: { call: (e) => observed.calls.push(e), retry: (e) => observed.retries.push(e) },
      });
      return { adapter, observed };
    },
    control,
    async book(organizer, room, event) {
      return (await emulator.insertEventAs(organizer, organizer, {
        ...event,
        attendees: [
          ...((event.attendees as object[] | undefined) ?? []),
          { email: room, resource: true },
        ],
      })) as { id: string };
    },
    async byRoute() {
      return emulator.server.calls.summary({ log: false }).byRoute;
    },
    async resetCalls() {
      emulator.server.calls.clear();
    },
    close: () => emulator.close(),
  };
}

/** Every page of one readChanges pass, flattened, with the token the last page gave. */
export async function readAll(
  adapter: GoogleAdapter,
  calendarId: string,
  syncToken: string | null,
): Promise<{
  events: CalendarEvent[];
  token: string | undefined;
  pages: number;
  tokensSeen: number;
}> {
  const events: CalendarEvent[] = [];
  let token: string | undefined;
  let pages = 0;
  let tokensSeen = 0;
  for await (const page of adapter.readChanges(calendarId, syncToken)) {
    pages += 1;
    events.push(...page.events);
    if (page.nextSyncToken) {
      tokensSeen += 1;
      token = page.nextSyncToken;
    }
  }
  return { events, token, pages, tokensSeen };
}

/** A timed event `days` after NOW's date at `hour`:00 Berlin time (UTC+1 in March). */
export function at(days: number, hour: number, minutes = 60) {
  const day = new Date(Date.parse(NOW) + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const start = `${day}T${String(hour).padStart(2, '0')}:00:00+01:00`;
  const end = new Date(Date.parse(start) + minutes * 60 * 1000);
  return {
    start: { dateTime: start, timeZone: 'Europe/Berlin' },
    end: { dateTime: end.toISOString().replace('.000Z', 'Z'), timeZone: 'Europe/Berlin' },
  };
}

/** The live (not deleted or cancelled) event with this id among `events`; throws otherwise. */
export function liveEvent(events: CalendarEvent[], id: string): LiveEvent {
  const event = events.find((e) => e.eventId === id);
  if (!event || event.kind === 'deleted' || event.kind === 'cancelledInstance')
    throw new Error(`expected ${id} live, got ${event?.kind}`);
  return event;
}
