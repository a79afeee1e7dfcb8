import type { Registry } from 'prom-client';
import { metricsOn } from './metric-kit.js';

export interface GooglePushMetrics {
  /** A notification refused: `unknown_channel` (404) or `wrong_token` (401). */
  refused(reason: 'unknown_channel' | 'wrong_token'): void;
  /** A notification taken, by `X-Goog-Resource-State`. */
  accepted(state: string): void;
  /** A channel opened, renewed, replaced, stopped or failed to open. */
  channel(event: 'opened' | 'stopped' | 'expired' | 'open_failed' | 'stop_failed'): void;
}

/** Google push counters, on the daemon's registry. */
export function registerGooglePushMetrics(registry: Registry): GooglePushMetrics {
  const m = metricsOn(registry);
  const refused = m.counter(
    'zoomlink_google_push_refused_total',
    'Google push notifications refused: unknown channel (404) or wrong token (401).',
    ['reason'],
  );
  const accepted = m.counter(
    'zoomlink_google_push_notifications_total',
    'Google push notifications taken, by X-Goog-Resource-State (sync, exists, not_exists).',
    ['state'],
  );
  const channels = m.counter(
    'zoomlink_google_push_channels_total',
    'Google push channel changes: opened, stopped, expired, open_failed, stop_failed.',
    ['event'],
  );
  return {
    refused: (reason) => refused.inc({ reason }),
    accepted: (state) => accepted.inc({ state }),
    channel: (event) => channels.inc({ event }),
  };
}
