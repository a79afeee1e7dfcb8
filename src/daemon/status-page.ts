import { formatEventStart, relativeTime } from './format-time.js';
import { html, type SafeHtml } from './html.js';
import { bookingHref, joinLink, page, partOf, section, table, written } from './page-parts.js';
import type { JobStatus } from './scheduler.js';
import type {
  BookingView,
  FailureView,
  HostView,
  QueueView,
  RoomView,
  StatusModel,
} from './status-model.js';
import { rolloutSection } from './status-rollout.js';
import { poolSection } from './status-pool.js';
import { renderWeek } from './week-view.js';

/**
 * The status page: what needs attention first (rooms, failures), then the upcoming bookings, the
 * parked hosts and the schedule. Plain server-rendered HTML, one request, no script, nothing from
 * the internet, readable on a phone (tables fold into labelled cards on narrow screens). Every
 * value goes through `html`, which escapes it: titles, names and error texts come from people and
 * remote APIs.
 */

/** For the Content-Security-Policy: the one stylesheet every page of the daemon carries. */
export { pageStyleHash as statusPageStyleHash } from './page-style.js';

/** Seconds between reloads of the page (a meta refresh: no script). */
export const statusPageRefreshSeconds = 15;

export function renderStatusPage(model: StatusModel): string {
  const now = model.generatedAt;
  const { daemon } = model;
  return page(
    'zoomlink status',
    html`<header>
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
        ${model.zoomAccounts ? poolSection(model.zoomAccounts, now) : null}
        ${renderWeek(model.week)} ${upcomingSection(model.upcoming, model.upcomingTotal)}
        ${parkedSection(model.parked, now)} ${queueSection(model.queue)}
        ${rolloutSection(model.rollout, now)}
        ${section('jobs', 'Schedule', jobsTable(daemon.jobs, now))}
      </main>`,
    statusPageRefreshSeconds,
  );
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
  return section(
    'upcoming',
    html`Upcoming linked bookings${partOf('first', bookings.length, total)}`,
    table(
      ['booking', 'when', 'rooms', 'Zoom'],
      bookings.map((b) => ({
        cells: [
          html`${bookingLink(b.eventId, b.title)}<br /><span class="mute"
              >${written(b.organizer)}</span
            >`,
          html`${formatEventStart(b.start)}${b.repeats ? html`<br /><span class="mute">repeats ${b.repeats}</span>` : null}`,
          b.rooms.join(', '),
          html`${joinLink(b.joinUrl)}<br /><span class="mute"
              >meeting ${b.meetingId ?? '—'} ·
              ${b.zoomSeries ? html`series: ${b.zoomSeries}` : b.strategy.replace(/_/g, ' ')}</span
            >`,
        ],
      })),
    ),
  );
}

function failuresSection(failures: FailureView[], total: number, now: Date): SafeHtml {
  if (failures.length === 0) return section('failures', 'Failures', html`<p class="ok">None.</p>`);
  return section(
    'failures',
    html`Failures (${total})${partOf('latest', failures.length, total)}`,
    table(
      ['booking', 'state', 'reason', 'attempts', 'next retry'],
      failures.map((f) => ({
        cells: [
          html`${bookingLink(f.eventId, f.title)}<br /><span class="mute"
              >${f.rooms.join(', ')}</span
            >`,
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

/** A booking's title, linking to its page. */
function bookingLink(eventId: string, title: string): SafeHtml {
  return html`<a href="${bookingHref(eventId)}"><strong>${written(title)}</strong></a>`;
}
