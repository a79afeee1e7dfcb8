import { createHash } from 'node:crypto';
import { GoogleApiFailure, googleErrors } from './google-errors.js';

/**
 * Notification channels (`events.watch`, `channels.stop`), as the Calendar push guide describes
 * them (developers.google.com/workspace/calendar/api/guides/push) and the discovery document's
 * `Channel` schema: an id the caller picks (unique), `type` "web_hook" (or "webhook"), an HTTPS
 * `address`, an optional `token` echoed on every message, an optional `expiration` (ms) and
 * `params.ttl` (seconds, 604800 = 7 days by default). The answer adds `resourceId` (opaque, stable
 * for the watched resource), `resourceUri` and the real `expiration`. Channels are not renewed by
 * Google; a new channel (new id) replaces an old one. This file holds the registry; delivery is
 * `channel-delivery.ts`.
 */

export interface WatchChannel {
  id: string;
  calendarId: string;
  address: string;
  token?: string;
  resourceId: string;
  resourceUri: string;
  /** Epoch ms. */
  expiration: number;
  /** The last `X-Goog-Message-Number` sent (increasing, not sequential). */
  messageNumber: number;
  /** Messages answered 2xx / lost on purpose (switch) / failed after retries. */
  delivered: number;
  lost: number;
  failed: number;
  /** Messages waiting for their delay, or posted and not yet answered. */
  pending: number;
  stopped: boolean;
}

/** The guide's default ttl: 604800 s (one week). */
export const defaultTtlSeconds = 604_800;

const maxIdLength = 64;
const maxTokenLength = 256;

export class ChannelRegistry {
  private readonly byId = new Map<string, WatchChannel>();

  constructor(
    private readonly rootUrl: () => string,
    /** Whether an `http:` address is taken (a switch: the guide requires HTTPS). */
    private readonly httpAllowed: () => boolean,
  ) {}

  /** The channel this watch opens, or the guide's 400s. */
  open(calendarId: string, body: Record<string, unknown>, nowMs: number): WatchChannel {
    const id = body.id;
    if (typeof id !== 'string' || id === '') throw googleErrors.required('Required', 'id');
    if (id.length > maxIdLength || !/^[A-Za-z0-9\-_+/=]+$/.test(id))
      throw googleErrors.invalid(`Invalid channel id: ${id}`, 'id');
    if (this.byId.has(id)) throw channelIdNotUnique(id);
    const type = body.type;
    if (type !== 'web_hook' && type !== 'webhook')
      throw googleErrors.invalid(`Invalid value for type: ${String(type)}`, 'type');
    const address = body.address;
    if (typeof address !== 'string' || address === '')
      throw googleErrors.required('Required', 'address');
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw googleErrors.invalid(`Invalid address: ${address}`, 'address');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.httpAllowed()))
      throw webhookUrlNotHttps(address);
    const token = body.token;
    if (token !== undefined && (typeof token !== 'string' || token.length > maxTokenLength))
      throw googleErrors.invalid('Invalid token', 'token');
    const channel: WatchChannel = {
      id,
      calendarId,
      address,
      ...(typeof token === 'string' ? { token } : {}),
      resourceId: resourceIdOf(calendarId),
      resourceUri: `${this.rootUrl()}calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`,
      expiration: expirationOf(body, nowMs),
      messageNumber: 0,
      delivered: 0,
      lost: 0,
      failed: 0,
      pending: 0,
      stopped: false,
    };
    this.byId.set(id, channel);
    return channel;
  }

  /** `channels.stop`: 404 for an unknown id or a resourceId that is not the channel's. */
  stop(body: Record<string, unknown>): WatchChannel {
    const id = body.id;
    if (typeof id !== 'string' || id === '') throw googleErrors.required('Required', 'id');
    const channel = this.byId.get(id);
    if (!channel || channel.stopped || channel.resourceId !== body.resourceId)
      throw channelNotFound(id);
    channel.stopped = true;
    return channel;
  }

  /** Channels that still deliver for a calendar at `nowMs` (not stopped, not expired). */
  live(calendarId: string, nowMs: number): WatchChannel[] {
    const key = calendarId.toLowerCase();
    return [...this.byId.values()].filter(
      (c) => !c.stopped && c.expiration > nowMs && c.calendarId.toLowerCase() === key,
    );
  }

  get(id: string): WatchChannel | undefined {
    return this.byId.get(id);
  }

  all(): WatchChannel[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }
}

/** The channel's answer to `events.watch` (the Channel schema; int64 as a string). */
export function renderChannel(channel: WatchChannel): Record<string, unknown> {
  return {
    kind: 'api#channel',
    id: channel.id,
    resourceId: channel.resourceId,
    resourceUri: channel.resourceUri,
    ...(channel.token !== undefined ? { token: channel.token } : {}),
    expiration: String(channel.expiration),
  };
}

/** `expiration` (ms) when given and sooner, else now + `params.ttl` (default one week). */
function expirationOf(body: Record<string, unknown>, nowMs: number): number {
  const params = body.params;
  const ttlRaw =
    typeof params === 'object' && params !== null
      ? (params as Record<string, unknown>).ttl
      : undefined;
  const ttl = ttlRaw === undefined ? defaultTtlSeconds : Number(ttlRaw);
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw googleErrors.invalid(`Invalid ttl: ${String(ttlRaw)}`, 'params.ttl');
  const byTtl = nowMs + Math.min(ttl, defaultTtlSeconds) * 1000;
  if (body.expiration === undefined) return byTtl;
  const asked = Number(body.expiration);
  if (!Number.isFinite(asked) || asked <= nowMs)
    throw googleErrors.invalid(`Invalid expiration: ${String(body.expiration)}`, 'expiration');
  return Math.min(asked, byTtl);
}

/** Opaque and stable per calendar, like Google's (the same for every channel on it). */
function resourceIdOf(calendarId: string): string {
  return createHash('sha256')
    .update(calendarId.toLowerCase())
    .digest('base64url')
    .replace(/[-_]/g, '')
    .slice(0, 27);
}

function channelIdNotUnique(id: string): GoogleApiFailure {
  return new GoogleApiFailure(400, {
    domain: 'global',
    reason: 'channelIdNotUnique',
    message: `Channel id ${id} not unique`,
  });
}

function webhookUrlNotHttps(address: string): GoogleApiFailure {
  return new GoogleApiFailure(400, {
    domain: 'global',
    reason: 'push.webhookUrlNotHttps',
    message: `WebHook callback must be HTTPS: ${address}`,
  });
}

function channelNotFound(id: string): GoogleApiFailure {
  return new GoogleApiFailure(404, {
    domain: 'global',
    reason: 'notFound',
    message: `Channel '${id}' not found for project`,
  });
}
