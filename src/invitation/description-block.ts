import type { Lang } from '../recurrence/index.js';
import { escapeHtml, htmlToText, isHtml } from './html.js';
import {
  invitationLines,
  plainLines,
  type InvitationMeeting,
  type LineFormat,
} from './render-invitation.js';
import { findZoomLinks, meetingIdOfLink } from './zoom-links.js';

/**
 * The block zoomlink writes into a Google event's description, between two marker lines, and the
 * pure functions that put it there, read it back and take it out.
 *
 * The markers are plain ASCII without spaces, colons or HTML-special characters, so they survive
 * Calendar's editor turning a description into HTML (`<br>`, `<div>`, `&nbsp;` for spaces) and are
 * found the same in plain text and in HTML. A block is a begin marker and the first end marker
 * after it; a marker without its partner is text that people wrote and is left alone. Text that
 * imitates a whole block is taken for ours: only markers tell blocks apart.
 */
export const BLOCK_BEGIN = '[zoomlink-begin]';
export const BLOCK_END = '[zoomlink-end]';

/** One meeting the block links to (per_occurrence: with the occurrence it serves, `start`). */
export type BlockMeeting = InvitationMeeting;

/**
 * What the block says: one meeting (single, series, no fixed time), or for per_occurrence one
 * meeting per occurrence, each with its `start`.
 */
export interface BlockContent {
  lang: Lang;
  meetings: BlockMeeting[];
}

/** What `readBlock` finds in our block: the first meeting, and every meeting in order. */
export interface BlockInfo {
  meetingId: string;
  joinUrl: string;
  meetings: { meetingId: string; joinUrl: string }[];
}

/** Our own last line: the block is ours, people's notes go around it. */
const MANAGED = {
  en: 'Managed by zoomlink: this block is rewritten when the booking changes. Write your notes outside it.',
  'zh-TW': '此區塊由 zoomlink 管理，預約變更時會重寫；請把您的備註寫在區塊外。',
} as const;

