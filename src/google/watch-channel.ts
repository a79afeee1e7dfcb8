import { z } from 'zod';
import type { AdapterContext } from './adapter-context.js';
import { CalendarApiError, GoogleErrorCodes } from './calendar-api-error.js';
import { GoogleScopes } from './scopes.js';

/** What zoomlink asks `events.watch` for. */
export interface ChannelRequest {
  /** Unique, at most 64 characters (push guide). */
  id: string;
  /** Echoed on every message as `X-Goog-Channel-Token` (at most 256 characters). */
  token: string;
  /** The HTTPS address Google posts to. */
  address: string;
  /** `params.ttl` in seconds; Google's default (one week) when absent. */
  ttlSeconds?: number;
}

/** An open channel as Google answered it. */
export interface OpenChannel {
  id: string;
  resourceId: string;
  resourceUri: string;
  expiration: Date;
}

const rawChannel = z.object({
  id: z.string(),
  resourceId: z.string(),
  resourceUri: z.string().optional(),
  expiration: z.union([z.string(), z.number()]).optional(),
});

/**
 * `events.watch` on a room calendar, as the admin subject (who must be able to read it; Google
 * answers notFound otherwise): a `web_hook` channel to `address` (Calendar push guide,
 * developers.google.com/workspace/calendar/api/guides/push; request and answer are the discovery
 * document's `Channel`). Google renews nothing: a new channel with a new id replaces this one.
 */
export async function watchEvents(
  ctx: AdapterContext,
  calendarId: string,
  request: ChannelRequest,
): Promise<OpenChannel> {
  const answer = await ctx.call(
    {
      operation: 'events.watch',
      subject: ctx.adminSubject(),
      scope: GoogleScopes.readEvents,
      calendarId,
      send: (auth) =>
        ctx.apis.calendar.events.watch({
          auth,
          calendarId,
          requestBody: {
            id: request.id,
            type: 'web_hook',
            address: request.address,
            token: request.token,
            ...(request.ttlSeconds !== undefined
              ? { params: { ttl: String(request.ttlSeconds) } }
              : {}),
          },
        }),
    },
    rawChannel,
  );
  const expiration = Number(answer.expiration);
  return {
    id: answer.id,
    resourceId: answer.resourceId,
    resourceUri: answer.resourceUri ?? '',
    // Without an expiration in the answer, Google's default ttl (one week) applies.
    expiration: new Date(
      Number.isFinite(expiration) && expiration > 0
        ? expiration
        : ctx.now().getTime() + 604_800_000,
    ),
  };
}

/** `channels.stop`; a channel Google no longer knows (404) is `gone`: stopped already. */
export async function stopChannel(
  ctx: AdapterContext,
  channel: { id: string; resourceId: string },
): Promise<'stopped' | 'gone'> {
  try {
    await ctx.call(
      {
        operation: 'channels.stop',
        subject: ctx.adminSubject(),
        scope: GoogleScopes.readEvents,
        send: (auth) =>
          ctx.apis.calendar.channels.stop({
            auth,
            requestBody: { id: channel.id, resourceId: channel.resourceId },
          }),
      },
      z.unknown(),
    );
    return 'stopped';
  } catch (error) {
    if (error instanceof CalendarApiError && error.code === GoogleErrorCodes.notFound)
      return 'gone';
    throw error;
  }
}
