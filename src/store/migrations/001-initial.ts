import type { Migration } from '../migrate.js';

/**
 * Version 1: the whole first schema. Times are ISO 8601 UTC text with milliseconds (see
 * `time.ts`); Zoom meeting ids are INTEGER (int64, as Zoom documents them). Tables are STRICT so
 * that a wrong type is an error here rather than a surprise in a report. CHECK constraints hold
 * the state machines' vocabulary; the repositories hold their transitions.
 */
const sql = `
CREATE TABLE rooms (
  calendar_id      TEXT PRIMARY KEY,
  name             TEXT NOT NULL DEFAULT '',
  zoom_host        TEXT NOT NULL,
  sync_token       TEXT,
  last_poll_at     TEXT,
  last_success_at  TEXT,
  last_error       TEXT,
  last_error_at    TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE links (
  event_id               TEXT PRIMARY KEY,
  ical_uid               TEXT NOT NULL,
  organizer_email        TEXT NOT NULL DEFAULT '',
  strategy               TEXT NOT NULL CHECK (strategy IN
                           ('single', 'series', 'no_fixed_time', 'per_occurrence', 'foreign', 'skipped')),
  state                  TEXT NOT NULL CHECK (state IN
                           ('pending', 'linked', 'failed', 'deleted', 'ignored')),
  zoom_meeting_id        INTEGER,
  zoom_host              TEXT,
  join_url               TEXT,
  passcode               TEXT,
  window_from            TEXT,
  window_to              TEXT,
  zoom_hash              TEXT,
  writeback_hash         TEXT,
  writeback_calendar_id  TEXT,
  writeback_as           TEXT,
  attempts               INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at        TEXT,
  last_error             TEXT,
  last_error_at          TEXT,
  reason                 TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  -- Last, so that reading the other columns never walks through this large JSON.
  event_snapshot         TEXT,
  -- bookings we deliberately leave alone are 'ignored', and only they are (or 'deleted' once gone)
  CHECK (state = 'deleted' OR (state = 'ignored') = (strategy IN ('foreign', 'skipped')))
) STRICT;
CREATE INDEX links_due ON links (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX links_by_state ON links (state);
CREATE INDEX links_by_ical_uid ON links (ical_uid);
CREATE INDEX links_by_meeting ON links (zoom_meeting_id) WHERE zoom_meeting_id IS NOT NULL;
CREATE INDEX links_by_window_end ON links (window_to) WHERE window_to IS NOT NULL;

CREATE TABLE link_rooms (
  event_id     TEXT NOT NULL REFERENCES links (event_id) ON DELETE CASCADE,
  calendar_id  TEXT NOT NULL REFERENCES rooms (calendar_id) ON DELETE CASCADE,
  PRIMARY KEY (event_id, calendar_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX link_rooms_by_room ON link_rooms (calendar_id, event_id);

CREATE TABLE occurrence_meetings (
  event_id          TEXT NOT NULL REFERENCES links (event_id) ON DELETE CASCADE,
  occurrence_start  TEXT NOT NULL,
  zoom_meeting_id   INTEGER NOT NULL,
  join_url          TEXT NOT NULL,
  passcode          TEXT,
  duration_minutes  INTEGER NOT NULL CHECK (duration_minutes > 0),
  zoom_hash         TEXT,
  writeback_hash    TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  PRIMARY KEY (event_id, occurrence_start)
) STRICT, WITHOUT ROWID;
CREATE INDEX occurrence_meetings_by_meeting ON occurrence_meetings (zoom_meeting_id);

CREATE TABLE occurrence_overrides (
  event_id              TEXT NOT NULL REFERENCES links (event_id) ON DELETE CASCADE,
  original_start        TEXT NOT NULL,
  zoom_occurrence_id    TEXT,
  kind                  TEXT NOT NULL CHECK (kind IN ('deleted', 'moved')),
  new_start             TEXT,
  new_duration_minutes  INTEGER CHECK (new_duration_minutes > 0),
  event_snapshot        TEXT,
  applied_hash          TEXT,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  PRIMARY KEY (event_id, original_start),
  CHECK (kind = 'deleted' OR new_start IS NOT NULL)
) STRICT, WITHOUT ROWID;

-- No foreign key to links: the intent is committed before the link row may exist, and it must
-- outlive a link that is removed while a create is in flight.
CREATE TABLE intents (
  marker            TEXT PRIMARY KEY,
  event_id          TEXT NOT NULL,
  occurrence_start  TEXT,
  zoom_host         TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('open', 'done', 'abandoned')),
  zoom_meeting_id   INTEGER,
  attempts          INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  reason            TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  resolved_at       TEXT,
  CHECK ((state = 'done') = (zoom_meeting_id IS NOT NULL)),
  CHECK ((state = 'open') = (resolved_at IS NULL))
) STRICT;
-- At most one open create per booking (or per occurrence of a per_occurrence booking).
CREATE UNIQUE INDEX intents_one_open ON intents (event_id, ifnull(occurrence_start, ''))
  WHERE state = 'open';
CREATE INDEX intents_by_event ON intents (event_id);
CREATE INDEX intents_resolved ON intents (resolved_at) WHERE resolved_at IS NOT NULL;

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  service   TEXT NOT NULL CHECK (service IN ('zoom', 'google')),
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  result    TEXT NOT NULL CHECK (result IN ('ok', 'error')),
  event_id  TEXT,
  detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_event ON audit_log (event_id) WHERE event_id IS NOT NULL;

-- Zoom treats host emails case-insensitively, so one host is one row however it is spelled.
CREATE TABLE zoom_hosts (
  host             TEXT PRIMARY KEY COLLATE NOCASE,
  parked_until     TEXT,
  quota_remaining  INTEGER,
  quota_seen_at    TEXT,
  updated_at       TEXT NOT NULL
) STRICT;
`;

export const initialSchema: Migration = {
  version: 1,
  description: 'rooms, links, occurrences, intents, audit log, Zoom hosts',
  up(db) {
    db.exec(sql);
  },
};
