import type { Config } from '../config/index.js';
import type { Store } from '../store/index.js';
import { poolReport, type PoolReport, type PoolReportBooking } from '../sync/index.js';
import { relativeTime } from './format-time.js';
import { html, type SafeHtml } from './html.js';
import { bookingHref, isolated } from './page-parts.js';

/**
 * The status page's Zoom-accounts section (issue 15), read from the store and rendered on its
 * own: the user-level Zoom login when `zoom.auth` is `user` (and the fix when Zoom refused it),
 * and the shared host pool over the next 14 days as a picture — one timeline per host, each
 * booking a bar at its times, the bookings waiting for a free host on a row of their own — with
 * each host's peak and the hosts the pool needs. Inline SVG with presentation attributes only (the
 * page's Content-Security-Policy allows no inline style), every text escaped.
 */
export interface PoolPageView {
  login?: {
    state: 'ok' | 'login_required' | 'never';
    userEmail: string | null;
    detail: string;
    rotatedAt: string | null;
    loggedInAt: string | null;
    scopes: string[];
  };
  pool?: PoolReport;
}

export const timelineDays = 14;

export function readPoolPage(
  store: Store,
  config: Pick<Config, 'zoom' | 'rooms'>,
  now: Date,
): PoolPageView {
  const view: PoolPageView = {};
  if (config.zoom.auth === 'user') {
    const login = store.zoomLogin.read();
    view.login = login
      ? {
          state: login.state,
          userEmail: login.userEmail,
          detail: login.detail,
          rotatedAt: login.rotatedAt,
          loggedInAt: login.loggedInAt,
          scopes: login.scopes,
        }
      : {
          state: 'never',
          userEmail: null,
          detail: '',
          rotatedAt: null,
          loggedInAt: null,
          scopes: [],
        };
  }
  if (config.rooms.hostPool.length > 0) view.pool = poolReport(store, config, now, timelineDays);
  return view;
}

/** `/readyz`: a user-level login Zoom refused (or none yet) makes the daemon not ready. */
export function zoomLoginProblem(store: Store, config: Pick<Config, 'zoom'>): string | undefined {
  if (config.zoom.auth !== 'user') return undefined;
  const login = store.zoomLogin.read();
  if (!login)
    return 'ZOOM_LOGIN_REQUIRED: nobody has logged in to Zoom yet; run `zoomlink zoom login`';
  if (login.state === 'login_required')
    return `ZOOM_LOGIN_REQUIRED: ${login.detail || 'Zoom refused the refresh token'}; run \`zoomlink zoom login\``;
  return undefined;
}

export function poolSection(view: PoolPageView, now: Date): SafeHtml | null {
  if (!view.login && !view.pool) return null;
  return html`<section id="zoom-accounts">
    <h2>Zoom accounts</h2>
    ${view.login ? loginBlock(view.login, now) : null} ${view.pool ? poolBlock(view.pool) : null}
  </section>`;
}

function loginBlock(login: NonNullable<PoolPageView['login']>, now: Date): SafeHtml {
  if (login.state !== 'ok')
    return html`<p class="bad" role="alert">
      <strong>ZOOM_LOGIN_REQUIRED</strong>:
      ${
        login.state === 'never'
          ? 'nobody has logged in to Zoom yet'
          : login.detail || 'Zoom refused the stored refresh token'
      }.
      Zoom work has stopped (Google is still read). Fix: run <code>zoomlink zoom login</code> as the
      Zoom user who authorises zoomlink; work resumes by itself.
    </p>`;
  return html`<p>
    <span class="ok">Logged in to Zoom</span>${login.userEmail ? ` as ${login.userEmail}` : ''}
    <span class="mute"
      >(${login.loggedInAt ? `since ${relativeTime(login.loggedInAt, now)}` : ''}${
        login.rotatedAt ? `; token rotated ${relativeTime(login.rotatedAt, now)}` : ''
      };
      scopes: ${login.scopes.join(' ') || 'none listed'})</span
    >
  </p>`;
}

const WIDTH = 700;
const ROW = 18;

