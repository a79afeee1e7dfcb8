import type { Migration } from '../migrate.js';

/**
 * Version 8: Google push channels (issue 16). One row per open `events.watch` channel on a room
 * calendar, so that a restart reuses a channel still good for its address, or replaces it (a new
 * channel, then `channels.stop` of the old). A room has two rows only while one replaces the
 * other. `token` is the random secret Google echoes on every message (checked, never logged).
 */
const sql = `
CREATE TABLE push_channels (
  channel_id    TEXT PRIMARY KEY,
  calendar_id   TEXT NOT NULL,
  token         TEXT NOT NULL,
  resource_id   TEXT NOT NULL,
  resource_uri  TEXT NOT NULL,
  address       TEXT NOT NULL,
  expiration    TEXT NOT NULL,
  opened_at     TEXT NOT NULL
) STRICT;

CREATE INDEX push_channels_room ON push_channels (calendar_id);
`;

export const pushChannels: Migration = {
  version: 8,
  description: 'Google push channels per room calendar (push_channels)',
  up(db) {
    db.exec(sql);
  },
};
