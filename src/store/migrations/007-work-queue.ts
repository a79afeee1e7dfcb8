import type { Migration } from '../migrate.js';

/**
 * Version 7: the work queue (issue 14). Polls put the bookings whose events changed here, one row
 * per booking with the normalised events still to be worked (a master before its exceptions, a
 * newer copy of an event in place of the older); workers take the soonest meeting first and
 * remove what they worked. A room's sync token is stored in the transaction that queued its last
 * page, so everything the token moves past is in this table or done.
 *
 * `seq` keeps a booking's place among those starting at the same time (first queued, first
 * worked); `held_room` marks a booking whose instances wait for their master until that room's
 * read is over; `version` counts the changes to a row (a worker removes only what it took).
 */
const sql = `
CREATE TABLE work_queue (
  seq          INTEGER PRIMARY KEY,
  booking_id   TEXT NOT NULL UNIQUE,
  priority_at  TEXT NOT NULL,
  events       TEXT NOT NULL CHECK (json_valid(events)),
  version      INTEGER NOT NULL DEFAULT 1,
  held_room    TEXT,
  queued_at    TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX work_queue_next ON work_queue (priority_at, seq);
`;

export const workQueue: Migration = {
  version: 7,
  description: 'the work queue: bookings to work, soonest meeting first (work_queue)',
  up(db) {
    db.exec(sql);
  },
};
