import type { ChannelRegistry, WatchChannel } from './channels.js';

export type ResourceState = 'sync' | 'exists' | 'not_exists';

export interface DeliverySwitches {
  /** ms between the change and the message (Google documents no bound). */
  delayMs: number;
  /** The share of messages dropped (Google documents no delivery guarantee). */
  loss: number;
  /** Extra copies of every message (field reports of bursts and repeats). */
  duplicates: number;
}

/** How long a message waits before each retry after a 5xx or no answer (doubling, as the guide asks of retries). */
const retryDelaysMs = [500, 1000, 2000];

/**
 * Delivers a channel's messages by HTTP POST to its address with the headers of the push guide
 * (developers.google.com/workspace/calendar/api/guides/push, "Understanding the notification
 * message format"): `X-Goog-Channel-ID`, `X-Goog-Channel-Token` (when set),
 * `X-Goog-Channel-Expiration` (human-readable), `X-Goog-Resource-ID`, `X-Goog-Resource-URI`,
 * `X-Goog-Resource-State` (`sync` first, then `exists` / `not_exists`) and `X-Goog-Message-Number`
 * (1 for the sync message, then increasing but not sequential); no body. A 200/201/202/204/102 is
 * taken; a 500/502/503/504 or no answer is retried with backoff; anything else is dropped.
 * Changes to one calendar within one turn of the event loop make one message per channel.
 */
export class ChannelDelivery {
  private readonly pending = new Set<string>();
  private flushScheduled = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new AbortController();
  private closed = false;

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly switches: () => DeliverySwitches,
    private readonly nowMs: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  /** The first message of a channel: `sync`, number 1 (it may arrive before the watch answer). */
  opened(channel: WatchChannel): void {
    this.later(0, () => this.send(channel, 'sync'));
  }

  /** Something on this calendar changed (a copy was written). */
  changed(calendarId: string): void {
    if (this.closed) return;
    this.pending.add(calendarId.toLowerCase());
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const calendars = [...this.pending];
      this.pending.clear();
      for (const calendarId of calendars)
        for (const channel of this.registry.live(calendarId, this.nowMs()))
          this.send(channel, 'exists');
    });
  }

  /** One message on demand (the control API: e.g. `not_exists`). */
  notify(channel: WatchChannel, state: ResourceState): void {
    this.send(channel, state);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborts.abort();
  }

  private send(channel: WatchChannel, state: ResourceState): void {
    if (this.closed) return;
    const { delayMs, loss, duplicates } = this.switches();
    channel.messageNumber =
      state === 'sync' ? 1 : channel.messageNumber + 1 + Math.floor(this.random() * 3);
    const headers = headersOf(channel, state);
    for (let copy = 0; copy <= duplicates; copy += 1) {
      if (loss > 0 && this.random() < loss) {
        channel.lost += 1;
        continue;
      }
      channel.pending += 1;
      this.later(delayMs, () => this.post(channel, headers, 0));
    }
  }

  private post(channel: WatchChannel, headers: Record<string, string>, attempt: number): void {
    if (this.closed) return;
    fetch(channel.address, {
      method: 'POST',
      headers,
      signal: this.aborts.signal,
    })
      .then(async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        if ([200, 201, 202, 204, 102].includes(response.status)) channel.delivered += 1;
        else if ([500, 502, 503, 504].includes(response.status))
          this.retry(channel, headers, attempt);
        else channel.failed += 1;
      })
      .catch(() => {
        if (!this.closed) this.retry(channel, headers, attempt);
      });
  }

  private retry(channel: WatchChannel, headers: Record<string, string>, attempt: number): void {
    const wait = retryDelaysMs[attempt];
    if (wait === undefined) return this.settle(channel, 'failed');
    this.later(wait, () => this.post(channel, headers, attempt + 1));
  }

  private settle(channel: WatchChannel, outcome: 'delivered' | 'failed'): void {
    channel.pending -= 1;
    channel[outcome] += 1;
  }

  private later(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}

function headersOf(channel: WatchChannel, state: ResourceState): Record<string, string> {
  return {
    'user-agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
    'x-goog-channel-id': channel.id,
    ...(channel.token !== undefined ? { 'x-goog-channel-token': channel.token } : {}),
    'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
    'x-goog-resource-id': channel.resourceId,
    'x-goog-resource-uri': channel.resourceUri,
    'x-goog-resource-state': state,
    'x-goog-message-number': String(channel.messageNumber),
    'content-length': '0',
  };
}
