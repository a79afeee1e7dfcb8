import type { Store } from '../store/index.js';
import type { BookingPreview } from '../sync/index.js';
import { relativeTime } from './format-time.js';
import { html, type SafeHtml } from './html.js';

/**
 * The status page's rollout items (README "Rolling out"), read from the store and rendered as one
 * self-contained section: what rooms in observe mode would do (the plans they recorded), how many
 * bookings are out of scope and why, and bookings whose Zoom changes wait for a host's daily
 * quota (spread over days).
 */
export interface RolloutView {
  observed: {
    total: number;
    /** Bookings per action word over every observation. */
    byAction: Record<string, number>;
    latest: (BookingPreview & { observedAt: string })[];
  };
  /** Bookings left without a meeting on purpose, not over, by skip code. */
  outOfScope: Record<string, number>;
  /** Parked hosts with the bookings that wait for their quota. */
  waiting: { host: string; bookings: number; until: string | null }[];
}

export const observedShown = 20;

export function readRollout(store: Store, now: Date): RolloutView {
  const { none, ...byAction } = store.observations.countByAction();
  if (none) byAction['nothing to do'] = none;
  const pending = store.links.listByState('pending');
  const waiting = store.hosts.parked(now).map((host) => ({
    host: host.host,
    until: host.parkedUntil,
    bookings: pending.filter((l) => l.zoomHost?.toLowerCase() === host.host.toLowerCase()).length,
  }));
  return {
    observed: {
      total: store.observations.count(),
      byAction,
      latest: store.observations
        .list(observedShown)
        .map((o) => ({ ...(o.preview as BookingPreview), observedAt: o.observedAt })),
    },
    outOfScope: store.links.countIgnoredByCode(now),
    waiting: waiting.filter((w) => w.bookings > 0),
  };
}

export function rolloutSection(view: RolloutView, now: Date): SafeHtml | null {
  const scope = Object.entries(view.outOfScope);
  if (view.observed.total === 0 && scope.length === 0 && view.waiting.length === 0) return null;
  const counts = (entries: [string, number][]) =>
    html`<ul class="counts">
      ${entries.map(([key, n]) => html`<li><strong>${n}</strong> ${key.replace(/_/g, ' ')}</li>`)}
    </ul>`;
  return html`<section id="rollout">
    <h2>Rollout</h2>
    ${
      view.observed.total > 0
        ? html`<h3>Observed: what zoomlink would do (${view.observed.total} booking(s))</h3>
            <p class="mute">
              Rooms in observe mode are read and planned; nothing is written for them.
            </p>
            ${counts(Object.entries(view.observed.byAction))}
            <ul>
              ${view.observed.latest.map(
                (b) =>
                  html`<li>
                    <code>${b.eventId}</code> in ${b.room}:
                    ${b.actions.join(', ') || 'nothing to do'}
                    ${b.reason ? html`(<span class="warn">${b.reason}</span>)` : null}
                    ${b.host ? html`<span class="mute">host ${b.host}</span>` : null}
                    <span class="mute">${relativeTime(b.observedAt, now)}</span>
                  </li>`,
              )}
            </ul>`
        : null
    }
    ${
      scope.length > 0
        ? html`<h3>Bookings without a meeting, by reason</h3>
            ${counts(scope)}`
        : null
    }
    ${
      view.waiting.length > 0
        ? html`<h3>Updates spread over days</h3>
            <ul>
              ${view.waiting.map(
                (w) =>
                  html`<li>
                    ${w.bookings} booking(s) of ${w.host} wait for its daily Zoom quota, next at
                    ${w.until ?? '—'} (${relativeTime(w.until, now)})
                  </li>`,
              )}
            </ul>`
        : null
    }
  </section>`;
}
