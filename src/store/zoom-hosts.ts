import type { Database } from 'better-sqlite3';
import type { HostQuotaPort } from '../domain/ports.js';
import { stampNow, type Clock } from './clock.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { toStoredTime } from './time.js';

/**
 * What zoomlink knows of a Zoom host's daily create/update quota. When Zoom answers 429 with
 * `X-RateLimit-Type: Daily-limit`, the host is parked until the quota resets (00:00 UTC; Zoom's
 * Retry-After gives that time) and its bookings wait instead of burning calls. This is where the
 * one model of `HostQuotaPort` lives: the Zoom client writes it, the engine reads it.
 */
export interface ZoomHost {
  host: string;
  /** Until when no create/update is sent for this host; null when not parked. */
  parkedUntil: string | null;
  /** The last quota figure Zoom reported, and when. */
  quotaRemaining: number | null;
  quotaSeenAt: string | null;
  updatedAt: string;
}

/** Hosts are compared case-insensitively (`Zoom-A@Example.com` is `zoom-a@example.com`). */
export interface ZoomHostsRepository extends HostQuotaPort {
  /** Sets (replaces) the time until which the host is parked. */
  park(host: string, until: Date): void;
  unpark(host: string): void;
  isParked(host: string, now: Date): boolean;
  /** Hosts parked beyond `now`, the soonest back first. */
  parked(now: Date): ZoomHost[];
  recordQuota(host: string, remaining: number, at: Date): void;
  get(host: string): ZoomHost | undefined;
  list(): ZoomHost[];
}

type HostRow = RowOf<ZoomHost>;
const toHost = (row: HostRow) => fromRow<ZoomHost>(row);

export function createZoomHostsRepository(db: Database, clock: Clock): ZoomHostsRepository {
  const park = db.prepare<[{ host: string; until: string | null; now: string }]>(
    `INSERT INTO zoom_hosts (host, parked_until, updated_at) VALUES (@host, @until, @now)
     ON CONFLICT (host) DO UPDATE SET parked_until = @until, updated_at = @now`,
  );
  const quota = db.prepare<[{ host: string; remaining: number; at: string; now: string }]>(
    `INSERT INTO zoom_hosts (host, quota_remaining, quota_seen_at, updated_at)
     VALUES (@host, @remaining, @at, @now)
     ON CONFLICT (host) DO UPDATE SET quota_remaining = @remaining, quota_seen_at = @at,
       updated_at = @now`,
  );
  const get = db.prepare<[string], HostRow>('SELECT * FROM zoom_hosts WHERE host = ?');
  const isParked = db
    .prepare<[string, string], number>(
      'SELECT 1 FROM zoom_hosts WHERE host = ? AND parked_until > ?',
    )
    .pluck();
  const parkedUntil = db
    .prepare<[string, string], string>(
      'SELECT parked_until FROM zoom_hosts WHERE host = ? AND parked_until > ?',
    )
    .pluck();
  const parked = db.prepare<[string], HostRow>(
    'SELECT * FROM zoom_hosts WHERE parked_until > ? ORDER BY parked_until, host',
  );
  const list = db.prepare<[], HostRow>('SELECT * FROM zoom_hosts ORDER BY host');

  return {
    park: (host, until) => {
      park.run({ host, until: toStoredTime(until, 'until'), now: stampNow(clock) });
    },
    unpark: (host) => {
      park.run({ host, until: null, now: stampNow(clock) });
    },
    isParked: (host, now) => isParked.get(host, toStoredTime(now, 'now')) !== undefined,
    parkedUntil: (host, now) => {
      const until = parkedUntil.get(host, toStoredTime(now, 'now'));
      return until === undefined ? undefined : new Date(until);
    },
    parked: (now) => parked.all(toStoredTime(now, 'now')).map(toHost),
    parkedHosts: (now) =>
      parked.all(toStoredTime(now, 'now')).map((row) => ({
        host: row.host,
        until: new Date(row.parked_until!),
      })),
    lastQuota: (host) => {
      const row = get.get(host);
      if (row?.quota_remaining == null || row.quota_seen_at == null) return undefined;
      return { remaining: row.quota_remaining, at: new Date(row.quota_seen_at) };
    },
    recordQuota: (host, remaining, at) => {
      quota.run({ host, remaining, at: toStoredTime(at, 'at'), now: stampNow(clock) });
    },
    get: (host) => {
      const row = get.get(host);
      return row && toHost(row);
    },
    list: () => list.all().map(toHost),
  };
}
