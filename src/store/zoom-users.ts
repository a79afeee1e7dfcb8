import type { Database } from 'better-sqlite3';
import { redactText } from '../log.js';
import { stampNow, type Clock } from './clock.js';

/**
 * What zoomlink learnt of an organizer's Zoom account: whether they may be made an alternative
 * host of their bookings' meetings (Zoom: a licensed, active user of the same account). Looked up
 * once per address (`GET /users/{userId}`); a 404 is a final "not a user", never asked again. A
 * lookup that failed for another reason is remembered as unknown (when to ask again is the
 * planner's call: `needsLookup` in `src/sync/plan/meeting-request.ts`).
 * Addresses are compared case-insensitively.
 */
export interface ZoomUserLookup {
  email: string;
  /** true: may be an alternative host; false: may not; null: the lookup failed. */
  eligible: boolean | null;
  /** Why (for people): "licensed, active", "not a user of the account", the error. */
  detail: string;
  checkedAt: string;
}

export interface ZoomUsersRepository {
  get(email: string): ZoomUserLookup | undefined;
  record(email: string, eligible: boolean | null, detail: string): ZoomUserLookup;
}

interface Row {
  email: string;
  eligible: number | null;
  detail: string;
  checked_at: string;
}

const toLookup = (row: Row): ZoomUserLookup => ({
  email: row.email,
  eligible: row.eligible === null ? null : row.eligible === 1,
  detail: row.detail,
  checkedAt: row.checked_at,
});

export function createZoomUsersRepository(db: Database, clock: Clock): ZoomUsersRepository {
  const get = db.prepare<[string], Row>('SELECT * FROM zoom_users WHERE email = ?');
  const put = db.prepare<[{ email: string; eligible: number | null; detail: string; now: string }]>(
    `INSERT INTO zoom_users (email, eligible, detail, checked_at)
     VALUES (@email, @eligible, @detail, @now)
     ON CONFLICT (email) DO UPDATE SET eligible = @eligible, detail = @detail, checked_at = @now`,
  );
  const read = (email: string) => {
    const row = get.get(email);
    return row && toLookup(row);
  };
  return {
    get: read,
    record: (email, eligible, detail) => {
      put.run({
        email,
        eligible: eligible === null ? null : eligible ? 1 : 0,
        detail: redactText(detail),
        now: stampNow(clock),
      });
      return read(email)!;
    },
  };
}
