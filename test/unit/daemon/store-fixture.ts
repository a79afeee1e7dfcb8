import type { LiveEvent } from '../../../src/domain/calendar-event.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { emptyCounts } from '../../../src/sync/apply/counts.js';
import type {
  PassSummary,
  RoomPollResult,
  SyncEngine,
} from '../../../src/sync/plan/engine-types.js';

export const now = new Date('2025-03-03T09:00:00Z');

export const rooms = [
  {
    calendarId: 'c_board@resource.calendar.google.com',
    name: 'Boardroom',
    zoomHost: 'zoom-board@example.com',
  },
  {
    calendarId: 'c_huddle@resource.calendar.google.com',
    name: 'Huddle 2A',
    zoomHost: 'zoom-huddle@example.com',
  },
];

/** A normalised booking as the engine stores it with its link. */
export function booking(
  id: string,
  summary: string,
  start: string,
  end: string,
  extra: Partial<LiveEvent> = {},
): LiveEvent {
  const event: LiveEvent = {
    kind: 'single',
    calendarId: rooms[0]!.calendarId,
    eventId: id,
    iCalUID: `${id}@google.com`,
    etag: '"1"',
    updated: '2025-03-01T08:00:00Z',
    status: 'confirmed',
    summary,
    description: '',
    location: '',
    start: { dateTime: start, timeZone: 'Europe/Berlin' },
    end: { dateTime: end, timeZone: 'Europe/Berlin' },
    recurrence: [],
    organizer: { email: 'alice@example.com', displayName: 'Alice Chen' },
    rooms: [],
    roomResponse: 'accepted',
    allDay: false,
    eventType: 'default',
    privateProperties: {},
    sharedProperties: {},
    resource: {},
    ...extra,
  };
  // The resource as Google gave it: what the recurrence engine reads.
  const { summary: title, start: from, end: to, recurrence } = event;
  return {
    ...event,
    resource: { summary: title, start: from, end: to, recurrence, ...extra.resource },
  };
}

/** A store with two rooms (one failing), linked bookings, a failure and a parked host. */
export function seededStore(
  options: { title?: string; error?: string; organizer?: string } = {},
): Store {
  const store = openStore({ path: ':memory:', now: () => now });
  for (const room of rooms) store.rooms.upsert(room);
  store.rooms.recordPollStarted(rooms[0]!.calendarId, new Date('2025-03-03T08:59:30Z'));
  store.rooms.recordPollSucceeded(rooms[0]!.calendarId, new Date('2025-03-03T08:59:30Z'));
  store.rooms.recordPollStarted(rooms[1]!.calendarId, new Date('2025-03-03T08:59:00Z'));
  store.rooms.recordPollFailed(
    rooms[1]!.calendarId,
    options.error ?? 'GOOGLE_DELEGATION_REFUSED: delegation refused for admin@example.com',
    new Date('2025-03-03T08:59:01Z'),
  );

  const title = options.title ?? 'Quarterly planning';
  store.links.upsert({
    eventId: 'evsingle',
    icalUid: 'evsingle@google.com',
    organizerEmail: 'alice@example.com',
    strategy: 'single',
    state: 'linked',
    zoomMeetingId: 85746065432,
    zoomHost: rooms[0]!.zoomHost,
    joinUrl: 'https://zoom.example/j/85746065432?pwd=abc',
    rooms: [rooms[0]!.calendarId],
    span: { startsAt: '2025-03-04T09:00:00Z', endsAt: '2025-03-04T10:00:00Z' },
    eventSnapshot: booking(
      'evsingle',
      title,
      '2025-03-04T10:00:00+01:00',
      '2025-03-04T11:00:00+01:00',
      {
        organizer: { email: 'alice@example.com', displayName: options.organizer ?? 'Alice Chen' },
      },
    ),
  });
  store.links.upsert({
    eventId: 'evseries',
    icalUid: 'evseries@google.com',
    organizerEmail: 'bob@example.com',
    strategy: 'series',
    state: 'linked',
    zoomMeetingId: 85746065433,
    joinUrl: 'https://zoom.example/j/85746065433',
    windowFrom: '2025-03-04T08:00:00Z',
    windowTo: '2025-06-03T08:00:00Z',
    rooms: [rooms[0]!.calendarId, rooms[1]!.calendarId],
    // A weekly series without an end.
    span: { startsAt: '2025-03-04T08:00:00Z', endsAt: null },
    eventSnapshot: booking(
      'evseries',
      'Weekly sync',
      '2025-03-04T09:00:00+01:00',
      '2025-03-04T10:00:00+01:00',
      {
        kind: 'master',
        recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'],
      },
    ),
  });
  store.links.upsert({
    eventId: 'evpast',
    icalUid: 'evpast@google.com',
    strategy: 'single',
    state: 'linked',
    zoomMeetingId: 85746065434,
    joinUrl: 'https://zoom.example/j/85746065434',
    rooms: [rooms[0]!.calendarId],
    span: { startsAt: '2025-03-02T09:00:00Z', endsAt: '2025-03-02T10:00:00Z' },
    eventSnapshot: booking(
      'evpast',
      'Yesterday’s retro',
      '2025-03-02T10:00:00+01:00',
      '2025-03-02T11:00:00+01:00',
    ),
  });
  store.links.upsert({
    eventId: 'evfailed',
    icalUid: 'evfailed@google.com',
    strategy: 'single',
    state: 'pending',
    rooms: [rooms[1]!.calendarId],
    span: { startsAt: '2025-03-05T10:00:00Z', endsAt: '2025-03-05T10:30:00Z' },
    eventSnapshot: booking(
      'evfailed',
      'Vendor call',
      '2025-03-05T11:00:00+01:00',
      '2025-03-05T11:30:00+01:00',
    ),
  });
  store.links.markFailed(
    'evfailed',
    'ZOOM_USER_NOT_FOUND: the Zoom user zoom-huddle@example.com does not exist',
    new Date('2025-03-03T09:02:00Z'),
  );
  store.hosts.park('zoom-training@example.com', new Date('2025-03-04T00:00:00Z'));
  store.hosts.recordQuota('zoom-training@example.com', 0, now);
  return store;
}

