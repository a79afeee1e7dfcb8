/**
 * The bookings the sync benchmarks start from, made in the emulators directly (no HTTP, no
 * latency): `rooms` rooms, each with its Zoom host and `perRoom` bookings by `people` organizers
 * of the domain — four fifths single bookings (one a day from tomorrow, 10-17 h), a tenth weekly
 * series, a tenth weekly series with one instance moved and one cancelled.
 */
import type { GoogleEmulator } from '../src/emulators/google/index.js';
import type { ZoomEmulator } from '../src/emulators/zoom/index.js';

export const BENCH_DOMAIN = 'example.com';

export interface BenchRoom {
  calendarId: string;
  name: string;
  zoomHost: string;
}

export interface SeededBookings {
  admin: string;
  people: string[];
  /** A person of the domain with no booking yet (the realistic bench books as them). */
  newcomer: string;
  rooms: BenchRoom[];
  bookings: number;
  singles: number;
  series: number;
  moved: number;
  cancelled: number;
  seedMs: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `hour`:`minute` Berlin time (UTC+1 before 2030-03-31) on day `day` after `now`. */
export function berlinAt(now: string, day: number, hour: number, minutes: number, minute = 0) {
  const date = new Date(Date.parse(now) + day * 86_400_000).toISOString().slice(0, 10);
  const start = new Date(`${date}T${pad(hour)}:${pad(minute)}:00+01:00`);
  const end = new Date(start.getTime() + minutes * 60_000);
  return {
    start: { dateTime: start.toISOString(), timeZone: 'Europe/Berlin' },
    end: { dateTime: end.toISOString(), timeZone: 'Europe/Berlin' },
  };
}

export async function seedBookings(
  emulators: { google: GoogleEmulator; zoom: ZoomEmulator },
  spec: { now: string; rooms: number; perRoom: number; people: number },
): Promise<SeededBookings> {
  const { google, zoom } = emulators;
  const started = performance.now();
  const admin = `admin@${BENCH_DOMAIN}`;
  google.addPerson({ email: admin, admin: true });
  const people = Array.from({ length: spec.people }, (_, i) => `person${i}@${BENCH_DOMAIN}`);
  for (const email of people) google.addPerson({ email });
  const newcomer = `newcomer@${BENCH_DOMAIN}`;
  google.addPerson({ email: newcomer });
  const rooms = Array.from({ length: spec.rooms }, (_, i) => ({
    calendarId: `c_bench${String(i).padStart(4, '0')}@resource.calendar.google.com`,
    name: `Room ${i}`,
    zoomHost: `zoom-room${i}@${BENCH_DOMAIN}`,
  }));
  for (const room of rooms) {
    google.addRoom({ calendarId: room.calendarId, resourceName: room.name });
    zoom.addUser({ email: room.zoomHost, timezone: 'Europe/Berlin' });
  }
  const at = (day: number, hour: number, minutes: number) => berlinAt(spec.now, day, hour, minutes);
  const counts = { singles: 0, series: 0, moved: 0, cancelled: 0 };
  for (const [r, room] of rooms.entries()) {
    const series = Math.max(0, Math.round(spec.perRoom / 10));
    const singles = spec.perRoom - 2 * series;
    for (let b = 0; b < singles; b += 1) {
      const organizer = people[(r + b) % people.length]!;
      await google.insertEventAs(organizer, organizer, {
        summary: `Booking ${r}.${b}`,
        description: 'Agenda: see the shared document.',
        ...at(1 + (b % 40), 10 + Math.floor(b / 40), 45),
        attendees: [{ email: room.calendarId, resource: true }],
      });
      counts.singles += 1;
    }
    for (let s = 0; s < 2 * series; s += 1) {
      const organizer = people[(r + s) % people.length]!;
      const withExceptions = s >= series;
      const day = 1 + (s % series);
      const event = (await google.insertEventAs(organizer, organizer, {
        summary: `Series ${r}.${s}`,
        ...at(day, withExceptions ? 8 : 7, 45),
        recurrence: ['RRULE:FREQ=WEEKLY;COUNT=6'],
        attendees: [{ email: room.calendarId, resource: true }],
      })) as { id: string };
      counts.series += 1;
      if (!withExceptions) continue;
      const instance = (days: number) =>
        at(day + days, 8, 45)
          .start.dateTime.replace(/[-:]/g, '')
          .replace('.000', '');
      const control = `${google.controlUrl}/events/${encodeURIComponent(organizer)}`;
      await fetch(`${control}/${event.id}_${instance(7)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: organizer, event: at(day + 7, 19, 45) }),
      });
      await fetch(`${control}/${event.id}_${instance(14)}?as=${encodeURIComponent(organizer)}`, {
        method: 'DELETE',
      });
      counts.moved += 1;
      counts.cancelled += 1;
    }
  }
  return {
    admin,
    people,
    newcomer,
    rooms,
    bookings: counts.singles + counts.series,
    ...counts,
    seedMs: performance.now() - started,
  };
}
