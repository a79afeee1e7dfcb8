import { html, safeHref, type Interpolation, type SafeHtml } from './html.js';
import { styleElement } from './page-style.js';

/** What the daemon's pages share: the page around them, tables, sections, links. */

export interface Row {
  cells: Interpolation[];
  className?: string;
}

/** A table whose cells carry their column's name, shown as a label when the table folds. */
export function table(columns: string[], rows: Row[]): SafeHtml {
  const head = columns.map((c) => html`<th>${c}</th>`);
  const body = rows.map(
    (row) =>
      html`<tr class="${row.className ?? ''}">
        ${row.cells.map((cell, i) => html`<td data-label="${columns[i]}">${cell}</td>`)}
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        ${head}
      </tr>
    </thead>
    <tbody>
      ${body}
    </tbody>
  </table>`;
}

export function section(id: string, title: Interpolation, body: Interpolation): SafeHtml {
  return html`<section id="${id}">
    <h2>${title}</h2>
    ${body}
  </section>`;
}

/** "(first 50 of 120)" after a title when a list shows only part of its rows; else nothing. */
export function partOf(which: 'first' | 'latest', shown: number, total: number): SafeHtml | null {
  return total > shown ? html` <span class="mute">(${which} ${shown} of ${total})</span>` : null;
}

/** A whole page: one stylesheet (the CSP's hash), no script, optionally reloading itself. */
export function page(title: string, body: SafeHtml, refreshSeconds?: number): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${refreshSeconds ? html`<meta http-equiv="refresh" content="${refreshSeconds}" />` : null}
        <title>${title}</title>
        ${styleElement}
      </head>
      <body>
        ${body}
      </body>
    </html> `.text;
}

/**
 * The path of a booking's page relative to the status page (`bookings/<id>`, the id encoded so
 * any character stays in its one path segment); from a booking's page, `../` leads back.
 */
export function bookingHref(eventId: string): string {
  return `bookings/${encodeURIComponent(eventId)}`;
}

/** A link to the meeting; the text leaves out the passcode parameter (the link keeps it). */
export function joinLink(joinUrl: string | null): SafeHtml {
  const href = safeHref(joinUrl);
  if (!href) return html`<span class="mute">${joinUrl ?? 'no link'}</span>`;
  const shown = new URL(href);
  shown.search = '';
  shown.hash = '';
  return html`<a href="${href}" rel="noreferrer noopener">${shown.href}</a>`;
}

/**
 * Text people wrote (a title, a name), isolated from the page around it: escaped by `html`, and
 * in `<bdi>` so that a direction override in it reorders nothing outside it.
 */
export function written(text: string): SafeHtml {
  return html`<bdi>${text}</bdi>`;
}

/** The same for plain text (a tooltip, a page's title): between FSI and PDI (Unicode isolates). */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}