export function emptySummary(): PassSummary {
  return { rooms: 0, roomsFailed: 0, results: [], durationMs: 1, ...emptyCounts() };
}

/**
 * A stand-in for the sync engine (a test double of the `SyncEngine` interface): each poll marks
 * every stored room polled at the clock's time and reports one created meeting per room. `hold`
 * keeps the next poll open until released.
 */
export function fakeEngine(store: Store, clock: () => Date) {
  const calls: string[] = [];
  let gate: Promise<void> | undefined;
  let release: (() => void) | undefined;
  let seenSignal: AbortSignal | undefined;
  const engine: SyncEngine = {
    zoomChanged: async () => ({ outcome: 'unknown_meeting' }),
    async poll(options = {}) {
      calls.push('poll');
      seenSignal = options.signal;
      if (gate) await gate;
      const results: RoomPollResult[] = store.rooms.list().map((room) => {
        store.rooms.recordPollStarted(room.calendarId, clock());
        store.rooms.recordPollSucceeded(room.calendarId, clock());
        return {
          ...emptySummary(),
          calendarId: room.calendarId,
          ok: true,
          fullSync: false,
          durationMs: 1,
          eventsSeen: 2,
          meetingsCreated: 1,
        };
      });
      return {
        ...emptySummary(),
        rooms: results.length,
        results,
        eventsSeen: 2 * results.length,
        meetingsCreated: results.length,
        skipped: { all_day: 1 },
      };
    },
    async moveWindows() {
      calls.push('windows');
      return emptySummary();
    },
    async reconcile(options) {
      calls.push(`reconcile fix=${options.fix}`);
      return {
        checked: 3,
        findings: [{ kind: 'block_missing', eventId: 'evsingle', detail: 'gone', fixed: true }],
      };
    },
    stop: async () => undefined,
    queueStatus: () => ({ queued: 0, held: 0, inFlight: 0, oldestQueuedAt: null }),
    onWorked: () => () => undefined,
  };
  return {
    engine,
    calls,
    signal: () => seenSignal,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release() {
      gate = undefined;
      release?.();
    },
  };
}
