import type { Lang } from '../recurrence/index.js';
import { escapeHtml, htmlToText, isHtml } from './html.js';
import { formatMeetingId } from './meeting-id.js';
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

/** What the block says. */
export interface BlockContent {
  joinUrl: string;
  meetingId: string | number;
  passcode?: string;
  lang: Lang;
}

/** What `readBlock` finds in our block. */
export interface BlockInfo {
  meetingId: string;
  joinUrl: string;
}

const WORDS = {
  en: {
    join: 'Join Zoom Meeting',
    id: 'Meeting ID',
    passcode: 'Passcode',
    managed:
      'Managed by zoomlink: this block is rewritten when the booking changes. Write your notes outside it.',
    sep: ': ',
  },
  'zh-TW': {
    join: '加入 Zoom 會議',
    id: '會議 ID',
    passcode: '密碼',
    managed: '此區塊由 zoomlink 管理，預約變更時會重寫；請把您的備註寫在區塊外。',
    sep: ':',
  },
} as const;

/** What is put between a description people wrote and the block appended to it. */
const SEPARATOR = { text: '\n\n', html: '<br><br>' } as const;

/**
 * The block, in plain text (lines) or HTML (`<br>` lines, the link as `<a href>`), markers
 * included. Refuses content that could break the block: a line break or a marker inside a field.
 */
export function renderBlock(content: BlockContent, format: 'text' | 'html' = 'text'): string {
  const w = WORDS[content.lang];
  const fields = [content.joinUrl, String(content.meetingId), content.passcode ?? ''];
  for (const field of fields) {
    if (/[\r\n]/.test(field) || field.includes('[zoomlink-')) {
      throw new RangeError('A block field holds a line break or a zoomlink marker.');
    }
  }
  if (!/^https?:\/\/\S+$/i.test(content.joinUrl))
    throw new RangeError('The join URL must be an http(s) URL.');
  const id = formatMeetingId(content.meetingId);
  if (format === 'text') {
    const lines = [BLOCK_BEGIN, `${w.join}${w.sep}${content.joinUrl}`, `${w.id}${w.sep}${id}`];
    if (content.passcode) lines.push(`${w.passcode}${w.sep}${content.passcode}`);
    lines.push(w.managed, BLOCK_END);
    return lines.join('\n');
  }
  const url = escapeHtml(content.joinUrl);
  const lines = [
    BLOCK_BEGIN,
    `${escapeHtml(w.join)}${w.sep}<a href="${url}">${url}</a>`,
    `${escapeHtml(w.id)}${w.sep}${id}`,
  ];
  if (content.passcode)
    lines.push(`${escapeHtml(w.passcode)}${w.sep}${escapeHtml(content.passcode)}`);
  lines.push(escapeHtml(w.managed), BLOCK_END);
  return lines.join('<br>');
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

/** The meeting id and join URL in our block (the first, if copies exist), or null. */
export function readBlock(description: string | null | undefined): BlockInfo | null {
  const text = description ?? '';
  const [span] = findBlocks(text);
  if (!span) return null;
  const inner = text.slice(span.start + BLOCK_BEGIN.length, span.end - BLOCK_END.length);
  const plain = isHtml(inner) ? htmlToText(inner) : inner;
  const [joinUrl] = findZoomLinks(plain);
  if (!joinUrl) return null;
  const idLine = /(?:Meeting ID|會議 ID)\s*[:：]\s*(\d[\d \u00a0]{7,20}\d)/.exec(plain)?.[1];
  const meetingId = idLine?.replace(/\D/g, '') ?? meetingIdOfLink(joinUrl);
  return meetingId ? { meetingId, joinUrl } : null;
}

/**
 * Zoom join links in the text outside our blocks: an event that carries one that zoomlink did not
 * make is left alone (DESIGN decision 6).
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
