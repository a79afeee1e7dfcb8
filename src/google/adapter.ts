import type { GoogleConfig, RoomsConfig } from '../config/schema.js';
import type { LiveEvent } from '../domain/calendar-event.js';
import type { ApiObserver } from '../domain/api-observer.js';
import type { CalendarPort } from '../domain/ports.js';
import { logger as processLogger, type Logger } from '../log.js';
import type { AdapterContext } from './adapter-context.js';
import { createApis } from './apis.js';
import { createAuthClients } from './auth-clients.js';
import { listBookings } from './bookings.js';
import { listInstances } from './list-instances.js';
import { describeAuth, resolveCredentials } from './credentials.js';
import { createGoogleCalls, type GoogleAuth } from './google-call.js';
import { modifyEvent } from './modify-event.js';
import { GoogleRateLimits } from './rate-limits.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';
import { readChanges } from './read-changes.js';
import { discoverRooms } from './rooms.js';
import type { RoomListing } from './room-hosts.js';
import { writeTarget } from './write-target.js';
import {
  stopChannel,
  watchEvents,
  type ChannelRequest,
  type OpenChannel,
} from './watch-channel.js';

export interface GoogleAdapterOptions {
  observer?: ApiObserver;
  logger?: Logger;
  /** The current time (tests pass the emulator's clock). */
  now?: () => Date;
  /** How retries wait; tests may pass a recorder. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Benchmarks only: `false` sends without the quota limiters, to measure the adapter's own
   * speed against an emulator on loopback.
   */
  rateLimits?: boolean;
}

/** The sync engine's `CalendarPort`, plus what the CLI shows people. */
export interface GoogleAdapter extends CalendarPort {
  /** The rooms and the Directory rooms left out, with why. */
  discoverRooms(): Promise<RoomListing>;
  /** A room's bookings in a window, series expanded into instances, by start time. */
  listBookings(calendarId: string, window: { from: Date; to: Date }): Promise<LiveEvent[]>;
  /** The Calendar API quota limiters as they stand: the project's, and the users' in one line. */
  rateLimits(): RateLimiterStatus[];
  /** Each user's quota limiter (benchmarks). */
  userRateLimits(): RateLimiterStatus[];
  /** `events.watch` on a room calendar: a push channel to `request.address`. */
  watchEvents(calendarId: string, request: ChannelRequest): Promise<OpenChannel>;
  /** `channels.stop`; `gone` when Google no longer knows the channel. */
  stopChannel(channel: { id: string; resourceId: string }): Promise<'stopped' | 'gone'>;
}

/**
 * The Google Calendar adapter on the real googleapis client. Credentials are resolved on the
 * first call that needs them (a `ConfigError` when they are missing or unreadable).
 */
export function createGoogleAdapter(
  config: { google: GoogleConfig; rooms: RoomsConfig },
  options: GoogleAdapterOptions = {},
): GoogleAdapter {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? processLogger;
  let resolved: (GoogleAuth & { adminSubject: string }) | undefined;
  const auth = () => {
    if (!resolved) {
      const credentials = resolveCredentials(config.google);
      const description = describeAuth(credentials);
      resolved = {
        clients: createAuthClients(
          credentials,
          config.google.tokenUrl,
          config.google.requestTimeoutMs,
        ),
        description,
        adminSubject: credentials.kind === 'serviceAccount' ? credentials.adminSubject : 'me',
      };
    }
    return resolved;
  };
  const limits = new GoogleRateLimits({
    perUserPerMinute: config.google.quotaPerUserPerMinute,
    perProjectPerMinute: config.google.quotaPerProjectPerMinute,
  });
  const calls = createGoogleCalls({
    policy: {
      maxRetries: config.google.maxRetries,
      baseMs: config.google.retryBaseMs,
      maxMs: config.google.retryMaxMs,
    },
    auth,
    roots: { calendar: config.google.calendarRootUrl, directory: config.google.directoryRootUrl },
    ...(options.observer ? { observer: options.observer } : {}),
    logger,
    now,
    ...(options.rateLimits === false ? {} : { limits }),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const ctx: AdapterContext = {
    google: config.google,
    rooms: config.rooms,
    apis: createApis(config.google),
    call: calls.call,
    pages: calls.pages,
    logger,
    now,
    adminSubject: () => auth().adminSubject,
    reportedSkips: new Set(),
  };
  return {
    listRooms: async () => (await discoverRooms(ctx)).rooms,
    discoverRooms: () => discoverRooms(ctx),
    readChanges: (calendarId, syncToken) => readChanges(ctx, calendarId, syncToken),
    modifyEvent: (target, change) => modifyEvent(ctx, target, change),
    listInstances: (calendarId, eventId, window, actAs) =>
      listInstances(ctx, calendarId, eventId, window, actAs),
    listBookings: (calendarId, window) => listBookings(ctx, calendarId, window),
    rateLimits: () => limits.statuses(),
    userRateLimits: () => limits.userStatuses(),
    watchEvents: (calendarId, request) => watchEvents(ctx, calendarId, request),
    stopChannel: (channel) => stopChannel(ctx, channel),
    writeTarget: (event) =>
      writeTarget(event, {
        domains: config.google.domains,
        adminSubject: config.google.adminSubject,
      }),
  };
}
