import { createHash, randomBytes } from 'node:crypto';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { PushChannel, Store } from '../store/index.js';
import type { GooglePushMetrics } from './push-metrics.js';
import { channelVerdict } from './push-timing.js';

/** What the keeper needs of the Google adapter. */
export interface ChannelPort {
  watchEvents(
    calendarId: string,
    request: { id: string; token: string; address: string },
  ): Promise<{ id: string; resourceId: string; resourceUri: string; expiration: Date }>;
  stopChannel(channel: { id: string; resourceId: string }): Promise<'stopped' | 'gone'>;
}

export interface ChannelKeeperOptions {
  store: Store;
  google: ChannelPort;
  /** Where Google posts: `<server.publicUrl>/webhooks/google`. */
  address: string;
  logger: Logger;
  now: () => Date;
  metrics?: GooglePushMetrics;
}

/**
 * Keeps one Google push channel open per watched room (issue 16): opens a channel where there is
 * none, replaces one due for renewal or posting to another address (the new one first, then
 * `channels.stop` of the old: they overlap, as the push guide expects), drops expired ones, and
 * stops those of rooms no longer watched. Channels live in the store, so a restart reuses those
 * still good. Channel ids are per room and per run (`zl-<run>-<room>-<n>`); each channel has its
 * own random token, which Google echoes on every message.
 */
export class ChannelKeeper {
  private readonly run = randomBytes(4).toString('hex');
  private opened = 0;
  /** Rooms whose last open failed, or whose channel said `not_exists`: polled on sync.schedule. */
  private readonly failed = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  /** Channels asked for and not yet answered: their first `sync` message may come before the answer (push guide). */
  private readonly opening = new Map<string, { calendarId: string; token: string }>();

  constructor(private readonly options: ChannelKeeperOptions) {}

  /** Brings the channels in line with the watched rooms (one at a time; calls queue up). */
  maintain(rooms: readonly string[]): Promise<void> {
    const next = this.chain.then(() => this.maintainNow(rooms));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Stops every channel (shutdown); rows whose stop failed stay for the next start to replace. */
  stopAll(): Promise<void> {
    const next = this.chain.then(async () => {
      for (const channel of this.options.store.pushChannels.list()) await this.stop(channel);
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** The stored channel with this id, or one being opened now. */
  channel(channelId: string): Pick<PushChannel, 'calendarId' | 'token'> | undefined {
    return this.options.store.pushChannels.get(channelId) ?? this.opening.get(channelId);
  }

  /** A room whose channel is open, not expired, and not reported failed. */
  healthy(calendarId: string): boolean {
    const key = calendarId.toLowerCase();
    if (this.failed.has(key)) return false;
    const now = this.options.now().getTime();
    return this.options.store.pushChannels
      .list()
      .some((c) => c.calendarId.toLowerCase() === key && c.expiration.getTime() > now);
  }

  /** Google said the watched resource is gone (`not_exists`): back to polling on sync.schedule. */
  markFailed(calendarId: string): void {
    this.failed.add(calendarId.toLowerCase());
  }

  private async maintainNow(rooms: readonly string[]): Promise<void> {
    const { store, address } = this.options;
    const watched = new Map(rooms.map((r) => [r.toLowerCase(), r]));
    const byRoom = new Map<string, PushChannel[]>();
    for (const channel of store.pushChannels.list()) {
      const key = channel.calendarId.toLowerCase();
      if (!watched.has(key)) {
        await this.stop(channel);
        continue;
      }
      byRoom.set(key, [...(byRoom.get(key) ?? []), channel]);
    }
    for (const [key, calendarId] of watched) {
      const channels = (byRoom.get(key) ?? []).sort(
        (a, b) => b.expiration.getTime() - a.expiration.getTime(),
      );
      const [newest, ...older] = channels;
      // Leftovers of a replacement whose stop failed earlier.
      for (const old of older) await this.stop(old);
      const verdict = newest ? channelVerdict(newest, address, this.options.now()) : undefined;
      if (verdict === 'keep' && !this.failed.has(key)) continue;
      if (newest && verdict === 'expired') {
        store.pushChannels.remove(newest.channelId);
        this.options.metrics?.channel('expired');
      }
      const opened = await this.open(calendarId);
      if (opened && newest && verdict !== 'expired') await this.stop(newest);
    }
  }

  private async open(calendarId: string): Promise<boolean> {
    const { store, google, address, logger } = this.options;
    this.opened += 1;
    const room = createHash('sha256').update(calendarId.toLowerCase()).digest('hex').slice(0, 12);
    const request = {
      id: `zl-${this.run}-${room}-${this.opened}`,
      token: randomBytes(32).toString('base64url'),
      address,
    };
    this.opening.set(request.id, { calendarId, token: request.token });
    try {
      const channel = await google.watchEvents(calendarId, request);
      store.pushChannels.add({
        channelId: channel.id,
        calendarId,
        token: request.token,
        resourceId: channel.resourceId,
        resourceUri: channel.resourceUri,
        address,
        expiration: channel.expiration,
      });
      this.failed.delete(calendarId.toLowerCase());
      this.options.metrics?.channel('opened');
      logger.info('google push channel open', {
        calendarId,
        channelId: channel.id,
        expiration: channel.expiration.toISOString(),
      });
      return true;
    } catch (error) {
      this.failed.add(calendarId.toLowerCase());
      this.options.metrics?.channel('open_failed');
      logger.warn('opening a google push channel failed; the room is polled on sync.schedule', {
        calendarId,
        error: describeError(error),
      });
      return false;
    } finally {
      this.opening.delete(request.id);
    }
  }

  private async stop(channel: PushChannel): Promise<void> {
    try {
      await this.options.google.stopChannel({
        id: channel.channelId,
        resourceId: channel.resourceId,
      });
      this.options.store.pushChannels.remove(channel.channelId);
      this.options.metrics?.channel('stopped');
    } catch (error) {
      this.options.metrics?.channel('stop_failed');
      this.options.logger.warn('stopping a google push channel failed; tried again later', {
        calendarId: channel.calendarId,
        channelId: channel.channelId,
        error: describeError(error),
      });
    }
  }
}
