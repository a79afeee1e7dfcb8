import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../../src/domain/calendar-event.js';
import { writeTarget } from '../../../src/google/write-target.js';

const room = 'r1@resource.calendar.google.com';
const event = (organizer: string) =>
  ({ calendarId: room, eventId: 'ev1', organizer: { email: organizer } }) as LiveEvent;

describe('writeTarget', () => {
  it('patches the organizer’s copy as the organizer when the organizer is in our domain', () => {
    expect(
      writeTarget(event('ana@example.com'), { domains: [], adminSubject: 'admin@example.com' }),
    ).toEqual({
      calendarId: 'ana@example.com',
      eventId: 'ev1',
      actAs: 'ana@example.com',
    });
    expect(
      writeTarget(event('bo@Sub.Example.org'), {
        domains: ['sub.example.org'],
        adminSubject: 'admin@example.com',
      }).actAs,
    ).toBe('bo@Sub.Example.org');
  });

  it('falls back to the room’s copy as the admin for outside organizers and room-made events', () => {
    const roomCopy = { calendarId: room, eventId: 'ev1', actAs: 'admin@example.com' };
    expect(
      writeTarget(event('guest@elsewhere.com'), { domains: [], adminSubject: 'admin@example.com' }),
    ).toEqual(roomCopy);
    expect(
      writeTarget(event(room), {
        domains: ['resource.calendar.google.com'],
        adminSubject: 'admin@example.com',
      }),
    ).toEqual(roomCopy);
  });
});
