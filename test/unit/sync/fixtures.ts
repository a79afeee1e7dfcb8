import type {
  CancelledInstance,
  DeletedEvent,
  LiveEvent,
} from '../../../src/domain/calendar-event.js';
import type { EventPlan } from '../../../src/sync/plan/actions.js';
import { watchedRooms } from '../../../src/sync/plan/booking-rooms.js';
import type { PlanConfig } from '../../../src/sync/plan/booking-state.js';
import type { Room } from '../../../src/domain/ports.js';
import { NOW as TEST_NOW } from '../../support/time.js';

/** Events, links and a model of the store for the planner's tests (pure: no store, no ports). */

export const NOW = new Date(TEST_NOW);
export const ORGANIZER = 'alice@example.com';

export const ROOMS: Room[] = [
  {
    calendarId: 'c_bbb@resource.calendar.google.com',
    name: 'Board',
    zoomHost: 'zoom-b@example.com',
  },
  {
    calendarId: 'c_aaa@resource.calendar.google.com',
    name: 'Annex',
    zoomHost: 'zoom-a@example.com',
  },
  {
    calendarId: 'c_ccc@resource.calendar.google.com',
    name: 'Cellar',
    zoomHost: 'zoom-c@example.com',
  },
];
export const [BOARD, ANNEX, CELLAR] = ROOMS.map((r) => r.calendarId) as [string, string, string];
export const WATCHED = watchedRooms(ROOMS);

export const CONFIG: PlanConfig = {
  recurrence: {
    cap: 50,
    fallback: 'no_fixed_time',
    perOccurrenceHorizonDays: 30,
    maxExtraOccurrences: 40,
    windowRenewBelow: 5,
  },
  sync: {
    policy: 'all',
    optInKeywords: ['#zoom'],
    optOutKeywords: ['#nozoom'],
    replaceOtherConferences: false,
    privateTopic: { en: 'Private booking', 'zh-TW': '私人預約' },
    invitationLang: 'en',
  },
  zoom: { meetingSettings: {}, alternativeHosts: 'none' },
  rooms: { mode: 'active', list: [] },
};

/** A booking as one room's copy shows it: 2030-03-05 10:00 Berlin for an hour, unless told. */
export function booking(
  overrides: Partial<LiveEvent> & { rooms?: LiveEvent['rooms'] } = {},
): LiveEvent {
  const start = overrides.start ?? {
    dateTime: '2030-03-05T10:00:00+01:00',
    timeZone: 'Europe/Berlin',
  };
  const end = overrides.end ?? { dateTime: '2030-03-05T11:00:00+01:00', timeZone: 'Europe/Berlin' };
  const calendarId = overrides.calendarId ?? BOARD;
  const recurrence = overrides.recurrence ?? [];
  const event: LiveEvent = {
    calendarId,
    eventId: 'evt0001',
    kind: recurrence.length > 0 ? 'master' : 'single',
    iCalUID: 'evt0001@google.com',
    etag: '"1"',
    updated: '2030-03-01T00:00:00.000Z',
    status: 'confirmed',
    summary: 'Weekly review',
    description: '',
    location: '',
    organizer: { email: ORGANIZER },
    rooms: [{ email: calendarId, responseStatus: 'accepted' }],
    roomResponse: 'accepted',
    allDay: false,
    eventType: 'default',
    privateProperties: {},
    sharedProperties: {},
    ...overrides,
    start,
    end,
    recurrence,
    resource: {},
  };
  event.resource = {
    id: event.eventId,
    summary: event.summary,
    description: event.description,
    start: event.start,
    end: event.end,
    ...(event.recurrence.length > 0 ? { recurrence: event.recurrence } : {}),
    status: event.status,
    ...(event.recurringEventId ? { recurringEventId: event.recurringEventId } : {}),
    ...(event.originalStartTime ? { originalStartTime: event.originalStartTime } : {}),
  };
  return event;
}

export function deleted(calendarId = BOARD, eventId = 'evt0001'): DeletedEvent {
  return { kind: 'deleted', calendarId, eventId };
}

export function cancelledInstance(originalUtc: string, calendarId = BOARD): CancelledInstance {
  return {
    kind: 'cancelledInstance',
    calendarId,
    eventId: `evt0001_${originalUtc.replace(/[-:]/g, '').replace('.000', '')}`,
    recurringEventId: 'evt0001',
    originalStartTime: { dateTime: originalUtc, timeZone: 'Europe/Berlin' },
  };
}

export function movedInstance(
  originalUtc: string,
  start: string,
  end: string,
  calendarId = BOARD,
): LiveEvent {
  return booking({
    calendarId,
    eventId: `evt0001_${originalUtc.replace(/[-:]/g, '')}`,
    kind: 'exception',
    recurringEventId: 'evt0001',
    originalStartTime: { dateTime: originalUtc, timeZone: 'Europe/Berlin' },
    start: { dateTime: start, timeZone: 'Europe/Berlin' },
    end: { dateTime: end, timeZone: 'Europe/Berlin' },
  });
}

export const kinds = (plan: EventPlan) => plan.actions.map((a) => a.kind);
