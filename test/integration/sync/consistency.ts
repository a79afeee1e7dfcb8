import { expect } from 'vitest';
import type { ZoomMeeting } from '../../../src/domain/zoom-meeting.js';
import { findIntentMarker, type Store } from '../../../src/store/index.js';

interface GoogleItem {
  id: string;
  status: string;
  summary?: string;
  description?: string;
  recurringEventId?: string;
  organizer?: { email: string };
  attendees?: { email: string; resource?: boolean; responseStatus?: string }[];
}

export interface Sides {
  zoomControlUrl: string;
  googleControlUrl: string;
  /** The watched room calendars. */
  rooms: string[];
  store: Store;
}

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

async function items(
  sides: Pick<Sides, 'googleControlUrl'>,
  calendarId: string,
): Promise<GoogleItem[]> {
  const state = await json<{ calendars: { id: string; items?: GoogleItem[] }[] }>(
    `${sides.googleControlUrl}/state?calendar=${encodeURIComponent(calendarId)}`,
  );
  return state.calendars.find((c) => c.id.toLowerCase() === calendarId.toLowerCase())?.items ?? [];
}

/**
 * The bookings watched rooms hold: each event (a single or a series' master) that a watched room's
 * calendar has, not cancelled and not declined by that room, with the rooms that hold it.
 */
export async function heldBookings(
  sides: Pick<Sides, 'googleControlUrl' | 'rooms'>,
): Promise<Map<string, { item: GoogleItem; rooms: string[] }>> {
  const bookings = new Map<string, { item: GoogleItem; rooms: string[] }>();
  for (const room of sides.rooms) {
    for (const item of await items(sides, room)) {
      if (item.status === 'cancelled' || item.recurringEventId) continue;
      const own = item.attendees?.find((a) => a.email.toLowerCase() === room.toLowerCase());
      if (own?.responseStatus === 'declined') continue;
      const held = bookings.get(item.id) ?? { item, rooms: [] };
      held.rooms.push(room);
      bookings.set(item.id, held);
    }
  }
  return bookings;
}

/**
 * Both sides agree with the store (issue 5's promise): every live Zoom meeting is the meeting of
 * exactly one linked booking (no duplicate, no orphan); every live booking a watched room holds
 * has its link, its meeting, and its join URL in the copy we wrote (no booking without its link);
 * every linked booking still exists (no link without its booking); nothing is left half done.
 * For bookings with one meeting each (not per_occurrence).
 */
export async function expectConsistent(sides: Sides): Promise<void> {
  const { store } = sides;
  const zoom = await json<{ meetings: (ZoomMeeting & { deleted?: boolean })[] }>(
    `${sides.zoomControlUrl}/state`,
  );
  const meetings = zoom.meetings.filter((m) => !m.deleted);
  expect(store.intents.listOpen(), 'open intents').toEqual([]);
  const links = store.links.list();
  expect(
    links.filter((l) => l.state === 'pending' || l.state === 'failed').map((l) => l.lastError),
    'unfinished links',
  ).toEqual([]);
  const linked = links.filter((l) => l.state === 'linked');

  for (const meeting of meetings) {
    const owners = linked.filter((l) => l.zoomMeetingId === meeting.id).map((l) => l.eventId);
    expect(owners, `owners of meeting ${meeting.id} "${meeting.topic}"`).toHaveLength(1);
    expect(findIntentMarker(meeting.agenda)).toBeDefined();
  }
  const markers = new Set(meetings.map((m) => findIntentMarker(m.agenda)));
  expect(markers.size, 'one marker per meeting').toBe(meetings.length);

  const bookings = await heldBookings(sides);
  for (const [id, { item }] of bookings) {
    const link = linked.find((l) => l.eventId === id);
    expect(link, `booking ${id} "${item.summary}" has a link`).toBeDefined();
    expect(
      meetings.some((m) => m.id === link!.zoomMeetingId),
      `meeting of ${id}`,
    ).toBe(true);
    const writtenTo = link!.writebackCalendarId ?? '';
    const copy = (await items(sides, writtenTo)).find((e) => e.id === id);
    expect(copy?.description ?? '', `the join URL in ${writtenTo}/${id}`).toContain(link!.joinUrl!);
  }
  for (const link of linked)
    expect(bookings.has(link.eventId), `link ${link.eventId} has its booking`).toBe(true);
  expect(meetings.length, 'one meeting per booking').toBe(bookings.size);
}
