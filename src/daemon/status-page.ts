import { createHash } from 'node:crypto';
import { formatEventStart, relativeTime } from './format-time.js';
import { html, safeHref, trustedConstant, type Interpolation, type SafeHtml } from './html.js';
import type { JobStatus } from './scheduler.js';
import type {
  BookingView,
  FailureView,
  HostView,
  QueueView,
  RoomView,
  StatusModel,
} from './status-model.js';

/**
 * The status page: what needs attention first (rooms, failures), then the upcoming bookings, the
 * parked hosts and the schedule. Plain server-rendered HTML, one request, no script, nothing from
 * the internet, readable on a phone (tables fold into labelled cards on narrow screens). Every
 * value goes through `html`, which escapes it: titles, names and error texts come from people and
 * remote APIs.
 */

const style = `
:root{color-scheme:light dark;--ok:#1a7f37;--bad:#c62828;--warn:#9a6700;--mute:#6b7280;--line:#d0d7de}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:72rem;padding:1rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
.demo{background:#fff4ce;color:#3b2e00;border:1px solid #e3c55b;padding:.6rem .8rem;border-radius:6px}
.meta,.mute{color:var(--mute)}.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}
.counts{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:.6rem 0;padding:0;list-style:none}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--mute);font-weight:600}
td{overflow-wrap:anywhere}.err{font-family:ui-monospace,monospace;font-size:.85rem}
@media (max-width:640px){thead{display:none}tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}
td{display:block;border:0;padding:.1rem 0}td[data-label]::before{content:attr(data-label) ": ";color:var(--mute);font-size:.8rem}}
`;

/** For the Content-Security-Policy: only this exact stylesheet may apply. */
export const statusPageStyleHash = `sha256-${createHash('sha256').update(style).digest('base64')}`;

/**
 * The element is built here, not in the page template, so that nothing (a formatter reflowing
 * the template) can put whitespace inside it and break the hash above.
 */
const styleElement = trustedConstant(`<style>${style}</style>`);

/** Seconds between reloads of the page (a meta refresh: no script). */
export const statusPageRefreshSeconds = 15;

interface Row {
  cells: Interpolation[];
  className?: string;
}

