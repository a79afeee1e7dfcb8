import type { Migration } from '../migrate.js';

/**
 * Version 6: shared Zoom hosts and the user-level Zoom login (issue 15).
 *
 * - `zoom_login`: the one user-level OAuth login (`zoom.auth: user`): its refresh token — Zoom
 *   rotates it on every refresh, and the new one is committed here before the access token that
 *   came with it is used — the access token and when it runs out (so that another zoomlink
 *   process on the same database uses it rather than refresh again), who logged in, the scopes,
 *   and whether Zoom refused the refresh token (`login_required`). The database file is
 *   owner-only; the token never leaves it but for Zoom's token endpoint.
 * - `pool_moves`: the journal of a meeting moving from one pool host to another: written before
 *   the change is asked of Zoom and removed once it is done, so a move interrupted by a crash is
 *   finished (or replaced) rather than forgotten with the link naming the wrong host.
 * - `links_by_host`: a pool decision reads every booking its hosts hold.
 */
const sql = `
CREATE TABLE zoom_login (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  state              TEXT NOT NULL CHECK (state IN ('ok', 'login_required')),
  refresh_token      TEXT,
  access_token       TEXT,
  access_expires_at  TEXT,
  scopes             TEXT NOT NULL DEFAULT '',
  user_id            TEXT,
  user_email         TEXT,
  detail             TEXT NOT NULL DEFAULT '',
  -- One more at every login and every rotation: another process sees that the token changed.
  generation         INTEGER NOT NULL DEFAULT 1,
  logged_in_at       TEXT,
  rotated_at         TEXT,
  updated_at         TEXT NOT NULL,
  CHECK (state = 'login_required' OR refresh_token IS NOT NULL)
) STRICT;

CREATE TABLE pool_moves (
  event_id    TEXT PRIMARY KEY,
  meeting_id  INTEGER NOT NULL,
  from_host   TEXT NOT NULL,
  to_host     TEXT NOT NULL,
  started_at  TEXT NOT NULL
) STRICT;

CREATE INDEX links_by_host ON links (zoom_host COLLATE NOCASE) WHERE zoom_host IS NOT NULL;
`;

export const poolAndZoomLogin: Migration = {
  version: 6,
  description: 'shared Zoom hosts (move journal, links by host) and the user-level Zoom login',
  up(db) {
    db.exec(sql);
  },
};
