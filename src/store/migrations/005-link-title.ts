import type { Migration } from '../migrate.js';

/**
 * Version 5: the booking's title on its link, kept when the snapshot is replaced by a deletion
 * or cleared (a skipped booking keeps none), so that what people read — a log sentence about a
 * cancelled booking, the week view, a booking's page — can name it without reading the snapshot.
 * Existing links get it from their stored event.
 */
const sql = `
ALTER TABLE links ADD COLUMN title TEXT;

-- The week view's read (links.listOverlapping) from this index alone: the title and the span
-- come after the large snapshot in the row, and would be read through it row by row.
CREATE INDEX links_on_calendar
  ON links (state, starts_at, ends_at, event_id, strategy, updated_at, title);

UPDATE links SET title = json_extract(event_snapshot, '$.summary')
WHERE event_snapshot IS NOT NULL AND json_valid(event_snapshot)
  AND json_extract(event_snapshot, '$.kind') IN ('single', 'master');
`;

export const linkTitle: Migration = {
  version: 5,
  description: "the title of each booking (links.title), and the week view's index",
  up(db) {
    db.exec(sql);
  },
};