/** A table whose cells carry their column's name, shown as a label when the table folds. */
function table(columns: string[], rows: Row[]): SafeHtml {
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

function section(id: string, title: Interpolation, body: Interpolation): SafeHtml {
  return html`<section id="${id}">
    <h2>${title}</h2>
    ${body}
  </section>`;
}

export function renderStatusPage(model: StatusModel): string {
  const now = model.generatedAt;
  const { daemon } = model;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content="${statusPageRefreshSeconds}" />
        <title>zoomlink status</title>
        ${styleElement}
      </head>
      <body>
        <header>
          <h1>zoomlink</h1>
          ${daemon.mode === 'demo' ? demoBanner() : null}
          <p class="meta">
            version ${daemon.version} · ${daemon.mode} · up since ${daemon.startedAt.toISOString()}
            (${relativeTime(daemon.startedAt, now)}) · page of ${now.toISOString()}
          </p>
        </header>
        <main>
          ${linkCounts(model)} ${roomsSection(model.rooms, now)}
          ${failuresSection(model.failures, model.failuresTotal, now)}
          ${upcomingSection(model.upcoming, model.upcomingTotal)}
          ${parkedSection(model.parked, now)} ${queueSection(model.queue)}
          ${section('jobs', 'Schedule', jobsTable(daemon.jobs, now))}
        </main>
      </body>
    </html> `.text;
}

function demoBanner(): SafeHtml {
  return html`<p class="demo" role="note">
    <strong>Demo.</strong> zoomlink is running against its built-in Google Calendar and Zoom
    emulators on this machine; no real calendar or Zoom account is touched. A booking changes every
    little while, so you can watch it sync.
  </p>`;
}

function linkCounts(model: StatusModel): SafeHtml {
  const c = model.linksByState;
  return html`<ul class="counts" aria-label="links by state">
    <li><strong>${c.linked}</strong> linked</li>
    <li><strong>${c.pending}</strong> pending</li>
    <li class="${c.failed > 0 ? 'bad' : ''}"><strong>${c.failed}</strong> failed</li>
    <li><strong>${c.ignored}</strong> ignored</li>
    <li><strong>${c.deleted}</strong> deleted</li>
  </ul>`;
}

function jobsTable(jobs: JobStatus[], now: Date): SafeHtml {
  return table(
    ['job', 'schedule', 'state', 'last run', 'result', 'next run'],
    jobs.map((job) => ({
      cells: [
        job.name,
        html`<code>${job.schedule}</code>`,
        job.state,
        job.lastStartedAt ? relativeTime(job.lastStartedAt, now) : 'not yet',
        resultOf(job),
        job.nextRunAt ? relativeTime(job.nextRunAt, now) : '—',
      ],
    })),
  );
}

function resultOf(job: JobStatus): SafeHtml {
  if (job.lastOk === null) return html`<span class="mute">—</span>`;
  if (job.lastOk) return html`<span class="ok">ok</span>`;
  return html`<span class="bad">failed</span> <span class="err">${job.lastError ?? ''}</span>`;
}

function roomsSection(rooms: RoomView[], now: Date): SafeHtml {
  if (rooms.length === 0)
    return section(
      'rooms',
      'Rooms',
      html`<p class="mute">No rooms yet: the first poll has not finished.</p>`,
    );
  return section(
    'rooms',
    `Rooms (${rooms.length})`,
    table(
      ['room', 'Zoom host', 'last poll', 'lag', 'error'],
      rooms.map((room) => ({
        className: room.stale || room.lastError ? 'bad' : '',
        cells: [
          html`<strong>${room.name}</strong><br /><span class="mute">${room.calendarId}</span>`,
          room.zoomHost,
          relativeTime(room.lastPollAt, now),
          room.lagSeconds === null ? 'no good poll yet' : `${room.lagSeconds} s`,
          room.lastError
            ? html`<span class="err">${room.lastError}</span>
                <span class="mute">(${relativeTime(room.lastErrorAt, now)})</span>`
            : html`<span class="ok">none</span>`,
        ],
      })),
    ),
  );
}

function upcomingSection(bookings: BookingView[], total: number): SafeHtml {
  if (bookings.length === 0)
    return section('upcoming', 'Upcoming linked bookings', html`<p class="mute">None yet.</p>`);
  const more =
    total > bookings.length
      ? html` <span class="mute">(first ${bookings.length} of ${total})</span>`
      : null;
  return section(
    'upcoming',
    html`Upcoming linked bookings${more}`,
    table(
      ['booking', 'when', 'rooms', 'Zoom'],
      bookings.map((b) => ({
        cells: [
          html`<strong>${b.title}</strong><br /><span class="mute">${b.organizer}</span>`,
          html`${formatEventStart(b.start)}${b.repeats ? html`<br /><span class="mute">repeats ${b.repeats}</span>` : null}`,
          b.rooms.join(', '),
          html`${joinLink(b.joinUrl)}<br /><span class="mute"
              >meeting ${b.meetingId ?? '—'} · ${b.strategy.replace(/_/g, ' ')}</span
            >`,
        ],
      })),
    ),
  );
}

/** A link to the meeting; the text leaves out the passcode parameter (the link keeps it). */
function joinLink(joinUrl: string | null): SafeHtml {
  const href = safeHref(joinUrl);
  if (!href) return html`<span class="mute">${joinUrl ?? 'no link'}</span>`;
  const shown = new URL(href);
  shown.search = '';
  return html`<a href="${href}" rel="noreferrer noopener">${shown.href}</a>`;
}

function failuresSection(failures: FailureView[], total: number, now: Date): SafeHtml {
  if (failures.length === 0) return section('failures', 'Failures', html`<p class="ok">None.</p>`);
  const more =
    total > failures.length
      ? html` <span class="mute">(latest ${failures.length} of ${total})</span>`
      : null;
  return section(
    'failures',
    html`Failures (${total})${more}`,
    table(
      ['booking', 'state', 'reason', 'attempts', 'next retry'],
      failures.map((f) => ({
        cells: [
          html`<strong>${f.title}</strong><br /><span class="mute">${f.rooms.join(', ')}</span>`,
          f.state === 'failed'
            ? html`<span class="bad">failed</span>`
            : html`<span class="warn">waiting</span>`,
          html`<span class="err">${f.reason}</span>`,
          f.attempts,
          f.nextAttemptAt ? relativeTime(f.nextAttemptAt, now) : '—',
        ],
      })),
    ),
  );
}

function parkedSection(hosts: HostView[], now: Date): SafeHtml {
  if (hosts.length === 0)
    return section(
      'parked',
      'Parked Zoom hosts',
      html`<p class="mute">None: every host has daily quota left.</p>`,
    );
  return section(
    'parked',
    `Parked Zoom hosts (${hosts.length})`,
    html`<p class="mute">
        Their daily create/update quota is spent; their bookings wait until it resets (00:00 UTC).
      </p>
      ${table(
        ['host', 'parked until', 'quota left'],
        hosts.map((h) => ({
          cells: [
            h.host,
            `${h.parkedUntil ?? ''} (${relativeTime(h.parkedUntil, now)})`,
            h.quotaRemaining ?? '—',
          ],
        })),
      )}`,
  );
}

/** The work queue: bookings waiting and in flight, and how long each rate limiter makes calls wait. */
function queueSection(queue: QueueView): SafeHtml {
  const age = queue.oldestAgeSeconds === null ? '—' : `${queue.oldestAgeSeconds} s`;
  const summary = html`<ul class="counts" aria-label="work queue">
    <li><strong>${queue.queued - queue.held}</strong> queued</li>
    <li><strong>${queue.inFlight}</strong> being worked on</li>
    <li><strong>${queue.held}</strong> waiting for their series</li>
    <li>oldest waiting <strong>${age}</strong></li>
  </ul>`;
  const limiters =
    queue.limiters.length === 0
      ? null
      : table(
          ['rate limiter', 'rate', 'wait', 'slowed down'],
          queue.limiters.map((l) => ({
            className: l.currentRatePerSecond < l.ratePerSecond ? 'warn' : '',
            cells: [
              l.name,
              `${round(l.currentRatePerSecond)} of ${round(l.ratePerSecond)} a second`,
              `${round(l.waitSeconds)} s`,
              l.slowDowns,
            ],
          })),
        );
  return section('queue', 'Work queue', html`${summary}${limiters}`);
}

const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
