import type { LiveEvent } from '../domain/calendar-event.js';
import type { Lang } from '../recurrence/index.js';
import type { Link } from '../store/index.js';
import { blockHashOf } from './hashes.js';

/**
 * The engine's view of the description block (`src/invitation/` renders and finds it): what to
 * write, whether it is still there as we wrote it, and Zoom links that are not ours.
 *
 * TEMPORARY: `src/invitation/` (renderBlock, replaceBlock, removeBlock, readBlock,
 * findForeignZoomLinks) has not landed yet; until it does, the few lines below stand in for it
 * and are the only place that knows the block's markers. Replace them with calls into
 * `src/invitation/` as soon as it exists.
 */

const BEGIN = '-::~:~::~:~:~:~:~:~:~:~:~:~:~ zoomlink ~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-';
const END = '-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-';

/** One meeting the block links to (per-occurrence bookings list several, with their starts). */
export interface BlockMeeting {
  meetingId: number;
  joinUrl: string;
  passcode: string | null;
  /** per_occurrence: the occurrence's start (ISO UTC) and zone, for the line that names it. */
  start?: string;
}

export interface BlockContent {
  lang: Lang;
  topic: string;
  meetings: BlockMeeting[];
}

const grouped = (id: number) => String(id).replace(/^(\d{3})(\d{3,4})(\d{4})$/, '$1 $2 $3');

export function renderLinkBlock(content: BlockContent): string {
  const zh = content.lang === 'zh-TW';
  const lines: string[] = [BEGIN];
  for (const meeting of content.meetings) {
    if (meeting.start) lines.push(meeting.start);
    lines.push(zh ? '加入 Zoom 會議' : 'Join Zoom Meeting', meeting.joinUrl, '');
    lines.push(`${zh ? '會議號' : 'Meeting ID'}: ${grouped(meeting.meetingId)}`);
    if (meeting.passcode) lines.push(`${zh ? '密碼' : 'Passcode'}: ${meeting.passcode}`);
  }
  lines.push(END);
  return lines.join('\n');
}

function find(description: string): { start: number; end: number } | undefined {
  const start = description.indexOf(BEGIN);
  if (start < 0) return undefined;
  const endAt = description.indexOf(END, start + BEGIN.length);
  if (endAt < 0) return undefined;
  return { start, end: endAt + END.length };
}

/** The description with `block` in place of ours (or appended after the people's text). */
export function withBlock(description: string, block: string): string {
  const at = find(description);
  if (at) return description.slice(0, at.start) + block + description.slice(at.end);
  const text = description.trimEnd();
  return text === '' ? block : `${text}\n\n${block}`;
}

/** The description without our block; the people's text around it is kept. */
export function withoutBlock(description: string): string {
  const at = find(description);
  if (!at) return description;
  const before = description.slice(0, at.start).replace(/\s+$/, '');
  const after = description.slice(at.end).replace(/^\s+/, '');
  return before && after ? `${before}\n\n${after}` : before || after;
}

/** Our block as the description holds it now; undefined when it is not there. */
export function blockIn(description: string): string | undefined {
  const at = find(description);
  return at ? description.slice(at.start, at.end) : undefined;
}

/** The hash of our block as the description holds it now; undefined when it is not there. */
export function blockHashIn(description: string): string | undefined {
  const block = blockIn(description);
  return block === undefined ? undefined : blockHashOf(block);
}

const zoomUrl = /https?:\/\/(?:[\w-]+\.)*zoom\.(?:us|com)\/(?:j|my|w|s)\/[^\s"'<>]+/gi;

/**
 * Zoom links on the event that zoomlink did not make: a Zoom URL in a conference, in the location
 * or in the description outside our block, that our block does not name. (A series split off
 * another carries the old series' block and location: those are ours, not foreign.)
 */
export function foreignZoomLinks(event: LiveEvent): string[] {
  const ours = blockIn(event.description) ?? '';
  const outside = ours === '' ? event.description : event.description.replace(ours, '');
  const found = new Set<string>();
  for (const text of [outside, event.location, ...(event.conference?.uris ?? [])]) {
    for (const url of text.match(zoomUrl) ?? []) if (!ours.includes(url)) found.add(url);
  }
  return [...found];
}

/**
 * Whether this copy of the event shows what write-back wrote: a write to the organizer's copy
 * reaches every copy; a write to one room's copy shows only there.
 */
export function copyShowsBlock(event: LiveEvent, link: Link): boolean {
  const target = link.writebackCalendarId?.toLowerCase();
  if (!target) return true;
  return (
    target === event.calendarId.toLowerCase() || target === event.organizer.email.toLowerCase()
  );
}
