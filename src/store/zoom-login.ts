import type { Database } from 'better-sqlite3';
import type { ZoomLoginPort, ZoomLoginRecord, ZoomTokenSet } from '../domain/zoom-login.js';
import { redactText } from '../log.js';
import { stampNow, type Clock } from './clock.js';
import { toStoredTime } from './time.js';

/**
 * The one user-level Zoom login (`zoom.auth: user`, `zoomlink zoom login`): its refresh token and
 * the access token that came with it, in the owner-only database. Zoom rotates the refresh token
 * at every refresh (facts: devsupport article 360060332931, devforum 10375), so a rotation is
 * committed here before the new access token is used, and only over the generation it was made
 * from (two processes refreshing at once cannot overwrite the newer token with an older one).
 */
export type ZoomLoginRepository = ZoomLoginPort;

interface Row {
  state: 'ok' | 'login_required';
  refresh_token: string | null;
  access_token: string | null;
  access_expires_at: string | null;
  scopes: string;
  user_id: string | null;
  user_email: string | null;
  detail: string;
  generation: number;
  logged_in_at: string | null;
  rotated_at: string | null;
  updated_at: string;
}

const toRecord = (row: Row): ZoomLoginRecord => ({
  state: row.state,
  refreshToken: row.refresh_token,
  accessToken: row.access_token,
  accessExpiresAt: row.access_expires_at,
  scopes: row.scopes === '' ? [] : row.scopes.split(' '),
  userId: row.user_id,
  userEmail: row.user_email,
  detail: row.detail,
  generation: row.generation,
  loggedInAt: row.logged_in_at,
  rotatedAt: row.rotated_at,
  updatedAt: row.updated_at,
});

export function createZoomLoginRepository(db: Database, clock: Clock): ZoomLoginRepository {
  const get = db.prepare<[], Row>('SELECT * FROM zoom_login WHERE id = 1');
  const login = db.prepare<[Record<string, string | null>]>(
    `INSERT INTO zoom_login (id, state, refresh_token, access_token, access_expires_at, scopes,
       detail, generation, logged_in_at, rotated_at, updated_at)
     VALUES (1, 'ok', @refresh, @access, @expires, @scopes, '', 1, @now, NULL, @now)
     ON CONFLICT (id) DO UPDATE SET state = 'ok', refresh_token = @refresh, access_token = @access,
       access_expires_at = @expires, scopes = @scopes, detail = '', user_id = NULL,
       user_email = NULL, generation = generation + 1, logged_in_at = @now, rotated_at = NULL,
       updated_at = @now`,
  );
  const rotate = db.prepare<[Record<string, string | number | null>]>(
    `UPDATE zoom_login SET refresh_token = @refresh, access_token = @access,
       access_expires_at = @expires, scopes = @scopes, generation = generation + 1,
       rotated_at = @now, updated_at = @now
     WHERE id = 1 AND generation = @generation AND state = 'ok'`,
  );
  const refuse = db.prepare<[{ generation: number; detail: string; now: string }]>(
    `UPDATE zoom_login SET state = 'login_required', refresh_token = NULL, access_token = NULL,
       access_expires_at = NULL, detail = @detail, updated_at = @now
     WHERE id = 1 AND generation = @generation`,
  );
  const user = db.prepare<[{ id: string; email: string; now: string }]>(
    'UPDATE zoom_login SET user_id = @id, user_email = @email, updated_at = @now WHERE id = 1',
  );
  const params = (tokens: ZoomTokenSet) => ({
    refresh: tokens.refreshToken,
    access: tokens.accessToken,
    expires: toStoredTime(tokens.accessExpiresAt, 'accessExpiresAt'),
    scopes: tokens.scopes.join(' '),
    now: stampNow(clock),
  });
  const read = () => {
    const row = get.get();
    return row && toRecord(row);
  };
  return {
    read,
    saveLogin: (tokens) => {
      login.run(params(tokens));
      return read()!;
    },
    saveRotation: (generation, tokens) =>
      rotate.run({ ...params(tokens), generation }).changes === 1,
    markLoginRequired: (generation, detail) => {
      refuse.run({ generation, detail: redactText(detail), now: stampNow(clock) });
    },
    setUser: (id, email) => {
      user.run({ id, email, now: stampNow(clock) });
    },
  };
}
