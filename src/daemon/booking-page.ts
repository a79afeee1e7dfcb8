import { localTime } from '../log-sentences.js';
import type { BookingModel, ConversionView } from './booking-model.js';
import type { GoogleSide, OccurrenceRow, ZoomSide } from './booking-occurrences.js';
import { formatEventStart, relativeTime } from './format-time.js';
import { html, type Interpolation, type SafeHtml } from './html.js';
import { isolated, joinLink, page, partOf, section, table, written } from './page-parts.js';

/**
 * A booking's page (`/bookings/<eventId>`): what it is, Google's occurrences and Zoom's side by
 * side, the conversion and its reason, the copies written and the history. Server-rendered, no
 * script, the status page's stylesheet; every value people or remote APIs wrote goes through
 * `html`, which escapes it.
 */
export function renderBookingPage(model: BookingModel): string {
  return page(
    `${isolated(model.title)} · zoomlink`,
    html`<header>
        <p><a href="../">← zoomlink status</a></p>
        <h1>${written(model.title)}</h1>
        <p class="meta">
          ${stateBadge(model)} ${model.rooms.join(', ') || 'no room'} · ${written(model.organizer)}
          · ${model.event ? formatEventStart(model.event.start) : null}
          ${model.repeats ? html` · repeats ${model.repeats}` : null}
        </p>
      </header>
      <main>
        ${facts(model)} ${occurrencesSection(model)} ${conversionSection(model)}
        ${copiesSection(model)} ${historySection(model)}
      </main>`,
  );
}

/** The page for an event id no link has. */
export function renderNoBookingPage(eventId: string): string {
  return page(
    'No such booking · zoomlink',
    html`<p><a href="../">← zoomlink status</a></p>
      <h1>No such booking</h1>
      <p>
        ${
          eventId === ''
            ? 'This address names no booking.'
            : html`zoomlink has no booking with the event id <code>${eventId}</code>.`
        }
        It may never have been seen, or its history was removed after
        <code>database.historyRetentionDays</code>.
      </p>`,
  );
}

function stateBadge(model: BookingModel): SafeHtml {
  const { link } = model;
  if (model.cancelled) return html`<span class="badge k-skipped">cancelled</span>`;
  if (link.state === 'ignored')
    return link.strategy === 'foreign'
      ? html`<span class="badge k-foreign">other conference</span>`
      : html`<span class="badge k-skipped">skipped</span>`;
  return html`<span class="badge k-${link.state}">${link.state}</span>`;
}

function fact(term: string, value: Interpolation): SafeHtml {
  return html`<dt>${term}</dt>
    <dd>${value}</dd>`;
}

function facts(model: BookingModel): SafeHtml {
  const { link } = model;
  const now = model.generatedAt;
  return html`<dl class="facts">
    ${fact('event id', html`<code>${link.eventId}</code>`)}
    ${fact('Zoom', link.zoomMeetingId === null ? 'no meeting' : html`meeting ${link.zoomMeetingId} · ${joinLink(link.joinUrl)}`)}
    ${fact('strategy', link.strategy.replace(/_/g, ' '))}
    ${link.reason ? (link.strategy === 'series' ? fact('Zoom series', link.reason) : fact('why', html`<span class="err">${link.reason}</span>`)) : null}
    ${link.zoomHost ? fact('Zoom host', link.zoomHost) : null}
    ${(link.strategy === 'series' || link.strategy === 'per_occurrence') && (link.windowFrom || link.windowTo) ? fact('Zoom covers', `${when(link.windowFrom, model.zone)} – ${when(link.windowTo, model.zone)}`) : null}
    ${link.writebackCalendarId ? fact('link written into', html`the copy in ${link.writebackCalendarId}${link.writebackAs ? html`, as ${link.writebackAs}` : null}`) : null}
    ${link.lastError ? fact('last problem', html`<span class="err">${link.lastError}</span> <span class="mute">(${relativeTime(link.lastErrorAt, now)})</span>`) : null}
    ${link.nextAttemptAt ? fact('next try', relativeTime(link.nextAttemptAt, now)) : null}
    ${fact('last change', relativeTime(link.updatedAt, now))}
  </dl>`;
}

function when(iso: string | null, zone: string): string {
  return iso ? `${localTime(iso, zone)} ${zone}` : '…';
}

