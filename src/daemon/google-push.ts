import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../log.js';
import type { InboundHandler } from './inbound.js';
import type { ChannelKeeper } from './push-channels.js';
import type { GooglePushMetrics } from './push-metrics.js';

/** The path Google posts to, under server.publicUrl. */
export const googlePushPath = '/webhooks/google';

export interface GooglePushReceiver {
  /** The status to answer a notification with (200 taken, 404 unknown channel, 401 wrong token). */
  receive(headers: IncomingHttpHeaders): number;
  /** The same, as the HTTP server's inbound route. */
  handler: InboundHandler;
}

/**
 * A Google push notification (Calendar push guide, "Receiving notifications",
 * developers.google.com/workspace/calendar/api/guides/push): no body, only headers. The channel
 * must be one we opened (`X-Goog-Channel-ID`; notifications can still come after a stop, as
 * google-api-nodejs-client #1402 reports: those are 404) and carry its token
 * (`X-Goog-Channel-Token`, compared in constant time): else 401. Both refusals are counted and do
 * nothing else. `sync` (the first message of a channel) needs no read; `exists` asks for a read of
 * the room (debounced by the caller); `not_exists` also puts the room back on sync.schedule.
 */
export function googlePushReceiver(options: {
  keeper: ChannelKeeper;
  read: (calendarId: string) => void;
  metrics?: GooglePushMetrics;
  logger: Logger;
}): GooglePushReceiver {
  const { keeper, metrics, logger } = options;
  const said: Record<number, string> = {
    200: 'ok\n',
    401: 'wrong token\n',
    404: 'unknown channel\n',
  };
  const receiver: GooglePushReceiver = {
    handler: ({ headers }) => {
      const status = receiver.receive(headers);
      return { status, body: said[status] ?? '' };
    },
    receive(headers) {
      const channelId = header(headers, 'x-goog-channel-id');
      const channel = channelId === undefined ? undefined : keeper.channel(channelId);
      if (!channel) {
        metrics?.refused('unknown_channel');
        logger.debug('google push for an unknown channel refused', { channelId });
        return 404;
      }
      if (!sameSecret(header(headers, 'x-goog-channel-token') ?? '', channel.token)) {
        metrics?.refused('wrong_token');
        logger.warn('google push with a wrong token refused', { channelId });
        return 401;
      }
      const state = header(headers, 'x-goog-resource-state') ?? '';
      metrics?.accepted(state);
      if (state === 'not_exists') keeper.markFailed(channel.calendarId);
      if (state === 'exists' || state === 'not_exists') options.read(channel.calendarId);
      return 200;
    },
  };
  return receiver;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Equal digests, compared in constant time (and so for any length of the given token). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
