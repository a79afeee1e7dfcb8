import type { Migration } from '../migrate.js';

/**
 * Version 4: what rolling zoomlink out (and back) needs.
 *
 * - `links.skip_code`: why a booking is deliberately left without a meeting, as its stable code
 *   (`policy_opt_in`, `other_conference`, …), so the status page counts bookings out of scope;
 * - `rooms.scope_hash`: what the room's scope and meeting settings were when it was last read;
 *   when they change, the room's sync token is dropped and the next poll reads it whole, so a
 *   policy or settings change reaches every booking already linked;
 * - `zoom_users`: whether an organizer can be an alternative host (a licensed, active user of the
 *   Zoom account), looked up once per address;
 * - `observations`: the plan of each booking of a room in `observe` mode, for the status page;
 * - `decommissions`: the journal of `zoomlink decommission`, one row per booking, so a run that
 *   was killed half-way finishes without doing a step twice.
 */
const sql = `
ALTER TABLE links ADD COLUMN skip_code TEXT;
ALTER TABLE rooms ADD COLUMN scope_hash TEXT;

CREATE TABLE zoom_users (
  email       TEXT PRIMARY KEY COLLATE NOCASE,
  -- 1: may be an alternative host; 0: not a user, or not a licensed active one; NULL: the
  -- lookup failed (asked again after a day)
  eligible    INTEGER CHECK (eligible IN (0, 1)),
  detail      TEXT NOT NULL DEFAULT '',
  checked_at  TEXT NOT NULL
) STRICT;

CREATE TABLE observations (
  event_id     TEXT PRIMARY KEY,
  calendar_id  TEXT NOT NULL,
  preview      TEXT NOT NULL,
  observed_at  TEXT NOT NULL
) STRICT;
CREATE INDEX observations_by_room ON observations (calendar_id, observed_at);

-- No foreign key to links: the journal outlives a link the history prune removes.
CREATE TABLE decommissions (
  event_id    TEXT PRIMARY KEY,
  state       TEXT NOT NULL CHECK (state IN ('open', 'meetings_deleted', 'done')),
  detail      TEXT NOT NULL DEFAULT '',
  started_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
`;

export const rollout: Migration = {
  version: 4,
  description:
    'rollout: skip codes, room scope hashes, Zoom user lookups, observations, decommission journal',
  up(db) {
    db.exec(sql);
  },
};
