import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import { blockHashIn, copyShowsBlock } from './block.js';
import { writesPerRoom } from './write-targets.js';

/** Whether the rooms and the block a link recorded still match the booking as Google shows it. */

/**
 * Our block is in the description as we last wrote it (or this copy cannot show it), and, when
 * it is written per room, every room that holds the booking now had it written.
 */
export function blockIntact(event: LiveEvent, link: Link, rooms: readonly string[]): boolean {
  if (link.writebackHash === null) return false;
  if (writesPerRoom(link)) {
    const written = new Set(link.rooms.map((r) => r.toLowerCase()));
    if (rooms.some((room) => !written.has(room.toLowerCase()))) return false;
  }
  if (!copyShowsBlock(event, link)) return true;
  return blockHashIn(event.description) === link.writebackHash;
}

export function sameRooms(link: Link, rooms: readonly string[]): boolean {
  const a = link.rooms.map((r) => r.toLowerCase()).sort();
  const b = rooms.map((r) => r.toLowerCase()).sort();
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