function occurrencesSection(model: BookingModel): SafeHtml {
  const { rows, note } = model.occurrences;
  const zone = model.zone;
  return section(
    'occurrences',
    'Google and Zoom, side by side',
    html`${note ? html`<p class="mute">${note}</p>` : null}
    ${
      rows.length === 0
        ? null
        : table(
            ['occurrence', 'Google', 'Zoom'],
            rows.map((row) => ({
              className: row.google.kind === 'cancelled' ? 'mute' : '',
              cells: [
                `${localTime(row.originalStart, zone)} ${zone}`,
                googleCell(row.google, zone),
                zoomCell(row, zone),
              ],
            })),
          )
    }`,
  );
}

function googleCell(side: GoogleSide, zone: string): SafeHtml {
  if (side.kind === 'cancelled') return html`<span class="warn">cancelled</span>`;
  const span = `${localTime(side.start, zone)}–${localTime(side.end, zone).slice(-5)}`;
  return side.kind === 'moved' ? html`<strong>moved</strong> to ${span}` : html`${span}`;
}

function zoomCell(row: OccurrenceRow, zone: string): SafeHtml {
  const side: ZoomSide = row.zoom;
  const pending = (yes: boolean) =>
    yes ? html` <span class="warn">(not yet in Zoom)</span>` : null;
  switch (side.kind) {
    case 'occurrence':
      return side.movedTo
        ? html`occurrence ${side.occurrenceId}, moved to
          ${localTime(side.movedTo, zone)}${pending(side.pending)}`
        : html`occurrence ${side.occurrenceId}`;
    case 'deleted':
      return html`occurrence ${side.occurrenceId} <strong>deleted</strong>${pending(side.pending)}`;
    case 'meeting':
      return html`meeting ${side.meetingId} · ${joinLink(side.joinUrl)}`;
    case 'no_fixed_time':
      return html`meeting ${side.meetingId} (no fixed time) covers it`;
    case 'none':
      return html`<span class="mute">${side.why}</span>`;
  }
}

function conversionSection(model: BookingModel): SafeHtml {
  const conversion = model.conversion;
  const title = 'The conversion';
  if (!conversion)
    return section(
      'conversion',
      title,
      html`<p class="mute">No event is kept for this booking, so there is nothing to convert.</p>`,
    );
  if ('error' in conversion)
    return section(
      'conversion',
      title,
      html`<p>The stored event cannot be read: <span class="err">${conversion.error}</span></p>`,
    );
  return section(
    'conversion',
    title,
    html`<p class="mute">
        What zoomlink makes of the stored event now (as <code>zoomlink convert</code> does).
      </p>
      <dl class="facts">${conversionFacts(conversion)}</dl>`,
  );
}

function conversionFacts(c: ConversionView): SafeHtml[] {
  return [
    fact('strategy', c.strategy.replace(/_/g, ' ')),
    c.reason ? fact('reason', html`<span class="err">${c.reason}</span>`) : null,
    c.type ? fact('Zoom meeting type', c.type) : null,
    c.startTime ? fact('start_time', html`<code>${c.startTime}</code> ${c.timezone ?? ''}`) : null,
    c.durationMinutes !== undefined ? fact('duration', `${c.durationMinutes} min`) : null,
    c.recurrence ? fact('recurrence', c.recurrence) : null,
    c.summary ? fact('Zoom series', c.summary) : null,
    fact('occurrences covered', c.occurrences),
    c.deleteOccurrences.length > 0
      ? fact(
          'deleted after creation',
          html`Zoom makes these and Google does not: ${c.deleteOccurrences.join(', ')}`,
        )
      : null,
  ].filter((f): f is SafeHtml => f !== null);
}

function copiesSection(model: BookingModel): SafeHtml {
  if (model.copies.length === 0)
    return section('copies', 'Copies written', html`<p class="mute">None yet.</p>`);
  return section(
    'copies',
    'Copies written',
    table(
      ['calendar', 'event', 'last', 'when'],
      model.copies.map((c) => ({
        cells: [
          c.calendar,
          html`<code>${c.eventId}</code>`,
          c.last,
          relativeTime(c.at, model.generatedAt),
        ],
      })),
    ),
  );
}

function historySection(model: BookingModel): SafeHtml {
  if (model.history.length === 0)
    return section('history', 'History', html`<p class="mute">Nothing recorded.</p>`);
  return section(
    'history',
    html`History${partOf('latest', model.history.length, model.historyTotal)}`,
    table(
      ['when', 'what', 'target', 'result', 'detail'],
      model.history.map((e) => ({
        className: e.result === 'ok' ? '' : 'bad',
        cells: [
          html`${relativeTime(e.at, model.generatedAt)}<br /><span class="mute">${e.at}</span>`,
          `${e.service} ${e.action}`,
          html`<code>${e.target}</code>`,
          e.result,
          html`<span class="err">${e.detail}</span>`,
        ],
      })),
    ),
  );
}
