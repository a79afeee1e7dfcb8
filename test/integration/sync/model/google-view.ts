import { googleInstanceReader, notOver, sortSlots, type Slot } from '../occurrences.js';
import type { GoogleEventState, SyncHarness } from '../sync-harness.js';
import type { ModelBooking } from './model.js';

/**
 * What Google shows of a booking, read the way a person's client would: the copies on a
 * calendar (the emulator's state) and a series' instances (`events.instances`, Google's own
 * expansion). Reads are API calls on the Google emulator: never made while a pass runs.
 */
export interface GoogleView {
  /** The copy of `eventId` on `calendarId` (organizer's or room's), if any. */
  copy(calendarId: string, eventId: string): Promise<GoogleEventState | undefined>;
  /** Every copy on one calendar. */
  copies(calendarId: string): Promise<GoogleEventState[]>;
  /** The booking's live occurrences from a day ago to a year ahead (a single is one slot). */
  slots(booking: ModelBooking): Promise<Slot[]>;
  /** Its occurrences not over yet. */
  ahead(booking: ModelBooking): Promise<Slot[]>;
}

export function googleView(h: SyncHarness): GoogleView {
  const read = googleInstanceReader(h.emulators.google);
  const domain = h.emulators.google.domain;
  const admin = h.config.google.adminSubject;
  const inDomain = (email: string) => email.toLowerCase().endsWith(`@${domain}`);
  const view: GoogleView = {
    copy: (calendarId, eventId) => h.copy(calendarId, eventId),
    copies: (calendarId) => h.copies(calendarId),
    async slots(booking) {
      // The organizer's calendar when they are in the domain; else a room's copy, as the admin.
      const room = booking.rooms[0];
      const [as, calendarId] = inDomain(booking.organizer)
        ? [booking.organizer, booking.organizer]
        : [admin, room];
      if (!booking.series) {
        const copy = (await view.copy(booking.organizer, booking.id)) as
          (GoogleEventState & { end?: { dateTime?: string } }) | undefined;
        if (!copy || copy.status === 'cancelled' || !copy.start?.dateTime || !copy.end?.dateTime)
          return [];
        const start = Date.parse(copy.start.dateTime);
        return [
          {
            original: start,
            start: new Date(start).toISOString().replace('.000Z', 'Z'),
            minutes: Math.round((Date.parse(copy.end.dateTime) - start) / 60_000),
          },
        ];
      }
      if (!calendarId) return [];
      const now = h.emulators.clock.nowMs();
      return sortSlots(
        await read(as, calendarId, booking.id, {
          from: new Date(now - 86_400_000),
          to: new Date(now + 366 * 86_400_000),
        }),
      );
    },
    async ahead(booking) {
      return notOver(await view.slots(booking), h.emulators.clock.nowMs());
    },
  };
  return view;
}
