import type { Migration } from '../migrate.js';

/**
 * Version 2: when a booking starts and ends, on its link, so that the status page finds the
 * upcoming bookings and the daily pass the long-ended ones with an index instead of reading every
 * event snapshot.
 *
 * `starts_at` is the booking's first start; `ends_at` the end of its last occurrence, NULL when it
 * has none (an unbounded series) or it is not known. The columns come after `event_snapshot`
 * (ALTER TABLE can only append), so they are read through `links_upcoming`, which covers the
 * upcoming query, and `links_by_end`.
 *
 * Existing single bookings get both from their stored event (SQLite reads the offset of an
 * RFC 3339 time); a series gets its start only: its end needs its rule expanded, which the engine
 * does the next time it plans the booking (the window pass does so for every linked series).
 */
const sql = `
ALTER TABLE links ADD COLUMN starts_at TEXT;
ALTER TABLE links ADD COLUMN ends_at TEXT;

UPDATE links SET
  starts_at = strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(event_snapshot, '$.start.dateTime')),
  ends_at = CASE json_extract(event_snapshot, '$.kind')
    WHEN 'single' THEN strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(event_snapshot, '$.end.dateTime'))
  END
WHERE event_snapshot IS NOT NULL AND json_valid(event_snapshot)
  AND json_extract(event_snapshot, '$.kind') IN ('single', 'master');

CREATE INDEX links_upcoming ON links (state, starts_at, ends_at);
CREATE INDEX links_by_end ON links (ends_at) WHERE ends_at IS NOT NULL;
`;

export const linkSpan: Migration = {
  version: 2,
  description: 'when each booking starts and ends (links.starts_at, links.ends_at)',
  up(db) {
    db.exec(sql);
  },
};
