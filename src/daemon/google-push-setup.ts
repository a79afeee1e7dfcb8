import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { PollOptions, SyncEngine } from '../sync/index.js';
import type { TriggerSource } from './cron-triggers.js';
import { googlePushPath, googlePushReceiver } from './google-push.js';
import type { DaemonMetrics } from './metrics.js';
import { ChannelKeeper, type ChannelPort } from './push-channels.js';
import { RoomDebouncer } from './push-debounce.js';
import { registerGooglePushMetrics } from './push-metrics.js';
import type { InboundHandler } from './inbound.js';

/** How long a room's first notification waits for more before its read starts. */
export const pushDebounceMs = 200;

export interface GooglePush {
  readonly keeper: ChannelKeeper;
  /** The receiving route: `/webhooks/google` and its handler. */
  readonly inbound: [string, InboundHandler];
  /** What the scheduled poll adds to its options: skip rooms with a healthy channel, list rooms. */
  pollOptions(): Pick<PollOptions, 'roomFilter' | 'onRooms'>;
  /** After each scheduled poll: channels follow the rooms it listed (open, renew, stop). */
  afterPoll(): Promise<void>;
  /** No more reads or triggers; every channel stopped (shutdown). */
  stop(): Promise<void>;
}

/**
 * Google push channels for the daemon, when `server.publicUrl` is set (issue 16). Notifications
 * make a quick read of their room (debounced), outside the scheduler's lane so that a long poll
 * never delays them. The scheduled poll on `sync.schedule` reads only rooms without a healthy
 * channel; every room is read on `sync.pushPollSchedule` (and at start), as the safety net.
 */
export function startGooglePush(options: {
  config: Config;
  store: Store;
  engine: SyncEngine;
  google: ChannelPort;
  metrics: DaemonMetrics;
  logger: Logger;
  now: () => Date;
  triggers: TriggerSource;
}): GooglePush {
  const { config, engine, logger } = options;
  const metrics = registerGooglePushMetrics(options.metrics.registry);
  const keeper = new ChannelKeeper({
    store: options.store,
    google: options.google,
    address: `${config.server.publicUrl.replace(/\/+$/, '')}${googlePushPath}`,
    logger,
    now: options.now,
    metrics,
  });
  const debouncer = new RoomDebouncer(pushDebounceMs, async (calendarId) => {
    await engine.poll({ rooms: [calendarId], background: true, reuseRooms: true });
  });
  const receiver = googlePushReceiver({
    keeper,
    read: (calendarId) => debouncer.trigger(calendarId),
    metrics,
    logger,
  });
  let everyRoomDue = true;
  let listed: string[] | undefined;
  const relaxed = options.triggers(config.sync.pushPollSchedule, () => {
    everyRoomDue = true;
  });
  return {
    keeper,
    inbound: [googlePushPath, receiver.handler],
    pollOptions() {
      const all = everyRoomDue;
      everyRoomDue = false;
      return {
        roomFilter: (calendarId) => all || !keeper.healthy(calendarId),
        onRooms: (rooms) => (listed = rooms),
      };
    },
    async afterPoll() {
      if (listed) await keeper.maintain(listed);
    },
    async stop() {
      relaxed.stop();
      await debouncer.stop();
      await keeper.stopAll();
    },
  };
}