const htmlLines: LineFormat = {
  text: escapeHtml,
  link: (url) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`,
};

/** What is put between a description people wrote and the block appended to it. */
const SEPARATOR = { text: '\n\n', html: '<br><br>' } as const;

/**
 * The block, in plain text (lines) or HTML (`<br>` lines, each link as `<a href>`), markers
 * included: each meeting as Zoom's invitation words it (`invitationLines`), then our managed line.
 * Refuses content that could break the block: no meeting, a line break or a marker inside a
 * field, a join URL that is not http(s).
 */
export function renderBlock(content: BlockContent, format: 'text' | 'html' = 'text'): string {
  if (content.meetings.length === 0) throw new RangeError('A block needs at least one meeting.');
  const html = format === 'html';
  const lines: string[] = [BLOCK_BEGIN];
  content.meetings.forEach((meeting, i) => {
    for (const field of [meeting.joinUrl, String(meeting.meetingId), meeting.passcode ?? '']) {
      if (/[\r\n]/.test(field) || field.includes('[zoomlink-')) {
        throw new RangeError('A block field holds a line break or a zoomlink marker.');
      }
    }
    if (!/^https?:\/\/\S+$/i.test(meeting.joinUrl))
      throw new RangeError('The join URL must be an http(s) URL.');
    if (i > 0) lines.push('');
    lines.push(...invitationLines(content.lang, meeting, html ? htmlLines : plainLines));
  });
  const managed = MANAGED[content.lang];
  lines.push('', html ? escapeHtml(managed) : managed, BLOCK_END);
  return lines.join(html ? '<br>' : '\n');
}

/** Where our complete blocks are: [start, end) from the begin marker through the end marker. */
export function findBlocks(text: string): { start: number; end: number }[] {
  // One pass over the markers' positions (linear even for text made of markers): an end marker
  // closes the last begin marker seen since the previous block.
  const marks: { at: number; begin: boolean }[] = [];
  for (let i = text.indexOf(BLOCK_BEGIN); i >= 0; i = text.indexOf(BLOCK_BEGIN, i + 1))
    marks.push({ at: i, begin: true });
  for (let i = text.indexOf(BLOCK_END); i >= 0; i = text.indexOf(BLOCK_END, i + 1))
    marks.push({ at: i, begin: false });
  marks.sort((a, b) => a.at - b.at);
  const blocks: { start: number; end: number }[] = [];
  let open = -1;
  for (const mark of marks) {
    if (mark.begin) open = mark.at;
    else if (open >= 0) {
      blocks.push({ start: open, end: mark.at + BLOCK_END.length });
      open = -1;
    }
  }
  return blocks;
}

/**
 * The description with our block in it: the block replaced whole where it is (further copies of
 * it removed), or appended after a blank line when there is none. Text around it is never
 * changed. An HTML description gets an HTML block.
 */
export function replaceBlock(
  description: string | null | undefined,
  content: BlockContent,
): string {
  const text = description ?? '';
  const format = isHtml(text) ? 'html' : 'text';
  const block = renderBlock(content, format);
  const blocks = findBlocks(text);
  if (blocks.length === 0) return text === '' ? block : `${text}${SEPARATOR[format]}${block}`;
  let result = '';
  let at = 0;
  blocks.forEach((span, i) => {
    result += text.slice(at, span.start) + (i === 0 ? block : '');
    at = span.end;
  });
  return result + text.slice(at);
}

/**
 * The description without our blocks, and without the blank line `replaceBlock` put before an
 * appended one: `removeBlock(replaceBlock(d, c)) === d` for a description without a block.
 */
export function removeBlock(description: string | null | undefined): string {
  const text = description ?? '';
  const blocks = findBlocks(text);
  if (blocks.length === 0) return text;
  let result = '';
  let at = 0;
  for (const span of blocks) {
    let start = span.start;
    let end = span.end;
    const separator = [SEPARATOR.text, SEPARATOR.html].find(
      (s) => text.slice(start - s.length, start) === s && start - s.length >= at,
    );
    if (separator) start -= separator.length;
    else {
      const after = [SEPARATOR.text, SEPARATOR.html].find(
        (s) => text.startsWith(s, end) && span.start === at,
      );
      if (after) end += after.length;
    }
    result += text.slice(at, start);
    at = end;
  }
  return result + text.slice(at);
}

/** Our block as the description holds it (the first, if copies exist), markers included; or null. */
export function extractBlock(description: string | null | undefined): string | null {
  const text = description ?? '';
  const [span] = findBlocks(text);
  return span ? text.slice(span.start, span.end) : null;
}

/**
 * The meetings in our block (the first block, if copies exist): each Zoom link in it, with the
 * meeting id of the matching "Meeting ID" line or, when that line is gone, of the link. Null when
 * there is no block or no link left in it.
 */
export function readBlock(description: string | null | undefined): BlockInfo | null {
  const block = extractBlock(description);
  if (block === null) return null;
  const inner = block.slice(BLOCK_BEGIN.length, block.length - BLOCK_END.length);
  const plain = isHtml(inner) ? htmlToText(inner) : inner;
  const idLines = [
    ...plain.matchAll(/(?:Meeting ID|會議 ID)[ \u00a0]*[:：][ \u00a0]*(\d[\d \u00a0]{7,20}\d)/g),
  ].map((m) => m[1]!.replace(/\D/g, ''));
  const meetings: BlockInfo['meetings'] = [];
  findZoomLinks(plain).forEach((joinUrl, i) => {
    const meetingId = idLines[i] ?? meetingIdOfLink(joinUrl);
    if (meetingId) meetings.push({ meetingId, joinUrl });
  });
  const [first] = meetings;
  return first ? { ...first, meetings } : null;
}

/**
 * Zoom join links in the text outside our blocks: an event that carries one that zoomlink did not
 * make is left alone (architecture decision 6).
 */
export function findForeignZoomLinks(text: string | null | undefined): string[] {
  const source = text ?? '';
  let outside = '';
  let at = 0;
  for (const span of findBlocks(source)) {
    outside += `${source.slice(at, span.start)} `;
    at = span.end;
  }
  return findZoomLinks(outside + source.slice(at));
}
