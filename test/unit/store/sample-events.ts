import type { CancelledInstance, LiveEvent } from '../../../src/domain/calendar-event.js';

/** A weekly booking as the Google adapter normalises it, to store as a link's snapshot. */
export const weeklyBooking: LiveEvent = {
  kind: 'master',
  calendarId: 'room-a',
  eventId: 'e1',
  iCalUID: 'e1@google.com',
  etag: '"3381234567890000"',
  updated: '2025-03-01T08:00:00.000Z',
  status: 'confirmed',
  summary: 'Weekly sync',
  description: 'Agenda: the numbers.',
  location: '',
  start: { dateTime: '2025-03-10T10:00:00+01:00', timeZone: 'Europe/Paris' },
  end: { dateTime: '2025-03-10T10:45:00+01:00', timeZone: 'Europe/Paris' },
  recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10'],
  organizer: { email: 'ann@example.com', displayName: 'Ann' },
  rooms: [{ email: 'room-a', responseStatus: 'accepted' }],
  roomResponse: 'accepted',
  allDay: false,
  eventType: 'default',
  privateProperties: {},
  sharedProperties: {},
  resource: {
    id: 'e1',
    summary: 'Weekly sync',
    recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10'],
  },
};

/** One instance of that series, cancelled. */
export const cancelledMonday: CancelledInstance = {
  kind: 'cancelledInstance',
  calendarId: 'room-a',
  eventId: 'e1_20250317T090000Z',
  recurringEventId: 'e1',
  originalStartTime: { dateTime: '2025-03-17T10:00:00+01:00', timeZone: 'Europe/Paris' },
};
