import { decodeEntities } from './html.js';

/**
 * Zoom join links: `https://zoom.us/j/…`, vanity and regional hosts (`us02web.zoom.us`,
 * `acme.zoom.us`, `zoomgov.com`), webinars (`/w/`), personal links (`/my/`), the web client
 * (`/wc/…`) and the `zoommtg:` app scheme. The characters allowed after the path stop at spaces,
 * quotes and angle brackets, so a link is found the same inside an `href` and in text.
 */
const ZOOM_LINK =
  /(?:https?:\/\/(?:[a-z0-9-]+\.)*zoom(?:gov)?\.(?:us|com)\/(?:j|w|s|my|wc|meeting|webinar|join)\b[^\s"'<>]*|zoommtg:\/\/[^\s"'<>]+)/gi;

/** Every Zoom join link in the text (plain or HTML), decoded and in order, each once. */
export function findZoomLinks(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(ZOOM_LINK)) {
    // An entity may follow a link in HTML (`…/j/1&nbsp;`); an editor escapes `&` in queries.
    const decoded = decodeEntities(match[0]).split(/[\s\u00a0]/)[0]!;
    const link = decoded.replace(/[.,;:!?)\]}]+$/, '');
    if (!links.includes(link)) links.push(link);
  }
  return links;
}

/** The meeting id in a join link (`/j/95553727661`), or null. */
export function meetingIdOfLink(link: string): string | null {
  return /\/(?:j|w|s)\/(\d{9,13})(?!\d)/.exec(link)?.[1] ?? null;
}