function poolBlock(report: PoolReport): SafeHtml {
  const from = Date.parse(report.from);
  const span = Date.parse(report.to) - from;
  const x = (ms: number) => Math.max(0, Math.min(WIDTH, ((ms - from) / span) * WIDTH));
  const days = report.days.length;
  const grid = report.days.map(
    (_, i) =>
      html`<line
        x1="${(i * WIDTH) / days}"
        y1="0"
        x2="${(i * WIDTH) / days}"
        y2="${ROW}"
        stroke="#d0d7de"
        stroke-width="1"
      ></line>`,
  );
  const bars = (bookings: PoolReportBooking[], fill: string) =>
    bookings.flatMap((b) =>
      b.intervals.map(
        (i) =>
          html`<a href="${bookingHref(b.eventId)}"
            ><rect
              x="${x(i.start).toFixed(1)}"
              y="3"
              width="${Math.max(2, x(i.end) - x(i.start)).toFixed(1)}"
              height="${ROW - 6}"
              rx="2"
              fill="${fill}"
              ><title>
                ${isolated(b.title || b.eventId)}:
                ${new Date(i.start).toISOString().slice(0, 16)}–${new Date(i.end).toISOString().slice(11, 16)}
                UTC
              </title></rect
            ></a
          >`,
      ),
    );
  const timeline = (label: string, bookings: PoolReportBooking[], fill: string) =>
    html`<svg
      role="img"
      aria-label="${label}"
      viewBox="0 0 ${WIDTH} ${ROW}"
      width="100%"
      height="${ROW}"
      preserveAspectRatio="none"
    >
      <rect x="0" y="0" width="${WIDTH}" height="${ROW}" fill="#f6f8fa"></rect>
      ${grid} ${bars(bookings, fill)}
    </svg>`;
  const dayAxis = html`<svg
    role="img"
    aria-label="days"
    viewBox="0 0 ${WIDTH} 14"
    width="100%"
    height="14"
    preserveAspectRatio="none"
  >
    ${report.days.map(
      (d, i) =>
        html`<text x="${(i * WIDTH) / days + 2}" y="11" font-size="9" fill="#6b7280"
          >${d.slice(5)}</text
        >`,
    )}
  </svg>`;
  const rows = report.hosts.map(
    (h) =>
      html`<tr>
        <td data-label="host">
          ${h.host}${
            h.parkedUntil
              ? html`<br /><span class="warn">budget spent until ${h.parkedUntil}</span>`
              : null
          }
        </td>
        <td data-label="next ${days} days">
          ${timeline(`bookings of ${h.host}`, h.bookings, '#2f6fdd')}
        </td>
        <td data-label="bookings">${h.bookings.length}</td>
        <td data-label="peak">${h.peak}</td>
      </tr>`,
  );
  const waiting =
    report.waiting.length > 0
      ? html`<tr class="bad">
          <td data-label="host"><strong>waiting for a free host</strong> (HOST_POOL_EXHAUSTED)</td>
          <td data-label="next ${days} days">
            ${timeline('bookings waiting for a host', report.waiting, '#c62828')}
          </td>
          <td data-label="bookings">${report.waiting.length}</td>
          <td data-label="peak">—</td>
        </tr>`
      : null;
  const short = report.hostsNeeded > report.hosts.length;
  return html`<h3>Host pool: the next ${days} days (UTC)</h3>
    <p class="${short ? 'bad' : 'mute'}">
      Peak: ${report.peak} booking(s) at once; the pool needs at least ${report.hostsNeeded} host(s)
      and has ${report.hosts.length}${short ? ': add Zoom users to rooms.hostPool' : ''}. Each host
      holds ${report.capacity} meeting(s) at once, ${report.bufferMinutes} min apart.
    </p>
    <table>
      <thead>
        <tr>
          <th>host</th>
          <th>${dayAxis}</th>
          <th>bookings</th>
          <th>peak</th>
        </tr>
      </thead>
      <tbody>
        ${rows} ${waiting}
      </tbody>
    </table>`;
}
