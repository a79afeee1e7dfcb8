import { decodeEntities } from './html.js';

/**
 * Zoom join links: `https://zoom.us/j/…`, vanity and regional hosts (`us02web.zoom.us`,
 * `acme.zoom.us`, `zoomgov.com`), webinars (`/w/`), personal links (`/my/`), the web client
 * (`/wc/…`) and the `zoommtg:` app scheme. The characters allowed after the path stop at spaces,
 * quotes and angle brackets, so a link is found the same inside an `href` and in text.
 */
const ZOOM_LINK =
  /(?:https?:\/\/(?:[a-z0-9-]+\.)*zoom(?:gov)?\.(?:us|com)\/(?:j|w|s|my|wc|meeting|webinar|join)\b[^\s"'<>]*|zoommtg:\/\/[^\s"'<>]+)/gi;

/**
 * How much of one field (a description, a location, a conference URI) is searched for links:
 * 1 MiB of text, far beyond what Calendar's editor lets people write, and small enough that the
 * pattern's backtracking over a host of millions of labels (which overflows V8's regular
 * expression stack at about 12 MB) cannot happen. A link that starts later is not seen.
 */
export const LINK_SCAN_CHARS = 1_048_576;

/** Characters a sentence puts after a link, which are not part of it. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}']);

/**
 * Every Zoom join link in the first `LINK_SCAN_CHARS` characters of the text (plain or HTML),
 * decoded and in order, each once. A link cut by the end of that prefix is reported as far as it
 * was read: it is a Zoom link all the same, and an event that carries one is left alone.
 */
export function findZoomLinks(text: string): string[] {
  const scanned = text.length > LINK_SCAN_CHARS ? text.slice(0, LINK_SCAN_CHARS) : text;
  const links = new Set<string>();
  for (const match of scanned.matchAll(ZOOM_LINK)) {
    // An entity may follow a link in HTML (`…/j/1&nbsp;`); an editor escapes `&` in queries.
    const decoded = decodeEntities(match[0]).split(/[\s\u00a0]/)[0]!;
    links.add(withoutTrailingPunctuation(decoded));
  }
  return [...links];
}

/** `…/j/1).` → `…/j/1`, in one pass from the end (a pattern anchored at `$` is quadratic). */
function withoutTrailingPunctuation(link: string): string {
  let end = link.length;
  while (end > 0 && TRAILING.has(link[end - 1]!)) end -= 1;
  return link.slice(0, end);
}

/** The meeting id in a join link (`/j/95553727661`), or null. */
export function meetingIdOfLink(link: string): string | null {
  return /\/(?:j|w|s)\/(\d{9,13})(?!\d)/.exec(link)?.[1] ?? null;
}
