import type { LiveEvent } from '../../domain/calendar-event.js';
import {
  extractBlock,
  findForeignZoomLinks,
  findZoomLinks,
  htmlToText,
  isHtml,
  meetingIdOfLink,
  readBlock,
  removeBlock,
  replaceBlock,
  type BlockContent,
} from '../../invitation/index.js';
import type { Link } from '../../store/index.js';
import { blockHashOf } from './hashes.js';
import { writesPerRoom } from './write-targets.js';

/**
 * The engine's view of the description block that `src/invitation/` renders and finds: what to
 * write, whether it is still there as we wrote it, and Zoom links that are not ours.
 */

export type { BlockContent, BlockMeeting } from '../../invitation/index.js';

/**
 * The hash of a block's words: an HTML block (Calendar's editor turns a description into HTML
 * when a person edits it) hashes like the text it shows, so only a change of what it says —
 * a person editing inside it — asks for it to be written again.
 */
function wordsHash(block: string): string {
  const words = isHtml(block) ? htmlToText(block) : block;
  return blockHashOf(words.replace(/[\s\u00a0]+/g, ' '));
}

/** The description with our block in it (replaced whole, or appended), and the block's hash. */
export function withBlock(
  description: string,
  content: BlockContent,
): { description: string; hash: string } {
  const next = replaceBlock(description, content);
  return { description: next, hash: wordsHash(extractBlock(next) ?? '') };
}

/** The description without our block; the people's text around it is kept. */
export function withoutBlock(description: string): string {
  return removeBlock(description);
}

/** The hash of our block as the description holds it now; undefined when it is not there. */
export function blockHashIn(description: string): string | undefined {
  const block = extractBlock(description);
  return block === null ? undefined : wordsHash(block);
}

/** The join URLs our block in the description names. */
export function ourJoinUrls(description: string): string[] {
  return readBlock(description)?.meetings.map((m) => m.joinUrl) ?? [];
}

/**
 * Zoom links on the event that zoomlink did not make: in the description outside our block, in
 * the location or in a conference, unless our block names them. (A series split off another
 * carries the old series' block and location: those are ours, not foreign.)
 */
export function foreignZoomLinks(
  event: LiveEvent,
  ourMeetingIds: ReadonlySet<string> = new Set(),
): string[] {
  const ours = new Set(ourJoinUrls(event.description));
  const found = [
    ...findForeignZoomLinks(event.description),
    ...findZoomLinks(event.location),
    ...(event.conference?.uris ?? []).flatMap((uri) => findZoomLinks(uri)),
  ].filter((url) => !ours.has(url) && !ourMeetingIds.has(meetingIdOfLink(url) ?? ''));
  return [...new Set(found)];
}

/**
 * Whether this copy of the event shows what write-back wrote: a write to the organizer's copy
 * reaches every copy; written per room (an outside organizer), every room's copy that holds the
 * booking was written.
 */
export function copyShowsBlock(event: LiveEvent, link: Link): boolean {
  const target = link.writebackCalendarId?.toLowerCase();
  if (!target) return true;
  const copy = event.calendarId.toLowerCase();
  return (
    !writesPerRoom(link) ||
    target === copy ||
    link.rooms.some((room) => room.toLowerCase() === copy)
  );
}

/** The meeting ids of the Zoom links `foreignZoomLinks` finds, for the store to say which are ours. */
export function meetingIdsNamedBy(event: LiveEvent): string[] {
  return foreignZoomLinks(event).flatMap((url) => meetingIdOfLink(url) ?? []);
}
