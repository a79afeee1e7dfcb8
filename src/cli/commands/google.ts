import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import type { LiveEvent } from '../../domain/calendar-event.js';
import { createGoogleAdapter, type GoogleAdapter, type Room } from '../../google/index.js';
import { configureLogger } from '../../log.js';
import { InputError } from '../input-error.js';
import { table } from '../table.js';
import { parseWindowEdge } from './zoom.js';

/**
 * `zoomlink google …`: looks at Google Calendar with zoomlink's credentials, for the everyday
 * questions "which rooms does zoomlink watch, and who hosts their meetings?" and "what is booked
 * in this room?".
 */
export function register(program: Command): void {
  const google = program
    .command('google')
    .description("Look at Google Calendar with zoomlink's credentials: rooms, a room's bookings.");

  google
    .command('rooms')
    .description(
      'List the rooms zoomlink watches (rooms.list, or discovered in the Directory) with their Zoom hosts.',
    )
    .option('--json', 'print {source, rooms, skipped} as JSON')
    .action(async (options: { json?: boolean }) => {
      const listing = await adapterFromConfig().discoverRooms();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(listing, null, 2)}\n`);
        return;
      }
      const rows = listing.rooms.map((r) => [r.name, r.calendarId, r.zoomHost]);
      let out =
        rows.length === 0
          ? `No rooms (rooms.source is ${listing.source}).\n`
          : table(['ROOM', 'CALENDAR ID', 'ZOOM HOST'], rows);
      if (listing.skipped.length > 0) {
        out += `\nSkipped ${listing.skipped.length} room(s) of the Directory:\n`;
        for (const s of listing.skipped) {
          out += `  ${s.resourceName ?? s.resourceId ?? '(unnamed)'} ${s.resourceEmail ?? ''}: ${s.reason}\n`;
        }
      }
      process.stdout.write(out);
    });

  google
    .command('events')
    .description("List a room's upcoming bookings, series expanded, in start order.")
    .argument('<room>', 'the room: its calendar id or its name as `zoomlink google rooms` shows it')
    .option('--days <n>', 'how many days ahead, 1 to 366', '7')
    .option('--from <date>', 'window start: YYYY-MM-DD (00:00 UTC) or an ISO instant; default now')
    .option('--json', 'print the bookings as a JSON array')
    .action(async (roomText: string, options: { days: string; from?: string; json?: boolean }) => {
      const days = parseDays(options.days);
      const from = options.from ? parseWindowEdge('--from', options.from, 'start') : new Date();
      const wanted = roomText.trim();
      if (wanted === '') throw new InputError('room: give a room calendar id or name.');
      const adapter = adapterFromConfig();
      const room = findRoom(await adapter.listRooms(), wanted);
      const to = new Date(from.getTime() + days * 24 * 3600 * 1000);
      const bookings = (await adapter.listBookings(room.calendarId, { from, to })).map(toBooking);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(bookings, null, 2)}\n`);
        return;
      }
      if (bookings.length === 0) {
        process.stdout.write(
          `No bookings in ${room.name} from ${from.toISOString()} for ${days} day(s).\n`,
        );
        return;
      }
      const rows = bookings.map((b) => [
        b.start,
        b.end,
        b.roomResponse,
        b.series ? 'yes' : '',
        b.organizer,
        b.summary,
      ]);
      process.stdout.write(table(['START', 'END', 'ROOM', 'SERIES', 'ORGANIZER', 'SUMMARY'], rows));
    });
}

function adapterFromConfig(): GoogleAdapter {
  const config = loadConfig();
  configureLogger({ level: config.log.level, format: config.log.format });
  return createGoogleAdapter(config);
}

export function parseDays(value: string): number {
  const text = value.trim();
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > 366) {
    throw new InputError(
      `--days: expected a whole number of days from 1 to 366; got ${JSON.stringify(value)}.`,
    );
  }
  return days;
}

/** The room a person named: by calendar id, else by name (case ignored). */
export function findRoom(rooms: Room[], wanted: string): Room {
  const lower = wanted.toLowerCase();
  const found =
    rooms.find((r) => r.calendarId.toLowerCase() === lower) ??
    rooms.find((r) => r.name.toLowerCase() === lower);
  if (found) return found;
  const known = rooms.map((r) => `${r.name} (${r.calendarId})`).join(', ') || 'none';
  throw new InputError(
    `room: ${JSON.stringify(wanted)} is not a room zoomlink watches. Known rooms: ${known}. See \`zoomlink google rooms\`.`,
  );
}

interface Booking {
  eventId: string;
  start: string;
  end: string;
  allDay: boolean;
  summary: string;
  organizer: string;
  roomResponse: string;
  status: string;
  eventType: string;
  series: boolean;
  conference?: string;
}

function toBooking(event: LiveEvent): Booking {
  const booking: Booking = {
    eventId: event.eventId,
    start: when(event.start),
    end: when(event.end),
    allDay: event.allDay,
    summary: event.summary,
    organizer: event.organizer.email,
    roomResponse: event.roomResponse,
    status: event.status,
    eventType: event.eventType,
    series: event.recurringEventId !== undefined,
  };
  const uri = event.conference?.uris[0];
  if (uri) booking.conference = uri;
  return booking;
}

function when(time: LiveEvent['start']): string {
  if (time.dateTime)
    return time.dateTime.replace('T', ' ').replace(/:00(?=([+-]\d{2}:\d{2}|Z)$)/, '');
  return time.date ?? '';
}
