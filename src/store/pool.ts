import type { Database } from 'better-sqlite3';
import { stampNow, type Clock } from './clock.js';
import { toStoredTime } from './time.js';

/**
 * What a shared host pool (`rooms.hostPool`) needs of the store: the bookings its hosts hold
 * (read without their snapshots, and a stamp that changes whenever the booking or one of its
 * exceptions does, so that their occurrences are expanded again only then), the journal of
 * meetings moving between hosts, and waking the bookings that wait for a host to free up.
 */
export interface PoolHeldRow {
  eventId: string;
  zoomHost: string;
  createdAt: string;
  state: string;
  /** Changes whenever the link or one of its recorded exceptions changes. */
  stamp: string;
}

export interface PoolMove {
  eventId: string;
  meetingId: number;
  fromHost: string;
  toHost: string;
  startedAt: string;
}

export interface PoolRepository {
  /**
   * Live bookings (pending, linked, or failed for a reason other than `exceptCode`) held by any
   * of `hosts` (case ignored) and not over before `from`.
   */
  listHeld(hosts: readonly string[], from: Date, exceptCode: string): PoolHeldRow[];
  startMove(move: Omit<PoolMove, 'startedAt'>): void;
  getMove(eventId: string): PoolMove | undefined;
  endMove(eventId: string): void;
  /**
   * Failed bookings whose last error has this code are tried at `now` (something they wait for
   * freed up); returns how many.
   */
  wakeFailed(code: string, now: Date): number;
}

export function createPoolRepository(db: Database, clock: Clock): PoolRepository {
  const held = db.prepare<[{ hosts: string; from: string; except: string }], PoolHeldRow>(
    `SELECT l.event_id AS eventId, l.zoom_host AS zoomHost, l.created_at AS createdAt,
       l.state AS state,
       l.updated_at || '|' || ifnull((SELECT max(o.updated_at) || '#' || count(*)
         FROM occurrence_overrides o WHERE o.event_id = l.event_id), '') AS stamp
     FROM links l
     WHERE l.zoom_host IS NOT NULL
       AND l.zoom_host COLLATE NOCASE IN (SELECT value FROM json_each(@hosts))
       AND l.state IN ('pending', 'linked', 'failed')
       AND l.strategy NOT IN ('foreign', 'skipped')
       AND (l.ends_at IS NULL OR l.ends_at > @from)
       AND NOT (l.state = 'failed' AND ifnull(l.last_error, '') LIKE @except || '%')
     ORDER BY l.created_at, l.event_id`,
  );
  const start = db.prepare<[PoolMove]>(
    `INSERT INTO pool_moves (event_id, meeting_id, from_host, to_host, started_at)
     VALUES (@eventId, @meetingId, @fromHost, @toHost, @startedAt)
     ON CONFLICT (event_id) DO UPDATE SET meeting_id = @meetingId, to_host = @toHost`,
  );
  const get = db.prepare<[string], PoolMove>(
    `SELECT event_id AS eventId, meeting_id AS meetingId, from_host AS fromHost,
       to_host AS toHost, started_at AS startedAt FROM pool_moves WHERE event_id = ?`,
  );
  const end = db.prepare<[string]>('DELETE FROM pool_moves WHERE event_id = ?');
  const wake = db.prepare<[{ code: string; now: string }]>(
    `UPDATE links SET next_attempt_at = @now, updated_at = @now
     WHERE state = 'failed' AND ifnull(last_error, '') LIKE @code || '%'
       AND (next_attempt_at IS NULL OR next_attempt_at > @now)`,
  );
  return {
    listHeld: (hosts, from, exceptCode) =>
      held.all({
        hosts: JSON.stringify(hosts),
        from: toStoredTime(from, 'from'),
        except: exceptCode,
      }),
    startMove: (move) => {
      start.run({ ...move, startedAt: stampNow(clock) });
    },
    getMove: (eventId) => get.get(eventId),
    endMove: (eventId) => {
      end.run(eventId);
    },
    wakeFailed: (code, now) => wake.run({ code, now: toStoredTime(now, 'now') }).changes,
  };
}
