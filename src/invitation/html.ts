/**
 * The little HTML that Google Calendar descriptions carry ("can contain HTML": its editor stores
 * `<br>`, `<b>`, `<a href>`, `<div>`). Every pattern here runs in linear time, because a
 * description is text people (or other tools) wrote and may be large or strange.
 */

/**
 * True when the text holds a complete HTML tag of the kinds Calendar's editor writes (`<br>`,
 * `</div>`, `<a href="…">`). A bare `<b` with no `>` is text: deciding on whole tags keeps the
 * answer the same when a block is appended after it.
 */
export function isHtml(text: string): boolean {
  return /<\/?(?:a|b|br|div|em|font|h[1-6]|i|li|ol|p|span|strong|u|ul)(?:\s[^<>]*)?\/?>/i.test(
    text,
  );
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the entities an editor writes (`&amp;`, `&nbsp;`, `&#39;`, `&#x27;`). */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi,
    (whole, dec?: string, hex?: string, name?: string) => {
      if (dec !== undefined || hex !== undefined) {
        const code = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return NAMED[name!.toLowerCase()] ?? whole;
    },
  );
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Readable text of an HTML fragment: line breaks for `<br>` and block ends, no tags, no entities. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>|<\/(?:p|div|li|h[1-6])>/gi, '\n');
  // `[^<>]` keeps this linear: a stray `<` ends the attempt at the next `<`.
  return decodeEntities(withBreaks.replace(/<[^<>]*>/g, ''));
}
